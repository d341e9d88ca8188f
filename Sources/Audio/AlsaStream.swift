import CAlsa
import Glibc
import Synchronization

/// One ALSA stream on its own thread (`pipit-au-alsa-c` / `-p`): waits for the PCM (at
/// most 20 ms at a time, so `stop` is seen), then moves whole 10 ms frames between the
/// PCM and the ring. Xruns and suspends are recovered with `snd_pcm_recover`, counted and
/// reported. A PCM that cannot be recovered (a USB headset unplugged, its sound server
/// gone) is replaced by the fallback PCM, and the configured one is tried again every
/// second until it comes back (`AlsaStream+Fallback.swift`); only when neither opens does
/// the stream end with `AudioEvent.failed`.
final class AlsaStream: @unchecked Sendable {
    /// Opens PCMs by name for this stream (direction, format, latency, configuration).
    typealias Opener = @Sendable (String) throws(AudioError) -> AlsaPCM

    let direction: AudioDirection
    /// The PCM the user chose, and where audio goes while it is missing (nil: nowhere).
    let configuredName: String
    let fallbackName: String?
    let format: AudioFormat
    let ring: SampleRing
    let controls: AudioControls
    let events: AudioEvents
    let xruns: XrunReporter
    let open: Opener
    /// The PCM in use; replaced only by the device thread once it runs.
    var pcm: AlsaPCM
    /// Whether `pcm` is the fallback, and when to try the configured PCM again
    /// (monotonic ns). Device thread only.
    var onFallback = false
    var nextProbe: Int64 = 0
    /// Why the PCM died, for the `failed` event. Device thread only.
    var lastError = ""
    /// What the control side may read while the thread runs.
    let grantedPeriod = Atomic<Int>(0)
    let grantedBuffer = Atomic<Int>(0)
    let usingFallback = Atomic<Bool>(false)
    private let running = Atomic<Bool>(false)
    private let frame: UnsafeMutableBufferPointer<Int16>
    private var thread: DeviceThread?
    var snd: AlsaFunctions { pcm.snd }

    /// Opens `configuredName` (falling back at once when it is missing but the fallback
    /// opens, as PulseAudio does when a configured device is absent at start).
    init(direction: AudioDirection, configuredName: String, fallbackName: String?, format: AudioFormat, ring: SampleRing,
         controls: AudioControls, events: AudioEvents, open: @escaping Opener) throws(AudioError) {
        let fallbackName = fallbackName == configuredName ? nil : fallbackName
        self.direction = direction
        self.configuredName = configuredName
        self.fallbackName = fallbackName
        self.format = format
        self.ring = ring
        self.controls = controls
        self.events = events
        self.open = open
        xruns = XrunReporter(direction: direction, events: events)
        frame = .allocate(capacity: format.samplesPerFrame)
        frame.initialize(repeating: 0)
        do {
            pcm = try open(configuredName)
        } catch {
            guard let fallbackName, let pcm = try? open(fallbackName) else {
                frame.deallocate()
                throw error
            }
            self.pcm = pcm
            onFallback = true
            usingFallback.store(true, ordering: .relaxed)
            nextProbe = MonotonicClock.now() + AlsaStream.probeInterval
            events.emit(.deviceLost(direction, device: configuredName, fallback: fallbackName))
        }
        publishGranted()
    }

    deinit {
        frame.deallocate()
    }

    /// The name of the PCM in use now.
    var currentName: String {
        usingFallback.load(ordering: .relaxed) ? (fallbackName ?? configuredName) : configuredName
    }

    func start() throws(AudioError) {
        running.store(true, ordering: .releasing)
        let suffix = direction == .capture ? "c" : "p"
        thread = try DeviceThread.spawn(name: "pipit-au-alsa-\(suffix)", device: "alsa:\(configuredName)") { [self] in run() }
    }

    func stop() {
        running.store(false, ordering: .releasing)
        thread?.join()
        thread = nil
        _ = snd.pcm_drop(pcm.handle)
    }

    func publishGranted() {
        grantedPeriod.store(pcm.periodFrames, ordering: .relaxed)
        grantedBuffer.store(pcm.bufferFrames, ordering: .relaxed)
    }

    private func run() {
        if direction == .capture { _ = snd.pcm_start(pcm.handle) }
        var earlyWakes = 0
        while running.load(ordering: .acquiring) {
            if onFallback, MonotonicClock.now() >= nextProbe { returnToConfigured() }
            // Move what the PCM has room or data for first: some plugins (pulse) only wake
            // a poll once the stream runs, so waiting first could wait for ever.
            let moved = direction == .capture ? captureFrames() : playFrames()
            guard let moved else {
                if replaceDeadPCM() { continue }
                return
            }
            if moved > 0 {
                earlyWakes = 0
                continue
            }
            let ready = snd.pcm_wait(pcm.handle, 20)
            if ready < 0, !recover(Int(ready)) {
                if replaceDeadPCM() { continue }
                return
            }
            // The pulse plugin (and `null`) report "ready" before a whole period is there:
            // without a pause this loop spun a core (900 ms of CPU a second, measured).
            if ready > 0 {
                earlyWakes += 1
                if earlyWakes > 1 { usleep(2000) }  // a fifth of the 10 ms period
            }
        }
    }

    /// Reads the whole frames the PCM holds now (no more: a PCM that is always ready, like
    /// `null`, must not keep this thread from seeing `stop`). Returns the samples moved,
    /// nil when the PCM is dead.
    private func captureFrames() -> Int? {
        guard let base = frame.baseAddress else { return nil }
        var available = snd.pcm_avail_update(pcm.handle)
        if available < 0 { return recover(available) ? 0 : nil }
        var moved = 0
        while available >= frame.count {
            let count = snd.pcm_readi(pcm.handle, base, snd_pcm_uframes_t(frame.count))
            if count == -Int(EAGAIN) || count == 0 { break }
            if count < 0 { return recover(count) ? moved : nil }
            let chunk = UnsafeMutableBufferPointer(start: base, count: count)
            controls.processCapture(chunk)
            ring.write(UnsafeBufferPointer(chunk))
            available -= count
            moved += count
        }
        return moved
    }

    /// Writes frames (silence when the media side is late) while the PCM has room.
    /// Returns the samples moved, nil when the PCM is dead.
    private func playFrames() -> Int? {
        guard let base = frame.baseAddress else { return nil }
        var available = snd.pcm_avail_update(pcm.handle)
        if available < 0 { return recover(available) ? 0 : nil }
        var moved = 0
        while available >= frame.count {
            ring.readPaddingWithSilence(into: frame)
            controls.processPlayback(frame)
            let count = snd.pcm_writei(pcm.handle, base, snd_pcm_uframes_t(frame.count))
            if count == -Int(EAGAIN) || count == 0 { break }
            if count < 0 { return recover(count) ? moved : nil }
            available -= count
            moved += count
        }
        return moved
    }

    /// Recovers from an xrun (-EPIPE) or a suspend (-ESTRPIPE); false when the PCM is
    /// beyond recovery (the caller replaces it).
    private func recover(_ error: Int) -> Bool {
        let code = Int32(truncatingIfNeeded: error)
        if code == -EPIPE || code == -ESTRPIPE { xruns.record() }
        let status = snd.pcm_recover(pcm.handle, code, 1)
        if status < 0 {
            lastError = snd.message(status)
            return false
        }
        if direction == .capture { _ = snd.pcm_start(pcm.handle) }
        return true
    }
}
