/// Converts 10 ms frames from one rate to another, always handing out exactly one output
/// frame per input frame: a resampler's output count may wobble by a sample around the
/// filter's start, and a call's encoder wants whole frames. A short FIFO absorbs that.
/// Allocation happens in `init` only; the buffers are `let` pointers, so the per-sample
/// loops pay no dynamic exclusivity checks.
final class FrameResampler {
    let inputRate: Int
    let outputRate: Int
    private let resampler: Resampler?
    private let fifo: UnsafeMutableBufferPointer<Int16>
    private var fifoCount = 0
    private let scratch: UnsafeMutableBufferPointer<Int16>

    /// Nil when the speex resampler refuses the rates.
    init?(from inputRate: Int, to outputRate: Int) {
        self.inputRate = inputRate
        self.outputRate = outputRate
        if inputRate == outputRate {
            resampler = nil
        } else {
            guard let r = try? Resampler(inputRate: inputRate, outputRate: outputRate, quality: 3) else { return nil }
            resampler = r
        }
        let outFrame = outputRate / 100
        fifo = .allocate(capacity: outFrame * 4)
        fifo.initialize(repeating: 0)
        scratch = .allocate(capacity: outFrame * 2 + 8)
        scratch.initialize(repeating: 0)
    }

    deinit {
        fifo.deallocate()
        scratch.deallocate()
    }

    /// Resamples `input` (one frame at `inputRate`) and fills all of `output` (one frame
    /// at `outputRate`); a missing sample at the start is silence.
    func convert(_ input: UnsafeBufferPointer<Int16>, into output: UnsafeMutableBufferPointer<Int16>) {
        guard let resampler else {
            let n = min(input.count, output.count)
            for i in 0..<n { output[i] = input[i] }
            for i in n..<output.count { output[i] = 0 }
            return
        }
        let fifo = self.fifo, scratch = self.scratch
        var fifoCount = self.fifoCount
        defer { self.fifoCount = fifoCount }
        let produced = resampler.process(input, into: scratch).produced
        // Append what came out, dropping the oldest if the FIFO would overflow (cannot
        // happen with matched frame sizes; bounded anyway).
        for i in 0..<produced {
            if fifoCount == fifo.count {
                for j in 1..<fifoCount { fifo[j - 1] = fifo[j] }
                fifoCount -= 1
            }
            fifo[fifoCount] = scratch[i]
            fifoCount += 1
        }
        let n = min(output.count, fifoCount)
        // Short at the start: pad in front, so the stream stays contiguous afterwards.
        let pad = output.count - n
        for i in 0..<pad { output[i] = 0 }
        for i in 0..<n { output[pad + i] = fifo[i] }
        let rest = fifoCount - n
        for i in 0..<rest { fifo[i] = fifo[n + i] }
        fifoCount = rest
    }
}
