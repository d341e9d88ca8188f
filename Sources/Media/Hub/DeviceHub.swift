import Audio

/// Where calls meet the sound card, on the media thread.
///
/// One capture frame per tick comes from the device, after echo cancellation, noise
/// suppression and gain ran on it once (a 20 ms block at a time, `CaptureChain`), with
/// what the speaker played as the echo reference. Each call that is connected (answered
/// and not held) has a `HubPort`: it hears that frame, resampled to its codec rate, plus
/// the far ends of the other connected calls (that is what makes a conference); what the
/// call receives goes into one playback mix with the tones. With no device attached,
/// calls hear silence and the mix goes nowhere.
///
/// Calls meet at the mix rate: the device's, or the calls' own when every connected call
/// runs at one lower rate (G.711 calls: 8 kHz). Then the microphone is resampled once,
/// before the echo canceller and the preprocessor, which run at that rate (half the work
/// at 8 kHz), and the calls' sum once on its way to the speaker, instead of each call
/// resampling both ways.
///
/// Created with the engine; touched only on the media thread.
public final class DeviceHub: @unchecked Sendable {
    /// The rate the device runs at: wideband, what G.722 and our Opus use, so only G.711
    /// calls resample.
    public static let sampleRate = 16000
    static let frame = sampleRate / 100

    /// The rate calls meet at, and its frame (see above).
    private(set) var mixRate = DeviceHub.sampleRate
    private(set) var mixFrame = DeviceHub.frame
    /// The mix rate → the device's rate, for the calls' sum; nil at the device's rate.
    private var mixUp: FrameResampler?

    private var device: (any AudioDevice)?
    /// The call device's event loop, run by the media loop's `poll` while attached (nil:
    /// the device runs its own thread, and its capture ring's doorbell wakes the loop).
    private(set) var deviceLoop: (any DeviceLoop)?
    private var capture: SampleRing?
    private var playback: SampleRing?
    private var ringDevice: (any AudioDevice)?
    /// Echo cancellation and preprocessing, a block at a time.
    private var processing = CaptureProcessing()
    private var chain = CaptureChain(processing: CaptureProcessing(), sampleRate: DeviceHub.sampleRate, frame: DeviceHub.frame)

    // Frame buffers, allocated once for the device's rate (the highest mix rate): `let`
    // pointers, so the per-sample loops pay no dynamic exclusivity check (as arrays in a
    // class they did, a few percent of a call's CPU).
    private let nearStorage: UnsafeMutableBufferPointer<Int16>
    /// What goes to the speaker this tick (the chain keeps it as the echo reference).
    private let played: UnsafeMutableBufferPointer<Int16>
    private let mix: UnsafeMutableBufferPointer<Int32>
    private let farSumStorage: UnsafeMutableBufferPointer<Int32>
    /// The calls' sum at a lower mix rate, clamped, on its way to `mixUp`.
    private let narrowMix: UnsafeMutableBufferPointer<Int16>
    private(set) var ports: [HubPort] = []

    /// A call-progress tone on the call device (ringback, busy, call waiting, DTMF feedback).
    private var tone: ToneGenerator?
    /// The ringtone: on the ring device when there is one, else on the call device.
    private var ringtone: SampleSource?
    private let ringFrame: UnsafeMutableBufferPointer<Int16>

    /// Frames read from the device and frames that were missing (underruns) or dropped
    /// (a backlog after a stall).
    public private(set) var framesCaptured = 0
    public private(set) var framesMissing = 0
    public private(set) var framesDropped = 0
    /// Times the media loop woke while the device paced it, not stalled (counted by the loop).
    var wakeUps = 0

    init() {
        nearStorage = .allocate(capacity: Self.frame)
        played = .allocate(capacity: Self.frame)
        mix = .allocate(capacity: Self.frame)
        farSumStorage = .allocate(capacity: Self.frame)
        ringFrame = .allocate(capacity: Self.frame)
        narrowMix = .allocate(capacity: Self.frame)
        for buffer in [nearStorage, played, ringFrame, narrowMix] { buffer.initialize(repeating: 0) }
        mix.initialize(repeating: 0)
        farSumStorage.initialize(repeating: 0)
    }

    deinit {
        for buffer in [nearStorage, played, ringFrame, narrowMix] { buffer.deallocate() }
        mix.deallocate()
        farSumStorage.deallocate()
    }

