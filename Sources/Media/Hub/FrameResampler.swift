/// Converts 10 ms frames from one rate to another, always handing out exactly one output
/// frame per input frame: a resampler's output count may wobble by a sample around the
/// filter's start, and a call's encoder wants whole frames. A short FIFO absorbs that.
/// Allocation happens in `init` only.
final class FrameResampler {
    let inputRate: Int
    let outputRate: Int
    private let resampler: Resampler?
    private var fifo: [Int16]
    private var fifoCount = 0
    private var scratch: [Int16]

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
        fifo = [Int16](repeating: 0, count: outFrame * 4)
        scratch = [Int16](repeating: 0, count: outFrame * 2 + 8)
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
        let produced = scratch.withUnsafeMutableBufferPointer { resampler.process(input, into: $0).produced }
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
