import Synchronization

/// The engine of the null and WAV backends: a thread that, every frame at real-time pace,
/// asks `produce` for a capture frame (into the capture ring) and gives `consume` a
/// playback frame (from the playback ring, padded with silence). It behaves like a sound
/// card: 10 ms frames every 10 ms, whether or not the media thread keeps up.
final class PacedLoop: @unchecked Sendable {
    private let name: String
    private let device: String
    private let format: AudioFormat
    private let captureRing: SampleRing?
    private let playbackRing: SampleRing?
    private let controls: AudioControls
    private let produce: (UnsafeMutableBufferPointer<Int16>) -> Void
    private let consume: (UnsafeBufferPointer<Int16>) -> Void
    private let running = Atomic<Bool>(false)
    private let frames = Atomic<Int>(0)
    // Touched only by the loop's thread while it runs; allocated once here.
    private let captureFrame: UnsafeMutableBufferPointer<Int16>
    private let playbackFrame: UnsafeMutableBufferPointer<Int16>
    // Touched only by start/stop (one control thread).
    private var thread: DeviceThread?

    init(name: String, device: String, format: AudioFormat, captureRing: SampleRing?, playbackRing: SampleRing?,
         controls: AudioControls, produce: @escaping (UnsafeMutableBufferPointer<Int16>) -> Void,
         consume: @escaping (UnsafeBufferPointer<Int16>) -> Void) {
        self.name = name
        self.device = device
        self.format = format
        self.captureRing = captureRing
        self.playbackRing = playbackRing
        self.controls = controls
        self.produce = produce
        self.consume = consume
        captureFrame = .allocate(capacity: format.samplesPerFrame)
        captureFrame.initialize(repeating: 0)
        playbackFrame = .allocate(capacity: format.samplesPerFrame)
        playbackFrame.initialize(repeating: 0)
    }

    deinit {
        captureFrame.deallocate()
        playbackFrame.deallocate()
    }

    /// Frames moved since start (each direction counts once per tick).
    var frameCount: Int { frames.load(ordering: .relaxed) }

    func start() throws(AudioError) {
        guard thread == nil else { return }
        running.store(true, ordering: .releasing)
        thread = try DeviceThread.spawn(name: name, device: device) { [self] in run() }
    }

    func stop() {
        guard let thread else { return }
        running.store(false, ordering: .releasing)
        thread.join()
        self.thread = nil
    }

    private func run() {
        let period = Int64(format.frameMilliseconds) * 1_000_000
        var next = MonotonicClock.now()
        while running.load(ordering: .acquiring) {
            tick()
            next += period
            let now = MonotonicClock.now()
            // Suspended or starved for more than 10 frames: start the pace afresh instead of
            // bursting to catch up.
            if now - next > 10 * period { next = now }
            MonotonicClock.sleep(until: next)
        }
    }

    private func tick() {
        if let captureRing {
            produce(captureFrame)
            controls.processCapture(captureFrame)
            captureRing.write(UnsafeBufferPointer(captureFrame))
        }
        if let playbackRing {
            playbackRing.readPaddingWithSilence(into: playbackFrame)
            controls.processPlayback(playbackFrame)
            consume(UnsafeBufferPointer(playbackFrame))
        }
        frames.add(1, ordering: .relaxed)
    }
}
