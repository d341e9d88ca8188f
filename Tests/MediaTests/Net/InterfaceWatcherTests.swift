import Foundation
import Media
import NAT
import Testing
import TestLab

/// The watcher on a real rtnetlink socket, in a network namespace of its own whose
/// addresses the test changes: a burst is reported once, after it settles.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct InterfaceWatcherTests {
    final class Changes: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [InterfaceChange] = []
        func append(_ change: InterfaceChange) { lock.withLock { seen.append(change) } }
        var all: [InterfaceChange] { lock.withLock { seen } }
    }

    static func addresses(_ entries: [InterfaceAddresses.Entry]) -> Set<String> {
        Set(entries.map { "\($0.interface) \($0.address.host)" })
    }

    @Test func aBurstOfAddressesIsOneChangeAndTheirRemovalAnother() async throws {
        try await Lab.run { lab in
            let network = lab.makeNetworkLab()
            let namespace = try network.makeNamespace("watch")
            try network.ip(namespace, "link", "add", "lan0", "type", "veth", "peer", "name", "lan0p")
            try network.ip(namespace, "link", "set", "lan0", "up")
            try network.ip(namespace, "link", "set", "lan0p", "up")
            let changes = Changes()
            let watcher = try namespace.running {
                try InterfaceWatcher.start(quiet: .milliseconds(300), maxWait: .seconds(1)) { changes.append($0) }
            }
            defer { watcher.stop() }
            try network.ip(namespace, "addr", "add", "10.9.0.1/24", "dev", "lan0")
            try network.ip(namespace, "addr", "add", "10.9.0.2/24", "dev", "lan0")
            try await Poll.until("the addresses to be reported", timeout: .seconds(5)) { !changes.all.isEmpty }
            // Deleting the primary address takes the secondary with it: one burst again.
            try network.ip(namespace, "addr", "del", "10.9.0.1/24", "dev", "lan0")
            try await Poll.until("the removal to be reported", timeout: .seconds(5)) { changes.all.count >= 2 }
            try await Task.sleep(for: .milliseconds(400))
            let seen = changes.all
            try #require(seen.count == 2, "\(seen)")
            #expect(Self.addresses(seen[0].added) == ["lan0 10.9.0.1", "lan0 10.9.0.2"])
            #expect(seen[0].removed.isEmpty)
            #expect(seen[1].added.isEmpty)
            #expect(Self.addresses(seen[1].removed) == ["lan0 10.9.0.1", "lan0 10.9.0.2"])
            #expect(seen[1].current.isEmpty)
        }
    }

    @Test func loopbackAndUnchangedSetsReportNothing() async throws {
        try await Lab.run { lab in
            let network = lab.makeNetworkLab()
            let namespace = try network.makeNamespace("quiet")
            let changes = Changes()
            let watcher = try namespace.running {
                try InterfaceWatcher.start(quiet: .milliseconds(100), maxWait: .seconds(1)) { changes.append($0) }
            }
            defer { watcher.stop() }
            // Loopback addresses are never usable; a link up with no address changes nothing.
            try network.ip(namespace, "addr", "add", "127.0.0.9/8", "dev", "lo")
            try network.ip(namespace, "link", "add", "lan1", "type", "veth", "peer", "name", "lan1p")
            try network.ip(namespace, "link", "set", "lan1", "up")
            try network.ip(namespace, "link", "set", "lan1p", "up")
            try await Task.sleep(for: .milliseconds(600))
            #expect(changes.all.isEmpty, "\(changes.all)")
        }
    }
}
