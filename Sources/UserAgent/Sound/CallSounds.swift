import Media

/// Plays what `CallSoundPolicy` says the calls should sound like, as call states change:
/// ringtone, call waiting, ringback, busy and congestion. Call snapshots come in from the
/// user agent (any thread, never blocking); one task applies them in order.
final class CallSounds: Sendable {
    private enum Input: Sendable {
        case call(CallSnapshot)
        /// A ringtone file for one call.
        case ringtone(CallNumber, String)
        /// Time passed (a failure tone ran out).
        case tick
        case close
    }

    private let input: AsyncStream<Input>.Continuation

    /// `ringtone` loads a ringtone: the configured one (nil; once, at the first ring) or a
    /// call's own file.
    init(devices: SoundDevices, tones: ToneSet, ringtone: @escaping @Sendable (String?) -> [Int16]) {
        let (stream, input) = AsyncStream.makeStream(of: Input.self, bufferingPolicy: .unbounded)
        self.input = input
        Task {
            var policy = CallSoundPolicy()
            var playing = CallSoundPolicy.Sounds()
            var ringSamples: [Int16]?
            /// Calls with their own ringtone, and which one plays now (nil: the configured one).
            var callRingtones: [CallNumber: [Int16]] = [:]
            var ringingWith: CallNumber?
            for await event in stream {
                let now = ContinuousClock.now
                switch event {
                case .call(let call):
                    policy.update(call, now: now)
                    // Ended calls' ringtones go. (A ringtone comes just before its call's
                    // first report, in the same turn of the user agent.)
                    callRingtones = callRingtones.filter { policy.calls[$0.key] != nil }
                case .ringtone(let id, let file):
                    callRingtones[id] = ringtone(file)
                case .tick: break
                case .close:
                    await devices.setTone(nil)
                    await devices.setRinging(nil)
                    return
                }
                let wanted = policy.sounds(now: now)
                if wanted.tone != playing.tone { await devices.setTone(wanted.tone.map(tones.plan)) }
                // The call that rings picks the ringtone: its own file, else the configured one.
                let own = policy.ringingCall.flatMap { callRingtones[$0] != nil ? $0 : nil }
                if wanted.ringtone != playing.ringtone || (wanted.ringtone && own != ringingWith) {
                    if wanted.ringtone, own == nil, ringSamples == nil { ringSamples = ringtone(nil) }
                    await devices.setRinging(wanted.ringtone ? own.flatMap { callRingtones[$0] } ?? ringSamples : nil)
                    ringingWith = own
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

    func ring(_ call: CallNumber, with file: String) { input.yield(.ringtone(call, file)) }

    func close() {
        input.yield(.close)
        input.finish()
    }
}
