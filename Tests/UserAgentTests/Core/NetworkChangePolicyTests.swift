import Testing
import UserAgent

/// What a change of our own addresses leads to, and how it is said.
@Suite(.timeLimit(.minutes(1))) struct NetworkChangePolicyTests {
    @Test(arguments: [
        (1, 0, false, true),   // an address went away: its sockets and paths are dead
        (1, 1, false, true),   // renumbered
        (0, 1, true, true),    // a new network that the route now uses (Ethernet plugged in)
        (0, 1, false, false),  // a new address the route does not use (IPv6 privacy address)
        (0, 0, true, false),
    ])
    func callsRestartWhenAnAddressWentOrTheRouteMoved(removed: Int, added: Int, routeMoved: Bool, restarts: Bool) {
        #expect(NetworkChangePolicy.restartsCalls(removed: removed, added: added, routeMoved: routeMoved) == restarts)
    }

    @Test func theSummarySaysWhatMovedAndWhatWasDone() {
        let report = NetworkChangeReport(added: ["10.0.0.7"], removed: ["192.168.1.5"], restartedCalls: [1],
                                         reregisteredAccounts: ["home", "work"])
        #expect(report.summary == "192.168.1.5 → 10.0.0.7; restarting ICE on 1 call, re-registering 2 accounts")
        #expect(NetworkChangeReport(added: [], removed: ["10.8.0.2"], restartedCalls: [1, 2]).summary
                == "10.8.0.2 gone; restarting ICE on 2 calls")
        #expect(NetworkChangeReport(added: ["2001:db8::5"], removed: []).summary == "new 2001:db8::5")
        #expect(NetworkChangeReport(added: ["10.8.0.2"], removed: [], reregisteredAccounts: ["vpn"]).summary
                == "new 10.8.0.2; re-registering 1 account")
    }
}
