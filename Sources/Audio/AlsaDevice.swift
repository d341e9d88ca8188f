import CAlsa

/// The ALSA backend (alsa-lib): `default`, `hw:`/`plughw:` and named PCMs, a thread per
/// stream, period 10 ms and a buffer of `latencyMilliseconds`.
///
/// A PCM that dies during a call (a USB headset unplugged) is replaced by
/// `fallbackDevice` (`AudioEvent.deviceLost`); the configured PCM is tried again every
/// second and used again once it opens (`AudioEvent.deviceBack`).
public final class AlsaDevice: AudioDevice, @unchecked Sendable {
    public struct Configuration: Sendable, Equatable {
        /// The capture PCM (`default`, `plughw:1,0`, `pulse`, …).
        public var captureDevice: String
        /// The playback PCM.
        public var playbackDevice: String
        /// The buffer length of each PCM (at least two 10 ms periods).
        public var latencyMilliseconds: Int
        /// An asoundrc-style text used instead of the system configuration (tests; special
        /// setups); nil: the system's (`/usr/share/alsa/alsa.conf`, `~/.asoundrc`).
        public var configurationText: String?
        /// The PCM a stream moves to when its own PCM dies (or is missing at start); nil:
        /// none, the stream fails instead.
        public var fallbackDevice: String?

        public init(captureDevice: String = "default", playbackDevice: String = "default", latencyMilliseconds: Int = 40,
                    configurationText: String? = nil, fallbackDevice: String? = "default") {
            self.captureDevice = captureDevice
            self.playbackDevice = playbackDevice
            self.latencyMilliseconds = latencyMilliseconds
            self.configurationText = configurationText
            self.fallbackDevice = fallbackDevice
        }
    }

    public let configuration: Configuration
    public let format: AudioFormat
    public let captureRing: SampleRing?
    public let playbackRing: SampleRing?
    public let controls = AudioControls()
    public let events = AudioEvents()
    public var description: String { "alsa (in: \(configuration.captureDevice), out: \(configuration.playbackDevice))" }
    private var streams: [AlsaStream] = []

    public init(configuration: Configuration = Configuration(), format: AudioFormat = AudioFormat(),
                streams: AudioStreams = .duplex) throws(AudioError) {
        self.configuration = configuration
        self.format = format
        try format.validate(device: "alsa")
        captureRing = RingSizing.makeRing(streams, .capture, format)
        playbackRing = RingSizing.makeRing(streams, .playback, format)
    }

    /// Period and buffer granted by the driver, per direction (frames), once started.
    public func granted(_ direction: AudioDirection) -> (period: Int, buffer: Int)? {
        streams.first { $0.direction == direction }.map {
            ($0.grantedPeriod.load(ordering: .relaxed), $0.grantedBuffer.load(ordering: .relaxed))
        }
    }

    /// Xruns recovered since start.
    public func xruns(_ direction: AudioDirection) -> Int {
        streams.first { $0.direction == direction }?.xruns.total ?? 0
    }

    /// The PCM each running stream uses now: the configured one, or the fallback while
    /// the configured one is missing.
    public func currentDevice(_ direction: AudioDirection) -> String? {
        streams.first { $0.direction == direction }?.currentName
    }

    public func start() throws(AudioError) {
        guard streams.isEmpty else { return }
        var opened: [AlsaStream] = []
        let pairs: [(AudioDirection, SampleRing?, String)] = [
            (.capture, captureRing, configuration.captureDevice), (.playback, playbackRing, configuration.playbackDevice),
        ]
        do {
            for case let (direction, ring?, name) in pairs {
                let (format, configuration) = (format, configuration)
                let stream = try AlsaStream(direction: direction, configuredName: name, fallbackName: configuration.fallbackDevice,
                                            format: format, ring: ring, controls: controls, events: events) { name throws(AudioError) in
                    try AlsaPCM(name: name, direction: direction, format: format,
                                latencyMilliseconds: configuration.latencyMilliseconds,
                                configurationText: configuration.configurationText)
                }
                try stream.start()
                opened.append(stream)
            }
        } catch {
            for stream in opened { stream.stop() }
            throw error
        }
        streams = opened
    }

    public func stop() {
        for stream in streams { stream.stop() }
        streams = []
    }

    deinit {
        stop()
        events.finish()
    }
}
