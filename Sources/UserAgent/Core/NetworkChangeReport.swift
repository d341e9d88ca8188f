/// What pipit did about a change of this machine's own addresses: which addresses came
/// and went, the calls whose ICE restarted, and the accounts registering their new
/// Contact.
public struct NetworkChangeReport: Sendable, Equatable {
    /// Addresses as text ("10.0.0.7", "2001:db8::7"), in the kernel's order.
    public var added: [String]
    public var removed: [String]
    public var restartedCalls: [CallNumber]
    public var reregisteredAccounts: [String]

    public init(added: [String], removed: [String], restartedCalls: [CallNumber] = [], reregisteredAccounts: [String] = []) {
        self.added = added
        self.removed = removed
        self.restartedCalls = restartedCalls
        self.reregisteredAccounts = reregisteredAccounts
    }

    /// "192.168.1.5 → 10.0.0.7; restarting ICE on 1 call, re-registering 2 accounts"
    public var summary: String {
        let moved: String = switch (removed.isEmpty, added.isEmpty) {
        case (false, false): removed.joined(separator: ", ") + " → " + added.joined(separator: ", ")
        case (false, true): removed.joined(separator: ", ") + " gone"
        case (true, false): "new " + added.joined(separator: ", ")
        case (true, true): "no address changed"
        }
        var actions: [String] = []
        if !restartedCalls.isEmpty { actions.append("restarting ICE on \(Self.count(restartedCalls.count, "call"))") }
        if !reregisteredAccounts.isEmpty { actions.append("re-registering \(Self.count(reregisteredAccounts.count, "account"))") }
        return actions.isEmpty ? moved : moved + "; " + actions.joined(separator: ", ")
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)" + (n == 1 ? "" : "s") }
}

/// Whether a change of our own addresses is worth restarting ICE on the calls: when an
/// address went away (each call then restarts only if its media used it), or when an
/// account's route now leaves from another address (the network in use changed: every
/// call restarts). An address that only appeared, the route unchanged (an IPv6 privacy
/// address, a second interface), is not: restarting would cost a re-INVITE and gain
/// nothing. Pure.
public enum NetworkChangePolicy {
    public static func restartsCalls(removed: Int, added: Int, routeMoved: Bool) -> Bool {
        removed > 0 || (added > 0 && routeMoved)
    }
}
