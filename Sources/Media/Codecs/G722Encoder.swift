/// ITU-T G.722 encoder, 64 kbit/s mode: 16 kHz PCM in, one byte per two samples out
/// (6-bit lower band code in bits 0–5, 2-bit higher band code in bits 6–7). Its RTP clock
/// is 8000 although it samples at 16 kHz (RFC 3551 §4.5.2).
public final class G722Encoder: AudioEncoder {
    public var sampleRate: Int { 16000 }
    public var rtpClockRate: Int { 8000 }

    private var state = G722State()

    public init() {}

    /// Back to the initial state (a new stream, or after a codec change).
    public func reset() { state = G722State() }

    /// Encodes an even number of samples into `pcm.count / 2` bytes.
    public func encode(_ pcm: UnsafeBufferPointer<Int16>, into payload: UnsafeMutableRawBufferPointer) throws(CodecError) -> Int {
        guard pcm.count % 2 == 0 else { throw .unsupported("G.722 needs an even number of samples, got \(pcm.count)") }
        let bytes = pcm.count / 2
        guard payload.count >= bytes else { throw .bufferTooSmall(needed: bytes) }
        for n in 0..<bytes {
            let (xLow, xHigh) = state.qmf.split(pcm[2 * n], pcm[2 * n + 1])
            let low = encodeLower(xLow)
            let high = encodeHigher(xHigh)
            payload[n] = UInt8(truncatingIfNeeded: (high << 6) | low)
        }
        return bytes
    }

    /// Lower band: 6-bit quantisation of the prediction error (SUBTRA, QUANTL), then the
    /// shared adaptation driven by the 4-bit truncated code (INVQAL).
    private func encodeLower(_ xLow: Int32) -> Int32 {
        let el = g722Saturate(xLow &- state.lower.s)
        let magnitude = el >= 0 ? el : -(el &+ 1)
        var interval = 1
        while interval < 30, magnitude >= (G722Tables.q6[interval] &* state.lower.det) >> 12 { interval += 1 }
        let code = el < 0 ? G722Tables.iln[interval] : G722Tables.ilp[interval]
        let truncated = code >> 2
        let dlt = (state.lower.det &* G722Tables.qm4[Int(truncated)]) >> 15
        state.lower.adaptScale(code: truncated)
        state.lower.updatePredictor(dlt)
        return code
    }

    /// Higher band: 2-bit quantisation (QUANTH) and its adaptation (INVQAH).
    private func encodeHigher(_ xHigh: Int32) -> Int32 {
        let eh = g722Saturate(xHigh &- state.higher.s)
        let magnitude = eh >= 0 ? eh : -(eh &+ 1)
        let large = magnitude >= (564 &* state.higher.det) >> 12
        let code = eh < 0 ? G722Tables.ihn[large ? 2 : 1] : G722Tables.ihp[large ? 2 : 1]
        let dh = (state.higher.det &* G722Tables.qm2[Int(code)]) >> 15
        state.higher.adaptScale(code: code)
        state.higher.updatePredictor(dh)
        return code
    }
}
