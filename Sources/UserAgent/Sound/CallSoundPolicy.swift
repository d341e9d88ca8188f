import Media

/// What the phone should sound like, given its calls: a ringtone for a call ringing here,
/// a call-waiting beep instead when the user is already talking, ringback while the far end
/// rings (and the network plays nothing itself), busy or congestion for a few seconds after
/// a call fails. Pure: the calls and the time go in, the sounds come out.
struct CallSoundPolicy: Equatable {
    /// How long the busy or congestion tone plays after a failed call.
    static let failureToneDuration: Duration = .seconds(3)

    struct Sounds: Equatable {
        var ringtone = false
        var tone: ToneSet.Kind?
    }

    private(set) var calls: [CallNumber: CallSnapshot] = [:]
    /// Busy/congestion after a failure, until this instant.
    private var failure: (kind: ToneSet.Kind, until: ContinuousClock.Instant)?

    static func == (a: Self, b: Self) -> Bool { a.calls == b.calls && a.failure?.kind == b.failure?.kind }

    /// Takes a call's new state.
    mutating func update(_ call: CallSnapshot, now: ContinuousClock.Instant) {
        if call.state == .terminated {
            calls[call.id] = nil
            if call.direction == .outgoing, let kind = Self.failureTone(call.end) {
                failure = (kind, now + Self.failureToneDuration)
            }
        } else {
            calls[call.id] = call
            if call.state == .established { failure = nil }
        }
    }

    /// The tone a failed outgoing call leaves behind, if any.
    static func failureTone(_ end: CallEnd?) -> ToneSet.Kind? {
        switch end?.reason {
        case .busy: .busy
        case .unavailable, .failed, .timeout: .congestion
        default: nil
        }
    }

    /// The call the ringtone is for: the oldest one ringing here.
    var ringingCall: CallNumber? { calls.values.filter { $0.state == .incoming }.map(\.id).min() }

    /// When the sounds change next by themselves (the failure tone runs out).
    var nextChange: ContinuousClock.Instant? { failure?.until }

    func sounds(now: ContinuousClock.Instant) -> Sounds {
        let talking = calls.values.contains { $0.state == .established }
        let ringingHere = calls.values.contains { $0.state == .incoming }
        if ringingHere {
            return talking ? Sounds(tone: .callWaiting) : Sounds(ringtone: true)
        }
        if !talking, calls.values.contains(where: { $0.direction == .outgoing && $0.state == .ringing }) {
            return Sounds(tone: .ringback)
        }
        if calls.isEmpty, let failure, now < failure.until {
            return Sounds(tone: failure.kind)
        }
        return Sounds()
    }
}
