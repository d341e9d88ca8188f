import CAlsa
import Glibc
import Synchronization

/// One ALSA stream on its own thread (`pipit-au-alsa-c` / `-p`): waits for the PCM (at
/// most 20 ms at a time, so `stop` is seen), then moves whole 10 ms frames between the
/// PCM and the ring. Xruns and suspends are recovered with `snd_pcm_recover`, counted and
/// reported; an unrecoverable error ends the stream with `AudioEvent.failed`.
final class AlsaStream: @unchecked Sendable {
    let pcm: AlsaPCM
    let format: AudioFormat
    let ring: SampleRing
    let controls: AudioControls
    let events: AudioEvents
    let xruns: XrunReporter
    private let running = Atomic<Bool>(false)
    private let frame: UnsafeMutableBufferPointer<Int16>
    private var thread: DeviceThread?
    private var snd: AlsaFunctions { pcm.snd }

    init(pcm: AlsaPCM, format: AudioFormat, ring: SampleRing, controls: AudioControls, events: AudioEvents) {
        self.pcm = pcm
        self.format = format
        self.ring = ring
        self.controls = controls
        self.events = events
        xruns = XrunReporter(direction: pcm.direction, events: events)
        frame = .allocate(capacity: format.samplesPerFrame)
        frame.initialize(repeating: 0)
    }

    deinit {
        frame.deallocate()
    }

    func start() throws(AudioError) {
        running.store(true, ordering: .releasing)
        let suffix = pcm.direction == .capture ? "c" : "p"
        thread = try DeviceThread.spawn(name: "pipit-au-alsa-\(suffix)", device: "alsa:\(pcm.name)") { [self] in run() }
    }

    func stop() {
        running.store(false, ordering: .releasing)
        thread?.join()
        thread = nil
        _ = snd.pcm_drop(pcm.handle)
    }

    private func run() {
        let handle = pcm.handle
        if pcm.direction == .capture { _ = snd.pcm_start(handle) }
        var earlyWakes = 0
        while running.load(ordering: .acquiring) {
            // Move what the PCM has room or data for first: some plugins (pulse) only wake
            // a poll once the stream runs, so waiting first could wait for ever.
            let moved = pcm.direction == .capture ? captureFrames() : playFrames()
            guard let moved else { return }
            if moved > 0 {
                earlyWakes = 0
                continue
            }
            let ready = snd.pcm_wait(handle, 20)
            if ready < 0, !recover(Int(ready)) { return }
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
    /// nil when the stream is dead.
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
    /// Returns the samples moved, nil when the stream is dead.
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

    /// Recovers from an xrun (-EPIPE) or a suspend (-ESTRPIPE); false when it cannot.
    private func recover(_ error: Int) -> Bool {
        let code = Int32(truncatingIfNeeded: error)
        if code == -EPIPE || code == -ESTRPIPE { xruns.record() }
        let status = snd.pcm_recover(pcm.handle, code, 1)
        if status < 0 {
            events.emit(.failed(pcm.direction, AudioError(device: "alsa:\(pcm.name)", operation: "\(pcm.direction)",
                                                          reason: snd.message(status))))
            return false
        }
        if pcm.direction == .capture { _ = snd.pcm_start(pcm.handle) }
        return true
    }
}
