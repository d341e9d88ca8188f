import COpus

/// Opus encoder (libopus), mono at `sampleRate` (48 kHz unless told; the engine runs Opus
/// at 16 kHz), application VOIP. Frames of 10, 20, 40 or 60 ms
/// (2.5 and 5 ms work too). Settings can change between frames.
///
/// DTX rule: when `settings.dtx` is on, libopus marks a frame that needs no transmission
/// by returning a packet of at most 2 bytes (TOC only, or TOC and a frame count); `encode`
/// then returns 0, meaning "send nothing", and the RTP timestamp still advances. With DTX
/// off every packet, however short, is sent.
public final class OpusAudioEncoder: AudioEncoder {
    public let sampleRate: Int
    public var rtpClockRate: Int { 48000 }
    /// The settings in force.
    public private(set) var settings: OpusEncoderSettings
    /// Samples per frame at `sampleRate`, from `settings.frameMilliseconds`.
    public var frameSize: Int { settings.frameMilliseconds * sampleRate / 1000 }

    private let opus: OpusLibrary
    private let state: OpaquePointer

    /// `sampleRate`: 8000, 12000, 16000, 24000 or 48000 (what libopus encodes from).
    public init(settings: OpusEncoderSettings = OpusEncoderSettings(), sampleRate: Int = 48000) throws(CodecError) {
        guard OpusLibrary.sampleRates.contains(sampleRate) else { throw .unsupported("opus at \(sampleRate) Hz") }
        self.sampleRate = sampleRate
        let opus = try OpusLibrary.load()
        var error: Int32 = 0
        guard let state = opus.encoder_create(Int32(sampleRate), 1, OPUS_APPLICATION_VOIP, &error), error == OPUS_OK else {
            throw opus.error(error == OPUS_OK ? OPUS_ALLOC_FAIL : error)
        }
        do {
            try Self.configure(opus, state, settings)
        } catch {
            opus.encoder_destroy(state)
            throw error
        }
        self.opus = opus
        self.state = state
        self.settings = settings
    }

    deinit { opus.encoder_destroy(state) }

    /// Applies new settings; a value libopus refuses throws and leaves the rest applied.
    public func apply(_ new: OpusEncoderSettings) throws(CodecError) {
        try Self.configure(opus, state, new)
        settings = new
    }

    private static func configure(_ opus: OpusLibrary, _ state: OpaquePointer, _ new: OpusEncoderSettings) throws(CodecError) {
        func set(_ request: Int32, _ value: Int32) throws(CodecError) {
            try opus.check(pipit_opus_encoder_set(opus.encoder_ctl, state, request, value))
        }
        guard OpusLibrary.isFrameSize(new.frameMilliseconds * 48) else {
            throw .unsupported("opus frame of \(new.frameMilliseconds) ms")
        }
        try set(OPUS_SET_BITRATE_REQUEST, libopusBitrate(new.effectiveBitrate))
        try set(OPUS_SET_COMPLEXITY_REQUEST, libopusComplexity(new.effectiveComplexity))
        try set(OPUS_SET_INBAND_FEC_REQUEST, new.inbandFEC ? 1 : 0)
        try set(OPUS_SET_PACKET_LOSS_PERC_REQUEST, Int32(clamping: min(max(new.packetLossPercent, 0), 100)))
        try set(OPUS_SET_DTX_REQUEST, new.dtx ? 1 : 0)
        try set(OPUS_SET_VBR_REQUEST, new.cbr ? 0 : 1)
        try set(OPUS_SET_MAX_BANDWIDTH_REQUEST, new.maxBandwidth.opusValue)
        try set(OPUS_SET_SIGNAL_REQUEST, OPUS_SIGNAL_VOICE)
    }

    /// Tells the encoder the loss rate the peer sees, so its FEC carries enough; the
    /// complexity and bitrate follow (`OpusEncoderSettings.onCleanPath`).
    public func setPacketLoss(percent: Int) {
        let value = min(max(percent, 0), 100)
        guard (try? set(OPUS_SET_PACKET_LOSS_PERC_REQUEST, Int32(value))) != nil else { return }
        let before = settings
        settings.packetLossPercent = value
        followPath(from: before)
    }

