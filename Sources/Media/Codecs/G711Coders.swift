/// G.711 encoder: one byte per 8 kHz sample, so any frame length works.
public final class G711Encoder: AudioEncoder {
    public let law: G711Law
    public var sampleRate: Int { 8000 }
    public var rtpClockRate: Int { 8000 }

    public init(law: G711Law) { self.law = law }

    public func encode(_ pcm: UnsafeBufferPointer<Int16>, into payload: UnsafeMutableRawBufferPointer) throws(CodecError) -> Int {
        guard payload.count >= pcm.count else { throw .bufferTooSmall(needed: pcm.count) }
        switch law {
        case .muLaw: for i in 0..<pcm.count { payload[i] = G711.muLaw(pcm[i]) }
        case .aLaw: for i in 0..<pcm.count { payload[i] = G711.aLaw(pcm[i]) }
        }
        return pcm.count
    }
}

/// G.711 decoder. Every byte is a valid code, so decoding never fails on content. It has
/// no concealment of its own (`conceal` returns 0) and no redundancy (`recover` is nil).
public final class G711Decoder: AudioDecoder {
    public let law: G711Law
    public var sampleRate: Int { 8000 }
    public var rtpClockRate: Int { 8000 }

    public init(law: G711Law) { self.law = law }

    public func sampleCount(of payload: UnsafeRawBufferPointer) -> Int? { payload.count }

    public func decode(_ payload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) throws(CodecError) -> Int {
        guard pcm.count >= payload.count else { throw .bufferTooSmall(needed: payload.count) }
        switch law {
        case .muLaw: for i in 0..<payload.count { pcm[i] = G711.linear(muLaw: payload[i]) }
        case .aLaw: for i in 0..<payload.count { pcm[i] = G711.linear(aLaw: payload[i]) }
        }
        return payload.count
    }

    public func conceal(into pcm: UnsafeMutableBufferPointer<Int16>) -> Int { 0 }

    public func recover(from nextPayload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int? { nil }
}
