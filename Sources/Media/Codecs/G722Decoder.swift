/// ITU-T G.722 decoder, 64 kbit/s mode: each byte gives two 16 kHz samples. Every byte is
/// a valid code word, so decoding never fails on content. No concealment of its own
/// (`conceal` returns 0: the playout conceals from the waveform) and no redundancy.
public final class G722Decoder: AudioDecoder {
    public var sampleRate: Int { 16000 }
    public var rtpClockRate: Int { 8000 }

    private var state = G722State()

    public init() {}

    /// Back to the initial state (a new stream, or after a codec change).
    public func reset() { state = G722State() }

    public func sampleCount(of payload: UnsafeRawBufferPointer) -> Int? { payload.count * 2 }

    public func decode(_ payload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) throws(CodecError) -> Int {
        let samples = payload.count * 2
        guard pcm.count >= samples else { throw .bufferTooSmall(needed: samples) }
        for n in 0..<payload.count {
            let code = Int32(payload[n])
            let rLow = decodeLower(code & 0x3F)
            let rHigh = decodeHigher((code >> 6) & 0x03)
            let (first, second) = state.qmf.merge(low: rLow, high: rHigh)
            pcm[2 * n] = first
            pcm[2 * n + 1] = second
        }
        return samples
    }

    public func conceal(into pcm: UnsafeMutableBufferPointer<Int16>) -> Int { 0 }

    public func recover(from nextPayload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int? { nil }

    /// Lower band: the output uses the full 6-bit code (INVQBL, RECONS, LIMIT); the
    /// adaptation uses its 4-bit truncation, exactly as the encoder did.
    private func decodeLower(_ code: Int32) -> Int32 {
        let dl = (state.lower.det &* G722Tables.qm6[Int(code)]) >> 15
        let rl = min(max(state.lower.s &+ dl, -16384), 16383)
        let truncated = code >> 2
        let dlt = (state.lower.det &* G722Tables.qm4[Int(truncated)]) >> 15
        state.lower.adaptScale(code: truncated)
        state.lower.updatePredictor(dlt)
        return rl
    }

    /// Higher band: INVQAH, RECONS, LIMIT and the same adaptation as the encoder.
    private func decodeHigher(_ code: Int32) -> Int32 {
        let dh = (state.higher.det &* G722Tables.qm2[Int(code)]) >> 15
        let rh = min(max(state.higher.s &+ dh, -16384), 16383)
        state.higher.adaptScale(code: code)
        state.higher.updatePredictor(dh)
        return rh
    }
}
