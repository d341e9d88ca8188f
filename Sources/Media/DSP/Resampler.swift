import CSpeexDSP

/// Converts int16 mono PCM between rates (8, 16, 44.1, 48 kHz…) with SpeexDSP's
/// resampler. One instance per direction and stream; it keeps filter history between
/// calls, so feed it a continuous signal. `process` writes into caller buffers and does
/// not allocate.
public final class Resampler {
    public let inputRate: Int
    public let outputRate: Int
    /// 0 (fast) … 10 (best); 3 is the VoIP default, 5 the desktop default.
    public let quality: Int

    private let state: OpaquePointer
    private let speex: SpeexLibrary

    public init(inputRate: Int, outputRate: Int, quality: Int = 5) throws(CodecError) {
        guard inputRate > 0, outputRate > 0, inputRate <= 384_000, outputRate <= 384_000 else {
            throw .unsupported("resampling \(inputRate) Hz to \(outputRate) Hz")
        }
        let q = min(max(quality, 0), 10)
        let speex: SpeexLibrary
        do { speex = try SpeexLibrary.load() } catch { throw .library(code: -1, message: error.description) }
        var error: Int32 = 0
        guard let state = speex.resampler_init(1, UInt32(inputRate), UInt32(outputRate), Int32(q), &error), error == 0 else {
            throw Self.error(speex, error)
        }
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.quality = q
        self.state = state
        self.speex = speex
        // Start with output aligned to input (no leading run of zeros from the filter).
        _ = speex.resampler_skip_zeros(state)
    }

    deinit { speex.resampler_destroy(state) }

    /// Output samples `inputCount` input samples can produce, rounded up (size buffers).
    public func outputCapacity(forInputCount inputCount: Int) -> Int {
        (inputCount * outputRate + inputRate - 1) / inputRate + 1
    }

    /// Filter delay in input samples.
    public var inputLatency: Int { Int(speex.resampler_get_input_latency(state)) }

    /// Resamples `input` into `output`; returns how many samples each side used. All
    /// input is consumed when `output` has `outputCapacity(forInputCount:)` room.
    @discardableResult
    public func process(_ input: UnsafeBufferPointer<Int16>, into output: UnsafeMutableBufferPointer<Int16>) -> (consumed: Int, produced: Int) {
        guard let inBase = input.baseAddress, let outBase = output.baseAddress, !input.isEmpty, !output.isEmpty else {
            return (0, 0)
        }
        var inLength = UInt32(clamping: input.count)
        var outLength = UInt32(clamping: output.count)
        let result = speex.resampler_process_int(state, 0, inBase, &inLength, outBase, &outLength)
        guard result == 0 else { return (0, 0) }
        return (Int(inLength), Int(outLength))
    }

    /// Forgets the history (a new, unrelated stream).
    public func reset() {
        _ = speex.resampler_reset_mem(state)
        _ = speex.resampler_skip_zeros(state)
    }

    private static func error(_ speex: SpeexLibrary, _ code: Int32) -> CodecError {
        let message = speex.resampler_strerror(code).map { String(cString: $0) } ?? "unknown"
        return .library(code: code, message: message)
    }
}
