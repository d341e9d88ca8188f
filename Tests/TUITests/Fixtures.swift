import Media
import TUI
import UserAgent

/// Calls and events the tests build states from.
enum Fixture {
    static func call(_ id: CallNumber, _ state: CallState, direction: CallDirection = .incoming,
                     name: String? = "Bob", uri: String = "sip:bob@example.com", current: Bool = false,
                     end: CallEnd? = nil) -> CallSnapshot {
        CallSnapshot(id: id, account: "alice", direction: direction, remoteURI: uri, remoteName: name,
                     state: state, end: end, isCurrent: current)
    }

    static func statistics(codec: String = "opus", encrypted: Bool = true, loss: Double = 0.004,
                           jitter: Double = 3, mos: Double? = 4.3) -> MediaStreamSnapshot {
        var snapshot = MediaStreamSnapshot()
        snapshot.codec = codec
        snapshot.encrypted = encrypted
        snapshot.quality.fractionLost = loss
        snapshot.quality.jitterMilliseconds = jitter
        snapshot.mos = mos
        return snapshot
    }

    /// A state with one account registered and the given events applied at t = 1000 s.
    static func state(_ events: [Event] = []) -> TUIState {
        var state = TUIState()
        state.apply(.accounts([AccountSummary(name: "alice", uri: "sip:alice@example.com", state: .registering)]), now: 1_000_000)
        for event in events { state.apply(event, now: 1_000_000) }
        return state
    }
}
