import Audio
import Media

/// Opens the sound card when something needs it and closes it after: the call device
/// (microphone and speaker) while a call is connected or a tone plays, and a playback-only
/// ring device while the phone rings. Devices start and stop here, off the media thread;
/// the engine only uses their rings. A device that cannot open leaves calls silent and
/// says why, once per attempt.
public actor SoundDevices {
    /// Which backend and devices; `.file` is not handled here (files are per call).
    public struct Settings: Sendable, Equatable {
        public var backend: AudioBackendKind
        public var input: String?
        public var output: String?
        public var ringOutput: String?
        public var processing: CaptureProcessing
        /// PulseAudio server (tests); nil: the user's.
        public var pulseServer: String?
        /// ALSA configuration text (tests); nil: the system's.
        public var alsaConfiguration: String?

        public init(backend: AudioBackendKind, input: String? = nil, output: String? = nil, ringOutput: String? = nil,
                    processing: CaptureProcessing = .init(), pulseServer: String? = nil, alsaConfiguration: String? = nil) {
            self.backend = backend
            self.input = input
            self.output = output
            self.ringOutput = ringOutput
            self.processing = processing
            self.pulseServer = pulseServer
            self.alsaConfiguration = alsaConfiguration
        }
    }

    /// Something the user should know about the sound card.
    public enum Notice: Sendable, Equatable {
        /// The device opened (with what `auto` chose and why, the first time).
        case opened(String)
        /// The device could not be opened: calls are silent.
        case failed(String)
        /// A device event while open (lost and fallback, back, switched, xrun, failure).
        case device(AudioEvent)
    }

    private let engine: MediaEngine
    var settings: Settings
    /// Software gains in dB, applied to every device opened.
    var gains: (capture: Double, playback: Double) = (0, 0)
    /// The device-level microphone mute (`audio mute`), applied to every device opened.
    var microphoneMuted = false
    var resolvedBackend: AudioBackendKind? { resolved }
    private let notify: @Sendable (Notice) -> Void
    /// `auto` resolved once: probing PulseAudio on every call would cost a connection.
    private var resolved: AudioBackendKind?
    private var connected: Set<UInt64> = []
    private var tonePlaying = false
    private(set) var ringing = false
    private var callDevice: (any AudioDevice)?
    private var ringDevice: (any AudioDevice)?
    /// Passes the open call device's events on; ends with the device.
    private var watcher: Task<Void, Never>?
    /// Xruns the open device recovered from, per direction (its own running totals).
    private(set) var xruns: [AudioDirection: Int] = [:]
    /// The device change running or last run. Changes run one at a time: opening a device
    /// awaits the engine, and a change arriving meanwhile (the call answered while the
    /// ringtone's device opens, the call connected while the ringback's opens) would find
    /// no device yet and open a second one, or keep the first open with nothing to play —
    /// its streams running, for nothing, for the whole call.
    private var lastChange: Task<Void, Never>?
    /// Devices started and not stopped yet (tests: nothing left running).
    private(set) var devicesOpen = 0

    public init(engine: MediaEngine, settings: Settings, notify: @escaping @Sendable (Notice) -> Void) {
        self.engine = engine
        self.settings = settings
        self.notify = notify
    }

    /// The call device, for levels, gain and mute (nil while closed).
    public var current: (any AudioDevice)? { callDevice }

    /// A call's audio is connected (answered, not held) or not any more.
    public func setConnected(_ session: UInt64, _ on: Bool) async {
        if on { connected.insert(session) } else { connected.remove(session) }
        await reconcile()
    }

    /// Plays a call-progress tone on the call device (nil stops it).
    public func setTone(_ plan: TonePlan?) async {
        tonePlaying = plan != nil
        await reconcile()
        try? engine.playTone(plan)
    }

    /// Rings with `samples` (mono, 16 kHz, looped) on the ring device, or stops ringing.
    public func setRinging(_ samples: [Int16]?) async {
        ringing = samples != nil
        await reconcile()
        try? engine.ring(samples)
    }

    /// New settings (a reload): devices reopen at the next use.
    public func update(_ new: Settings) async {
        guard new != settings else { return }
        settings = new
        resolved = nil
        await serially { sound in
            await sound.closeCall()
            await sound.closeRing()
            await sound.reconcileNow()
        }
    }

    /// Closes everything (quit).
    public func close() async {
        connected.removeAll()
        tonePlaying = false
        ringing = false
        await reconcile()
    }

    private func reconcile() async {
        await serially { await $0.reconcileNow() }
    }

    /// Runs `change` after every change asked for before it has finished.
    private func serially(_ change: @escaping @Sendable (SoundDevices) async -> Void) async {
        let previous = lastChange
        let next = Task {
            await previous?.value
            await change(self)
        }
        lastChange = next
        await next.value
    }

    /// Opens and closes devices to match what is wanted now (only inside `serially`).
    private func reconcileNow() async {
        let wantCall = !connected.isEmpty || tonePlaying
        if wantCall, callDevice == nil { await openCall() }
        if !wantCall, callDevice != nil { await closeCall() }
        if ringing, ringDevice == nil { await openRing() }
        if !ringing, ringDevice != nil { await closeRing() }
    }

    /// The backend to list devices of: what `auto` chose, or would choose now.
    func backendForListing() -> AudioBackendKind { backend() }

    /// Closes and reopens the call device (a new device chosen for a backend that cannot
    /// move a running stream).
    func reopenCall() async {
        await serially { sound in
            await sound.closeCall()
            await sound.reconcileNow()
        }
    }

    private func backend() -> AudioBackendKind {
        if let resolved { return resolved }
        var kind = settings.backend
        if kind == .auto {
            let choice = AudioBackendSelection.choose(pulseServer: settings.pulseServer,
                                                      alsaConfigurationText: settings.alsaConfiguration)
            kind = choice.backend
            notify(choice.isWarning ? .failed(choice.description) : .opened(choice.description))
        }
        resolved = kind
        return kind
    }

    private func make(_ streams: AudioStreams, output: String?) throws(AudioError) -> (any AudioDevice)? {
        let format = AudioFormat(sampleRate: DeviceHub.sampleRate)
        switch backend() {
        case .pulse:
            return try PulseDevice(configuration: .init(server: settings.pulseServer, captureDevice: settings.input,
                                                        playbackDevice: output),
                                   format: format, streams: streams)
        case .alsa:
            return try AlsaDevice(configuration: .init(captureDevice: settings.input ?? "default", playbackDevice: output ?? "default",
                                                       configurationText: settings.alsaConfiguration),
                                  format: format, streams: streams)
        case .null:
            return try NullDevice(format: format, streams: streams)
        case .auto, .wav:
            return nil
        }
    }

    private func openCall() async {
        do {
            guard let device = try make(.duplex, output: settings.output) else { return }
            device.controls.setGain(.capture, decibels: gains.capture)
            device.controls.setGain(.playback, decibels: gains.playback)
            device.controls.isMuted = microphoneMuted
            try device.start()
            devicesOpen += 1
            do {
                try await engine.attachDevice(device, processing: settings.processing)
            } catch {
                stop(device)
                throw error
            }
            callDevice = device
            watch(device)
        } catch {
            notify(.failed("cannot open the sound device: \(error); the call is silent"))
        }
    }

    private func closeCall() async {
        guard let device = callDevice else { return }
        callDevice = nil
        watcher?.cancel()
        watcher = nil
        await engine.detachDevice()
        stop(device)
    }

    private func stop(_ device: any AudioDevice) {
        device.stop()
        devicesOpen -= 1
    }

    private func openRing() async {
        do {
            guard let device = try make(.playback, output: settings.ringOutput ?? settings.output) else { return }
            try device.start()
            devicesOpen += 1
            await engine.attachRingDevice(device)
            ringDevice = device
        } catch {
            notify(.failed("cannot open the ring device: \(error)"))
        }
    }

    private func closeRing() async {
        guard let device = ringDevice else { return }
        ringDevice = nil
        await engine.attachRingDevice(nil)
        stop(device)
    }

    /// Passes the device's own events on (lost, back, switched…) while it is open.
    private func watch(_ device: any AudioDevice) {
        let notify = self.notify
        let stream = device.events.stream
        xruns = [:]
        watcher = Task {
            for await event in stream {
                if case .xrun(let direction, let total) = event { self.xruns[direction] = total }
                notify(.device(event))
            }
        }
    }
}
