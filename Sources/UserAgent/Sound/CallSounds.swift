import Media

/// Plays what `CallSoundPolicy` says the calls should sound like, as call states change:
/// ringtone, call waiting, ringback, busy and congestion. Call snapshots come in from the
/// user agent (any thread, never blocking); one task applies them in order.
final class CallSounds: Sendable {
    private enum Input: Sendable {
        case call(CallSnapshot)
        /// Time passed (a failure tone ran out).
        case tick
        case close
    }

    private let input: AsyncStream<Input>.Continuation

    /// `ringtone` is called once, at the first ring.
    init(devices: SoundDevices, tones: ToneSet, ringtone: @escaping @Sendable () -> [Int16]) {
        let (stream, input) = AsyncStream.makeStream(of: Input.self, bufferingPolicy: .unbounded)
        self.input = input
        Task {
            var policy = CallSoundPolicy()
            var playing = CallSoundPolicy.Sounds()
            var ringSamples: [Int16]?
            for await event in stream {
                let now = ContinuousClock.now
                switch event {
                case .call(let call): policy.update(call, now: now)
                case .tick: break
                case .close:
                    await devices.setTone(nil)
                    await devices.setRinging(nil)
                    return
                }
                let wanted = policy.sounds(now: now)
                if wanted.tone != playing.tone { await devices.setTone(wanted.tone.map(tones.plan)) }
                if wanted.ringtone != playing.ringtone {
                    if wanted.ringtone, ringSamples == nil { ringSamples = ringtone() }
                    await devices.setRinging(wanted.ringtone ? ringSamples : nil)
                }
                playing = wanted
                if let next = policy.nextChange, next > now {
                    Task {
                        try? await Task.sleep(until: next + .milliseconds(10), clock: .continuous)
                        input.yield(.tick)
                    }
                }
            }
        }
    }

    func observe(_ call: CallSnapshot) { input.yield(.call(call)) }

    func close() {
        input.yield(.close)
        input.finish()
    }
}
