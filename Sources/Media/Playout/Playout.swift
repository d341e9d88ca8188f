/// The receive side of one audio stream: RTP payloads in, exactly one frame of PCM out
/// per tick. It owns the jitter buffer, the decoder, the waveform concealer (used when
/// the codec has no concealment of its own), time stretching and comfort noise.
///
/// Both entry points run on the one media thread that owns the decoder; nothing here
/// reads a clock or allocates after init. Times are milliseconds of one monotonic clock.
/// Per received RTP packet call `insert`; per output frame call `render`. The PCM is at
/// the decoder's `sampleRate` (resampling to the device is the DSP's job).
public final class Playout {
    /// The decoder in use, and its payload type: the one of the last decoded packet.
    public internal(set) var decoder: AudioDecoder
    public internal(set) var payloadType: UInt8
    /// Every payload type this stream can decode (the peer may switch between them, e.g.
    /// PCMU and PCMA). Packets of other types (except comfort noise) are concealed and
    /// counted as decode errors.
    var decoders: [(payloadType: UInt8, decoder: AudioDecoder)]
    /// Samples produced by each `render`.
    public let frameSamples: Int
    var buffer: JitterBuffer
    var concealer: WaveformConcealer
    let stretcher: TimeStretcher
    let noise = ComfortNoiseGenerator()
    /// The jitter buffer's `noiseGeneration` the generator was last updated from.
    var noiseGeneration = 0
    var queue: PCMQueue
    /// Room for the longest packet (120 ms).
    var scratch: [Int16]
    var counters = JitterBufferStatistics()
    var concealedThisTick = false
    /// Set after silence: the next decoded audio fades in instead of starting with a click.
    var fadeInNext = false

    /// `configuration.clockRate` is taken from the decoder.
    public init(decoder: AudioDecoder, payloadType: UInt8, configuration: JitterBufferConfiguration) {
        var settings = configuration
        settings.clockRate = decoder.rtpClockRate
        self.decoder = decoder
        self.payloadType = payloadType
        decoders = [(payloadType, decoder)]
        decoders.reserveCapacity(8)
        buffer = JitterBuffer(configuration: settings)
        let rate = max(decoder.sampleRate, 8000)
        frameSamples = rate * settings.frameMs / 1000
        concealer = WaveformConcealer(sampleRate: rate)
        stretcher = TimeStretcher(sampleRate: rate)
        scratch = [Int16](repeating: 0, count: rate * 120 / 1000)
        // Longest packet, plus a frame, plus stretch input and the room expand needs.
        queue = PCMQueue(capacity: rate * 120 / 1000 + frameSamples + 3 * stretcher.maxPitch)
    }

    /// Adds one received RTP packet (payload copied). `arrival` in ms. A block copied from
    /// an RFC 2198 red payload comes with its `redundancyOffset` (RTP units back from the
    /// packet's timestamp; 0 for the packet's own audio): it only fills a hole.
    @discardableResult
    public func insert(
        sequence: UInt16, timestamp: UInt32, marker: Bool, ssrc: UInt32, payloadType: UInt8,
        payload: UnsafeRawBufferPointer, arrival: Int, redundancyOffset: Int = 0
    ) -> JitterBuffer.InsertOutcome {
        var units: Int?
        if let decoder = decoder(for: payloadType), let samples = decoder.sampleCount(of: payload) {
            units = samples * decoder.rtpClockRate / max(decoder.sampleRate, 1)
        }
        return buffer.insert(sequence: sequence, timestamp: timestamp, marker: marker, ssrc: ssrc,
                             payloadType: payloadType, payload: payload, arrival: arrival, units: units,
                             redundancyOffset: redundancyOffset)
    }

    /// Adds another payload type the peer may switch to. Refused (false) when its rates
    /// differ from the first decoder's: the output rate and timestamps must not change.
    @discardableResult
    public func addDecoder(_ decoder: AudioDecoder, payloadType: UInt8) -> Bool {
        guard decoder.sampleRate == self.decoder.sampleRate, decoder.rtpClockRate == self.decoder.rtpClockRate,
              self.decoder(for: payloadType) == nil, decoders.count < 8 else { return false }
        decoders.append((payloadType, decoder))
        return true
    }

    /// Whether packets of `payloadType` can be played (a red block must carry one).
    public func decodes(_ payloadType: UInt8) -> Bool { decoder(for: payloadType) != nil }

    /// The RTP units `payload` of `payloadType` lasts, when its decoder can tell.
    public func units(of payload: UnsafeRawBufferPointer, payloadType: UInt8) -> Int? {
        guard let decoder = decoder(for: payloadType), let samples = decoder.sampleCount(of: payload) else { return nil }
        return samples * decoder.rtpClockRate / max(decoder.sampleRate, 1)
    }

    func decoder(for payloadType: UInt8) -> AudioDecoder? {
        decoders.first { $0.payloadType == payloadType }?.decoder
    }

    /// Delays and counters of this stream.
    public var statistics: JitterBufferStatistics {
        var s = buffer.statistics
        s.framesConcealed = counters.framesConcealed
        s.framesRecovered = counters.framesRecovered
        s.framesAccelerated = counters.framesAccelerated
        s.framesExpanded = counters.framesExpanded
        s.decodeErrors = counters.decodeErrors
        return s
    }

    func units(samples: Int) -> Int { samples * decoder.rtpClockRate / max(decoder.sampleRate, 1) }
    func samples(units: Int) -> Int { units * max(decoder.sampleRate, 1) / decoder.rtpClockRate }
}
