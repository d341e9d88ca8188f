import COpus

/// Opus decoder (libopus) to mono at `sampleRate` (48 kHz unless told; the engine runs
/// Opus at 16 kHz): any packet, mono or stereo, decodes to mono.
/// `conceal` runs Opus PLC; `recover(from:)` rebuilds a lost packet from the in-band FEC
/// carried in the packet after it.
public final class OpusAudioDecoder: AudioDecoder {
    public let sampleRate: Int
    public var rtpClockRate: Int { 48000 }

    private let opus: OpusLibrary
    private let state: OpaquePointer
    /// Samples of the last frame decoded: how much a concealment covers.
    private var lastFrameSize: Int

    /// `sampleRate`: 8000, 12000, 16000, 24000 or 48000 (what libopus decodes to).
    public init(sampleRate: Int = 48000) throws(CodecError) {
        guard OpusLibrary.sampleRates.contains(sampleRate) else { throw .unsupported("opus at \(sampleRate) Hz") }
        let opus = try OpusLibrary.load()
        var error: Int32 = 0
        guard let state = opus.decoder_create(Int32(sampleRate), 1, &error), error == OPUS_OK else {
            throw opus.error(error == OPUS_OK ? OPUS_ALLOC_FAIL : error)
        }
        self.opus = opus
        self.state = state
        self.sampleRate = sampleRate
        lastFrameSize = sampleRate / 50
    }

    deinit { opus.decoder_destroy(state) }

    /// Drops the decoder's history (a new stream).
    public func reset() {
        _ = pipit_opus_decoder_reset(opus.decoder_ctl, state)
        lastFrameSize = sampleRate / 50
    }

    public func sampleCount(of payload: UnsafeRawBufferPointer) -> Int? {
        guard let base = payload.baseAddress?.assumingMemoryBound(to: UInt8.self), payload.count > 0 else { return nil }
        let count = opus.packet_get_nb_samples(base, Int32(clamping: payload.count), Int32(sampleRate))
        return count > 0 ? Int(count) : nil
    }

    public func decode(_ payload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) throws(CodecError) -> Int {
        guard let input = payload.baseAddress?.assumingMemoryBound(to: UInt8.self), payload.count > 0 else {
            throw .badPayload("empty opus packet")
        }
        guard let output = pcm.baseAddress else { throw .bufferTooSmall(needed: sampleRate / 50) }
        if let needed = sampleCount(of: payload), needed > pcm.count { throw .bufferTooSmall(needed: needed) }
        let samples = try opus.check(
            opus.decode(state, input, Int32(clamping: payload.count), output, Int32(clamping: pcm.count), 0))
        if samples > 0 { lastFrameSize = samples }
        return samples
    }

    /// Opus PLC for one lost frame of the last decoded length (at most `pcm.count`).
    public func conceal(into pcm: UnsafeMutableBufferPointer<Int16>) -> Int {
        let frame = whole(min(lastFrameSize, pcm.count))
        guard frame > 0, let output = pcm.baseAddress else { return 0 }
        return max(0, Int(opus.decode(state, nil, 0, output, Int32(frame), 0)))
    }

    /// Decodes the FEC copy of the lost packet from `nextPayload`. Nil when that packet
    /// carries none (CELT-only, or FEC off at the sender): conceal instead.
    public func recover(from nextPayload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int? {
        guard opus.hasInbandFEC(nextPayload),
              let input = nextPayload.baseAddress?.assumingMemoryBound(to: UInt8.self),
              let output = pcm.baseAddress,
              let duration = sampleCount(of: nextPayload)
        else { return nil }
        // The lost packet is taken to have had the next one's duration (one ptime).
        let frame = whole(min(duration, pcm.count))
        guard frame > 0 else { return nil }
        let samples = opus.decode(state, input, Int32(clamping: nextPayload.count), output, Int32(frame), 1)
        return samples > 0 ? Int(samples) : nil
    }

    /// Rounds down to whole 2.5 ms units, which PLC and FEC decoding require.
    /// `samples` cut to whole 2.5 ms Opus frames.
    private func whole(_ samples: Int) -> Int { samples - samples % (sampleRate / 400) }
}
