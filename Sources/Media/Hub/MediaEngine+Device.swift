import Audio

/// The sound card and the sounds around calls, for the signalling side. Devices are
/// started and stopped by the caller (that can block: PulseAudio connects, ALSA opens),
/// never on the media thread; the engine only takes and drops their rings.
extension MediaEngine {
    /// Calls connected to the device (`AudioInput.device`, `AudioOutput.device`) use
    /// `device`, already started, from now on; `processing` runs on its microphone.
    public func attachDevice(_ device: any AudioDevice, processing: CaptureProcessing) async throws(MediaEngineError) {
        let hub = self.hub
        try await perform { hub.attach(device, processing: processing) }
    }

    /// Stops using the call device. When this returns, the media thread no longer touches
    /// it and the caller may stop it.
    public func detachDevice() async {
        let hub = self.hub
        try? await perform { hub.detach() }
    }

    /// The device the ringtone plays on (playback only), or nil to ring on the call device.
    public func attachRingDevice(_ device: (any AudioDevice)?) async {
        let hub = self.hub
        try? await perform { hub.attachRing(device) }
    }

    /// Changes what runs on the microphone (a reload of the settings).
    public func setCaptureProcessing(_ processing: CaptureProcessing) throws(MediaEngineError) {
        let hub = self.hub
        try run { hub.setProcessing(processing) }
    }

    /// Plays a call-progress tone on the call device (nil: stops it). A tone that is not
    /// `once` plays until replaced or stopped.
    public func playTone(_ plan: TonePlan?) throws(MediaEngineError) {
        let hub = self.hub
        try run { hub.play(tone: plan) }
    }

    /// Rings with `samples` (mono, `DeviceHub.sampleRate`), looped, until called with nil.
    public func ring(_ samples: [Int16]?) throws(MediaEngineError) {
        let hub = self.hub
        try run { hub.ring(samples) }
    }

    /// The hub's counters, read on the media thread.
    public func deviceStatistics() async -> DeviceStatistics? {
        let hub = self.hub
        return await withCheckedContinuation { (done: CheckedContinuation<DeviceStatistics?, Never>) in
            do {
                try run {
                    done.resume(returning: DeviceStatistics(framesCaptured: hub.framesCaptured, framesMissing: hub.framesMissing,
                                                            framesDropped: hub.framesDropped, connectedCalls: hub.ports.count,
                                                            playingTone: hub.playingTone, ringing: hub.ringing,
                                                            wakeUps: hub.wakeUps, mixRate: hub.mixRate))
                }
            } catch {
                done.resume(returning: nil)
            }
        }
    }

    /// Runs `work` on the media thread and waits for it.
    private func perform(_ work: @escaping @Sendable () -> Void) async throws(MediaEngineError) {
        let posted: Bool = await withCheckedContinuation { (done: CheckedContinuation<Bool, Never>) in
            do {
                try run {
                    work()
                    done.resume(returning: true)
                }
            } catch {
                done.resume(returning: false)
            }
        }
        if !posted { throw .stopped }
    }
}

/// What the device hub counted since the engine started.
public struct DeviceStatistics: Sendable, Equatable {
    public var framesCaptured: Int
    /// Ticks that found less than a frame from the microphone (the device ran late).
    public var framesMissing: Int
    /// Frames thrown away after a stall, to keep latency down.
    public var framesDropped: Int
    /// Calls connected to the device now (two or more: a conference).
    public var connectedCalls: Int
    public var playingTone: Bool
    public var ringing: Bool
    /// Times the media loop woke while the device paced the calls: once per burst of
    /// captured frames, plus datagrams and posted work (no timed guesses).
    public var wakeUps: Int
    /// The rate calls meet the device at, and echo cancellation runs at: 8000 while every
    /// connected call is narrowband, else the device's.
    public var mixRate: Int
}
