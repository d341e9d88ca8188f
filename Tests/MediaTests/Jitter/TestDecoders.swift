import Media

/// Linear 16-bit PCM, big-endian (like RTP L16), at `sampleRate`; no concealment.
final class L16Decoder: AudioDecoder {
    let sampleRate: Int
    let rtpClockRate: Int
    init(sampleRate: Int = 8000) {
        self.sampleRate = sampleRate
        rtpClockRate = sampleRate
    }
    func sampleCount(of payload: UnsafeRawBufferPointer) -> Int? { payload.count / 2 }
    func decode(_ payload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) throws(CodecError) -> Int {
        let n = payload.count / 2
        guard n > 0 else { throw .badPayload("empty") }
        guard n <= pcm.count else { throw .bufferTooSmall(needed: n) }
        for i in 0..<n { pcm[i] = Int16(bitPattern: UInt16(payload[2 * i]) << 8 | UInt16(payload[2 * i + 1])) }
        return n
    }
    func conceal(into pcm: UnsafeMutableBufferPointer<Int16>) -> Int { 0 }
    func recover(from nextPayload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int? { nil }

    static func payload(_ samples: ArraySlice<Int16>) -> [UInt8] {
        samples.flatMap { [UInt8(truncatingIfNeeded: UInt16(bitPattern: $0) >> 8), UInt8(truncatingIfNeeded: $0)] }
    }
}

/// L16 with a codec-style concealment that writes a recognisable constant.
final class NativePLCDecoder: AudioDecoder {
    static let concealValue: Int16 = 1234
    let inner = L16Decoder()
    var concealCalls = 0
    var sampleRate: Int { inner.sampleRate }
    var rtpClockRate: Int { inner.rtpClockRate }
    func sampleCount(of payload: UnsafeRawBufferPointer) -> Int? { inner.sampleCount(of: payload) }
    func decode(_ payload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) throws(CodecError) -> Int {
        try inner.decode(payload, into: pcm)
    }
    func conceal(into pcm: UnsafeMutableBufferPointer<Int16>) -> Int {
        concealCalls += 1
        for i in pcm.indices { pcm[i] = Self.concealValue }
        return pcm.count
    }
    func recover(from nextPayload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int? { nil }
}

/// Each payload carries the previous frame (redundancy) then its own, both L16: like
/// Opus in-band FEC, a lost frame can be rebuilt from the packet after it.
final class RedundantDecoder: AudioDecoder {
    let sampleRate = 8000
    let rtpClockRate = 8000
    var recoverCalls = 0
    func sampleCount(of payload: UnsafeRawBufferPointer) -> Int? { payload.count / 4 }
    func decode(_ payload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) throws(CodecError) -> Int {
        let half = payload.count / 2
        return try L16Decoder().decode(UnsafeRawBufferPointer(rebasing: payload[half...]), into: pcm)
    }
    func conceal(into pcm: UnsafeMutableBufferPointer<Int16>) -> Int { 0 }
    func recover(from nextPayload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int? {
        recoverCalls += 1
        let half = nextPayload.count / 2
        guard let n = try? L16Decoder().decode(UnsafeRawBufferPointer(rebasing: nextPayload[..<half]), into: pcm) else { return nil }
        return n
    }
}

/// A tone synthesised from the timestamp in the payload (4 bytes timestamp, 2 bytes
/// sample count): cheap enough to simulate a minute of call in milliseconds.
final class ToneDecoder: AudioDecoder {
    let sampleRate: Int
    let rtpClockRate: Int
    let period: Int
    init(sampleRate: Int = 8000, period: Int = 32) {
        self.sampleRate = sampleRate
        rtpClockRate = sampleRate
        self.period = period
    }
    func sampleCount(of payload: UnsafeRawBufferPointer) -> Int? {
        payload.count == 6 ? Int(UInt16(payload[4]) << 8 | UInt16(payload[5])) : nil
    }
    func decode(_ payload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) throws(CodecError) -> Int {
        guard payload.count == 6, let n = sampleCount(of: payload), n <= pcm.count else { throw .badPayload("tone") }
        let ts = UInt32(payload[0]) << 24 | UInt32(payload[1]) << 16 | UInt32(payload[2]) << 8 | UInt32(payload[3])
        for i in 0..<n { pcm[i] = Self.sample(Int((ts &+ UInt32(i)) % UInt32(period)), period: period) }
        return n
    }
    func conceal(into pcm: UnsafeMutableBufferPointer<Int16>) -> Int { 0 }
    func recover(from nextPayload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int? { nil }

    /// A triangle wave (harmonic, like voiced speech) with the given period.
    static func sample(_ phase: Int, period: Int) -> Int16 {
        let half = period / 2
        let x = phase < half ? phase : period - phase
        return Int16(-8000 + 16000 * x / max(half, 1))
    }

    static func payload(timestamp: UInt32, samples: Int) -> [UInt8] {
        [UInt8(timestamp >> 24), UInt8(truncatingIfNeeded: timestamp >> 16), UInt8(truncatingIfNeeded: timestamp >> 8),
         UInt8(truncatingIfNeeded: timestamp), UInt8(samples >> 8), UInt8(truncatingIfNeeded: samples)]
    }
}