    /// This tick's processed microphone frame, at the mix rate.
    var near: UnsafeMutableBufferPointer<Int16> { UnsafeMutableBufferPointer(rebasing: nearStorage[0..<mixFrame]) }
    /// The sum of every port's far end last tick, at the mix rate, for cross-feeding.
    var farSum: UnsafeMutableBufferPointer<Int32> { UnsafeMutableBufferPointer(rebasing: farSumStorage[0..<mixFrame]) }

    /// Whether a device with a microphone is attached: then its capture clock, not the
    /// engine's timer, paces the ticks (the two drift apart by up to a few hundred ppm).
    var drivesClock: Bool { capture != nil }

    /// Nothing to do until something is posted: no device open, no tone, no call.
    var isQuiet: Bool { device == nil && tone == nil && ports.isEmpty }

    /// Whole frames the next ticks can take: processed ones, and whole blocks waiting in the
    /// capture ring (the loop waits for a whole block, see `CaptureChain`).
    var framesReady: Int { capture.map { chain.framesReady(in: $0) } ?? 0 }
    /// Frames per block of captured audio (see `CaptureChain`).
    var blockFrames: Int { chain.blockFrames }

    /// What the media loop polls to sleep until the device hands over a frame; nil with no
    /// microphone (or no pipe to be had).
    var captureWakeDescriptor: Int32? { capture?.wakeDescriptor }

    /// Asks the capture ring to wake the loop once `frames` whole frames (at least a block)
    /// are there; false when they already are.
    func armCaptureWake(frames: Int) -> Bool {
        capture?.armWake(samples: Self.frame * max(frames, chain.blockFrames)) ?? false
    }

    func disarmCaptureWake(rang: Bool) { capture?.disarmWake(rang: rang) }

    // MARK: Devices (posted by the signalling side; the device is already started)

    /// Uses `device` for calls from now on. `processing` is what runs on its microphone.
    func attach(_ device: any AudioDevice, processing: CaptureProcessing) {
        releaseDeviceLoop()
        self.device = device
        deviceLoop = device.adoptLoop()
        capture = device.captureRing
        playback = device.playbackRing
        capture?.discardAll()
        // A little silence ahead, so bursty capture (PulseAudio delivers 20 ms fragments)
        // never starves the speaker.
        playback?.write([Int16](repeating: 0, count: Self.frame * 2))
        setProcessing(processing)
    }

    func setProcessing(_ processing: CaptureProcessing) {
        self.processing = processing
        rebuildChain()
    }

    /// A frame still pending in the old chain is dropped: 10 ms, on a settings reload or
    /// when a call joins or leaves.
    private func rebuildChain() {
        chain = CaptureChain(processing: processing, sampleRate: Self.sampleRate, frame: Self.frame, outputRate: mixRate)
    }

    /// The device's microphone came back after a stall. Its speaker most likely stalled
    /// with it, while the calls went on ticking on the engine's clock: what they played
    /// meanwhile waits in the speaker's ring (up to its 200 ms) and, with the device's clock
    /// pacing the calls again, would stay there as delay for the rest of the call. The
    /// device drops it at its next read, keeping what `attach` puts ahead.
    func deviceResumed() {
        playback?.requestTrim(keeping: Self.frame * 2)
    }

    /// Stops using the call device (the caller stops it afterwards, off this thread).
    func detach() {
        releaseDeviceLoop()
        device = nil
        capture = nil
        playback = nil
        setProcessing(CaptureProcessing())
        played.update(repeating: 0)
    }

    /// Hands the call device's loop back to its own thread (before it is stopped, and when
    /// the media loop ends).
    func releaseDeviceLoop() {
        deviceLoop?.release()
        deviceLoop = nil
    }

    func attachRing(_ device: (any AudioDevice)?) {
        ringDevice = device
    }

    // MARK: Sounds

    func play(tone plan: TonePlan?) {
        tone = plan.map { ToneGenerator(plan: $0, sampleRate: Self.sampleRate) }
    }

    func ring(_ samples: [Int16]?) {
        ringtone = samples.map { SampleSource(samples: $0, loop: true) }
    }

    var playingTone: Bool { tone != nil }
    var ringing: Bool { ringtone != nil }

    // MARK: Ports

    func makePort(rate: Int) -> HubPort? {
        guard let port = HubPort(hub: self, rate: rate, mixRate: mixRate) else { return nil }
        ports.append(port)
        updateMixRate()
        return port
    }

