/// The receive side of one audio stream: RTP payloads in, exactly one frame of PCM out
/// per tick. It owns the jitter buffer, the decoder, the waveform concealer (used when
/// the codec has no concealment of its own), time stretching and comfort noise.
///
/// Both entry points run on the one media thread that owns the decoder; nothing here
/// reads a clock or allocates after init. Times are milliseconds of one monotonic clock.
/// Per received RTP packet call `insert`; per output frame call `render`. The PCM is at
/// the decoder's `sampleRate` (resampling to the device is the DSP's job).
public final class Playout {
    public let decoder: AudioDecoder
    /// Payload type the decoder understands; other types (except comfort noise) are
    /// concealed and counted as decode errors.
    public let payloadType: UInt8
    /// Samples produced by each `render`.
    public let frameSamples: Int
    var buffer: JitterBuffer
    var concealer: WaveformConcealer
    let stretcher: TimeStretcher
    var noise = ComfortNoise()
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
        buffer = JitterBuffer(configuration: settings)
        let rate = max(decoder.sampleRate, 8000)
        frameSamples = rate * settings.frameMs / 1000
        concealer = WaveformConcealer(sampleRate: rate)
        stretcher = TimeStretcher(sampleRate: rate)
        scratch = [Int16](repeating: 0, count: rate * 120 / 1000)
        // Longest packet, plus a frame, plus stretch input and the room expand needs.
        queue = PCMQueue(capacity: rate * 120 / 1000 + frameSamples + 3 * stretcher.maxPitch)
    }

    /// Adds one received RTP packet (payload copied). `arrival` in ms.
    @discardableResult
    public func insert(
        sequence: UInt16, timestamp: UInt32, marker: Bool, ssrc: UInt32, payloadType: UInt8,
        payload: UnsafeRawBufferPointer, arrival: Int
    ) -> JitterBuffer.InsertOutcome {
        var units: Int?
        if payloadType == self.payloadType, let samples = decoder.sampleCount(of: payload) {
            units = samples * decoder.rtpClockRate / max(decoder.sampleRate, 1)
        }
        return buffer.insert(sequence: sequence, timestamp: timestamp, marker: marker, ssrc: ssrc,
                             payloadType: payloadType, payload: payload, arrival: arrival, units: units)
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
