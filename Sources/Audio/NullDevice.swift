/// The null backend: captures silence and discards what it plays, at real-time pace. For
/// headless use and as the last resort of `backend = "auto"`.
public final class NullDevice: AudioDevice, @unchecked Sendable {
    public let description = "null"
    public let format: AudioFormat
    public let captureRing: SampleRing?
    public let playbackRing: SampleRing?
    public let controls = AudioControls()
    public let events = AudioEvents()
    private let loop: PacedLoop

    /// A null device with the given streams.
    public init(format: AudioFormat = AudioFormat(), streams: AudioStreams = .duplex) throws(AudioError) {
        try format.validate(device: "null")
        self.format = format
        captureRing = RingSizing.makeRing(streams, .capture, format)
        playbackRing = RingSizing.makeRing(streams, .playback, format)
        loop = PacedLoop(name: "pipit-au-null", device: "null", format: format, captureRing: captureRing,
                         playbackRing: playbackRing, controls: controls,
                         produce: { frame in frame.update(repeating: 0) }, consume: { _ in })
    }

    /// Frames moved since start.
    public var frameCount: Int { loop.frameCount }

    public func start() throws(AudioError) { try loop.start() }
    public func stop() { loop.stop() }

    deinit {
        loop.stop()
    }
}
