import CPulse

/// The PulseAudio backend (also PipeWire's pulse server), on the asynchronous API with a
/// `PulseMainloop` (its own thread, or the media loop's `poll` once adopted):
/// application "pipit", streams with `media.role=phone`.
///
/// With no device configured a stream uses the server's default and, with
/// `followDefault`, moves when the user picks another default. With a device configured, a
/// stream whose device disappears falls back to the default (`AudioEvent.deviceLost`) and
/// goes back when that device reappears (`AudioEvent.deviceBack`).
public final class PulseDevice: AudioDevice, @unchecked Sendable {
    /// Which server and devices, and how much latency to ask for.
    public struct Configuration: Sendable, Equatable {
        /// The server (`unix:/path/native`); nil: `$PULSE_SERVER` or the user's server.
        public var server: String?
        /// The source to record from; nil: the default source.
        public var captureDevice: String?
        /// The sink to play to; nil: the default sink.
        public var playbackDevice: String?
        /// Whether default-device streams move when the default changes.
        public var followDefault: Bool
        /// Target latency of each stream (playback `tlength`; capture `fragsize` is half).
        public var latencyMilliseconds: Int

        public init(server: String? = nil, captureDevice: String? = nil, playbackDevice: String? = nil,
                    followDefault: Bool = true, latencyMilliseconds: Int = 40) {
            self.server = server
            self.captureDevice = captureDevice
            self.playbackDevice = playbackDevice
            self.followDefault = followDefault
            self.latencyMilliseconds = latencyMilliseconds
        }
    }

    public let configuration: Configuration
    public let format: AudioFormat
    public let captureRing: SampleRing?
    public let playbackRing: SampleRing?
    public let controls = AudioControls()
    public let events = AudioEvents()
    public var description: String {
        let server = configuration.server.map { "pulse:\($0)" } ?? "pulse"
        return "\(server) (in: \(configuration.captureDevice ?? "default"), out: \(configuration.playbackDevice ?? "default"))"
    }
    // Owned by start/stop (one control thread); the streams' insides by the mainloop.
    private(set) var connection: PulseConnection?
    var streams: [PulseStream] = []

    public init(configuration: Configuration = Configuration(), format: AudioFormat = AudioFormat(),
                streams: AudioStreams = .duplex) throws(AudioError) {
        self.configuration = configuration
        self.format = format
        try format.validate(device: configuration.server.map { "pulse:\($0)" } ?? "pulse")
        captureRing = RingSizing.makeRing(streams, .capture, format)
        playbackRing = RingSizing.makeRing(streams, .playback, format)
    }

    public func start() throws(AudioError) {
        guard connection == nil else { return }
        let connection = try PulseConnection(server: configuration.server)
        var opened: [PulseStream] = []
        let pairs: [(AudioDirection, SampleRing?, String?)] = [
            (.capture, captureRing, configuration.captureDevice), (.playback, playbackRing, configuration.playbackDevice),
        ]
        for case let (direction, ring?, device) in pairs {
            let stream = PulseStream(direction: direction, connection: connection, format: format, ring: ring,
                                     controls: controls, events: events, device: device,
                                     followDefault: configuration.followDefault,
                                     latencyMilliseconds: configuration.latencyMilliseconds)
            do {
                try stream.open()
            } catch {
                for stream in opened { stream.close() }
                connection.close()
                throw error
            }
            opened.append(stream)
        }
        streams = opened
        self.connection = connection
        subscribe(connection)
    }

    public func stop() {
        guard let connection else { return }
        connection.locked { connection.pa.context_set_subscribe_callback(connection.context, nil, nil) }
        for stream in streams { stream.close() }
        connection.locked { streams = [] }
        connection.close()
        self.connection = nil
    }

    deinit {
        stop()
        events.finish()
    }

    /// The sink or source each running stream uses now (after moves and fallbacks).
    public func currentDevice(_ direction: AudioDirection) -> String? {
        guard let connection else { return nil }
        return connection.locked { streams.first { $0.direction == direction }?.currentDevice }
    }

    /// Moves the running `direction` stream to `device` (a sink or source name; nil: the
    /// server's default, followed from then on), e.g. from the speakers to a headset during a
    /// call. Arrival is reported as `AudioEvent.switched`; a name that does not exist leaves
    /// the stream where it is.
    public func switchDevice(_ direction: AudioDirection, to device: String?) {
        guard let connection else { return }
        connection.locked {
            guard let stream = streams.first(where: { $0.direction == direction }) else { return }
            stream.configuredDevice = device
            stream.switching = true
            if let device {
                stream.move(to: device)
            } else {
                moveToDefault(stream, connection)
            }
        }
    }

    /// Stops the mainloop's own thread and hands the loop to the caller's `poll`.
    public func adoptLoop() -> (any DeviceLoop)? {
        guard let connection else { return nil }
        connection.loop.stopThread()
        let fragment = PulseStream.fragmentMilliseconds(format: format, latency: configuration.latencyMilliseconds)
        connection.loop.fragmentMilliseconds = fragment
        let level = PlaybackQueueLevel(format: format, blockMilliseconds: fragment, latencyMilliseconds: configuration.latencyMilliseconds)
        connection.locked { for stream in streams where stream.direction == .playback { stream.pushLevel = level } }
        connection.loop.flushing = { [weak self] releasing in
            for stream in self?.streams ?? [] where stream.direction == .playback {
                stream.push()
                if releasing { stream.pushLevel = nil }
            }
        }
        return connection.loop
    }

    /// While the media loop pushes playback (`adoptLoop`): the audio queued in the server
    /// right after a push, ms, as last measured; nil before the first measurement or when
    /// not pushed.
    public func playbackQueueMilliseconds() -> Int? {
        guard let connection else { return nil }
        let samples = connection.locked { streams.first { $0.direction == .playback }?.measuredQueue }
        return samples.map { $0 * 1000 / (format.sampleRate * format.channels) }
    }

    /// Xruns (PulseAudio under/overflows) since start.
    public func xruns(_ direction: AudioDirection) -> Int {
        streams.first { $0.direction == direction }?.xruns.total ?? 0
    }
}