    /// Tells the encoder the path's jitter (ms): above `OpusEncoderSettings.cleanJitter`
    /// it leaves the clean path's profile.
    public func setPathJitter(milliseconds: Int) {
        let before = settings
        settings.pathJitterMilliseconds = max(milliseconds, 0)
        followPath(from: before)
    }

    private func followPath(from before: OpusEncoderSettings) {
        if settings.effectiveComplexity != before.effectiveComplexity {
            _ = try? set(OPUS_SET_COMPLEXITY_REQUEST, Self.libopusComplexity(settings.effectiveComplexity))
        }
        if settings.effectiveBitrate != before.effectiveBitrate {
            _ = try? set(OPUS_SET_BITRATE_REQUEST, Self.libopusBitrate(settings.effectiveBitrate))
        }
    }

    /// The complexity libopus runs at now (asked of libopus itself).
    public var complexityInForce: Int? {
        var value: Int32 = -1
        guard pipit_opus_encoder_get(opus.encoder_ctl, state, OPUS_GET_COMPLEXITY_REQUEST, &value) == OPUS_OK else { return nil }
        return Int(value)
    }

    /// Changes the target bitrate (bit/s), e.g. on congestion; it holds on a clean path too.
    public func setBitrate(_ bitrate: Int) {
        let value = Self.libopusBitrate(bitrate)
        if (try? set(OPUS_SET_BITRATE_REQUEST, value)) != nil {
            settings.bitrate = Int(value)
            settings.cleanPathBitrate = nil
        }
    }

    /// The bitrate libopus runs at now (asked of libopus itself).
    public var bitrateInForce: Int? {
        var value: Int32 = -1
        guard pipit_opus_encoder_get(opus.encoder_ctl, state, OPUS_GET_BITRATE_REQUEST, &value) == OPUS_OK else { return nil }
        return Int(value)
    }

    /// Drops the encoder's history (a new stream).
    public func reset() { _ = pipit_opus_encoder_reset(opus.encoder_ctl, state) }

    /// Encodes one frame (a valid Opus frame size). A payload buffer smaller than
    /// `maxPacketSize` caps the packet: libopus codes the frame into the room there is.
    public func encode(_ pcm: UnsafeBufferPointer<Int16>, into payload: UnsafeMutableRawBufferPointer) throws(CodecError) -> Int {
        guard (pcm.count * 48000) % sampleRate == 0, OpusLibrary.isFrameSize(pcm.count * 48000 / sampleRate),
              let input = pcm.baseAddress else {
            throw .unsupported("opus frame of \(pcm.count) samples")
        }
        guard let output = payload.baseAddress?.assumingMemoryBound(to: UInt8.self), payload.count > 0 else {
            throw .bufferTooSmall(needed: OpusAudioEncoder.maxPacketSize)
        }
        let length = try opus.check(
            opus.encode(state, input, Int32(pcm.count), output, Int32(clamping: min(payload.count, OpusAudioEncoder.maxPacketSize))))
        return settings.dtx && length <= 2 ? 0 : length
    }

    /// The largest packet libopus writes for one call (RFC 6716 §3.4: 1275 bytes per
    /// frame, up to three 20 ms frames in 60 ms, plus framing).
    public static let maxPacketSize = 4000

    /// A bitrate as libopus takes it: 6 to 510 kbit/s.
    private static func libopusBitrate(_ bitrate: Int) -> Int32 { Int32(min(max(bitrate, 6000), 510_000)) }

    /// A complexity as libopus takes it: 0 to 10.
    private static func libopusComplexity(_ complexity: Int) -> Int32 { Int32(min(max(complexity, 0), 10)) }

    private func set(_ request: Int32, _ value: Int32) throws(CodecError) {
        try opus.check(pipit_opus_encoder_set(opus.encoder_ctl, state, request, value))
    }
}