    func remove(_ port: HubPort) {
        ports.removeAll { $0 === port }
        updateMixRate()
    }

    /// Sets the mix rate for the calls connected now (see the type's note).
    private func updateMixRate() {
        let first = ports.first?.rate ?? Self.sampleRate
        var rate = first < Self.sampleRate && first % 100 == 0 && ports.allSatisfy { $0.rate == first } ? first : Self.sampleRate
        let up = rate == Self.sampleRate ? nil : FrameResampler(from: rate, to: Self.sampleRate)
        if up == nil { rate = Self.sampleRate }
        guard rate != mixRate else { return }
        mixRate = rate
        mixFrame = rate / 100
        mixUp = up
        // A port without a resampler for the new rate (speex refusing 8↔16 kHz: not seen)
        // keeps its frame size, which no longer matches: it hears and plays silence.
        for port in ports { _ = port.setMixRate(rate) }
        nearStorage.update(repeating: 0)
        farSumStorage.update(repeating: 0)
        rebuildChain()
    }

    // MARK: The tick

    /// Before the calls tick: this tick's microphone frame, processed.
    func beginTick() {
        let frame = near
        guard let capture else {
            frame.update(repeating: 0)
            return
        }
        if chain.pending == 0 {
            // A backlog (the media thread stalled) is latency for ever after: drop it.
            if capture.availableToRead > Self.frame * 10 {
                let stale = capture.availableToRead - Self.frame * 2
                framesDropped += stale / Self.frame
                skip(capture, samples: stale - stale % Self.frame)
            }
            let available = capture.availableToRead
            if chain.blockFrames > 1, available > 0, available < Self.frame * chain.blockFrames {
                // Part of a block on a timer tick (the device stalled, or is coming back with
                // single frames): silence now, the block whole when the rest comes, so that
                // the loop sees a block ready and goes back to the device's clock.
                frame.update(repeating: 0)
                framesMissing += 1
                return
            }
            chain.fill(from: capture)
        }
        if chain.take(into: frame) {
            framesCaptured += 1
        } else {
            framesMissing += 1
        }
        if device?.controls.isMuted == true {
            // The device muted the microphone, but the echo canceller's output is then minus
            // its echo estimate (silence minus what it expects to hear): not silence.
            frame.update(repeating: 0)
        }
    }

    /// After the calls ticked: every far end and the tones, to the speaker.
    func endTick() {
        let farSum = self.farSum, mix = self.mix, played = self.played, ringFrame = self.ringFrame
        farSum.update(repeating: 0)
        for port in ports {
            port.takeFar(into: farSum)
        }
        if let mixUp {
            let narrow = UnsafeMutableBufferPointer(rebasing: narrowMix[0..<mixFrame])
            for i in 0..<narrow.count { narrow[i] = Int16(clamping: farSum[i]) }
            // `played` is free until the end of the tick.
            mixUp.convert(UnsafeBufferPointer(narrow), into: played)
            for i in 0..<Self.frame { mix[i] = Int32(played[i]) }
        } else {
            for i in 0..<Self.frame { mix[i] = farSum[i] }
        }
        if tone != nil {
            tone?.render(into: ringFrame)
            for i in 0..<Self.frame { mix[i] += Int32(ringFrame[i]) }
            if tone?.finished == true { tone = nil }
        }
        if let ringtone {
            ringtone.read(into: ringFrame)
            if let ringRing = ringDevice?.playbackRing {
                // Unclocked by us: keep its backlog short instead of piling up latency.
                if ringRing.availableToRead < Self.frame * 6 {
                    ringRing.write(UnsafeBufferPointer(ringFrame))
                }
            } else {
                for i in 0..<Self.frame { mix[i] += Int32(ringFrame[i]) }
            }
        }
        for i in 0..<Self.frame { played[i] = Int16(clamping: mix[i]) }
        playback?.write(UnsafeBufferPointer(played))
        chain.played(UnsafeBufferPointer(played))
    }

    /// Discards `samples` from the consumer side of `ring`, a frame at a time (through
    /// `ringFrame`, which is free before `endTick`).
    private func skip(_ ring: SampleRing, samples: Int) {
        var left = samples
        while left > 0 {
            let n = ring.read(into: UnsafeMutableBufferPointer(rebasing: ringFrame[0..<min(left, ringFrame.count)]))
            if n == 0 { return }
            left -= n
        }
    }
}
