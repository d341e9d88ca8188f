import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Network namespaces, links and rules for one lab, deleted when the lab ends.
///
/// Every namespace is named `pnl<PID>-<N>-<role>` (PID of the test process, N counting
/// network labs in it), so parallel tests and test processes never collide, and a crashed
/// run's leftovers (a PID no longer alive) are recognised and deleted by the next run.
/// Deleting a namespace deletes the veths, bridges and nftables rules in it: the lab never
/// creates anything in the host's own namespace.
public final class NetworkLab: @unchecked Sendable {
    /// The prefix of every namespace this lab makes.
    public let prefix: String

    private let lock = NSLock()
    private var namespaces: [NetworkNamespace] = []

    private static let counter = Counter()
    static let namePrefix = "pnl"

    init() {
        prefix = "\(Self.namePrefix)\(getpid())-\(Self.counter.next())-"
    }

    /// A new namespace `PREFIX<role>`, loopback up, IPv6 off (the lab is IPv4: no link-local
    /// IPv6 candidates to blur which path a test proved), forwarding as asked.
    public func makeNamespace(_ role: String, forwarding: Bool = false) throws -> NetworkNamespace {
        let namespace = NetworkNamespace(name: prefix + role)
        try NetworkCommand.run(.ip, ["netns", "add", namespace.name])
        lock.withLock { namespaces.append(namespace) }
        try sysctl(namespace, "net/ipv6/conf/all/disable_ipv6", "1")
        try sysctl(namespace, "net/ipv6/conf/default/disable_ipv6", "1")
        if forwarding { try sysctl(namespace, "net/ipv4/ip_forward", "1") }
        try ip(namespace, "link", "set", "lo", "up")
        return namespace
    }

    /// Every namespace made so far, in order.
    public var createdNamespaces: [NetworkNamespace] { lock.withLock { namespaces } }

    /// Runs `ip -n NAMESPACE ARGUMENTS…`; an error shows the command and its stderr.
    @discardableResult
    public func ip(_ namespace: NetworkNamespace, _ arguments: String...) throws -> String {
        try NetworkCommand.run(.ip, ["-n", namespace.name] + arguments)
    }

    /// Loads an nftables ruleset (`nft -f -`) in `namespace`.
    public func nft(_ namespace: NetworkNamespace, ruleset: String) throws {
        try NetworkCommand.run(.ip, ["netns", "exec", namespace.name, try Tool.nft.path(), "-f", "-"], input: ruleset)
    }

    /// The ruleset `nft list ruleset` shows in `namespace`.
    public func ruleset(_ namespace: NetworkNamespace) throws -> String {
        try NetworkCommand.run(.ip, ["netns", "exec", namespace.name, try Tool.nft.path(), "list", "ruleset"])
    }

    /// A veth pair: `name` in `namespace`, `peerName` in `peer`, both up.
    public func link(_ namespace: NetworkNamespace, _ name: String, to peer: NetworkNamespace, _ peerName: String) throws {
        try ip(namespace, "link", "add", name, "type", "veth", "peer", "name", peerName, "netns", peer.name)
        try ip(namespace, "link", "set", name, "up")
        try ip(peer, "link", "set", peerName, "up")
    }

    /// A bridge `name` in `namespace`, up, forwarding at once (no STP delay).
    public func bridge(_ namespace: NetworkNamespace, _ name: String) throws {
        try ip(namespace, "link", "add", name, "type", "bridge", "forward_delay", "0", "stp_state", "0")
        try ip(namespace, "link", "set", name, "up")
    }

    /// Makes the interface `port` a port of `bridge` in `namespace`.
    public func attach(_ namespace: NetworkNamespace, _ port: String, to bridge: String) throws {
        try ip(namespace, "link", "set", port, "master", bridge)
    }

    /// Adds `cidr` (e.g. `10.0.1.1/24`) to `interface` in `namespace`.
    public func address(_ namespace: NetworkNamespace, _ interface: String, _ cidr: String) throws {
        try ip(namespace, "addr", "add", cidr, "dev", interface)
    }

    /// Writes `/proc/sys/KEY` in `namespace` (the thread enters it: no process needed).
    public func sysctl(_ namespace: NetworkNamespace, _ key: String, _ value: String) throws {
        let ok = try namespace.entered { () -> Bool in
            let fd = open("/proc/sys/\(key)", O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            return value.withCString { write(fd, $0, strlen($0)) } == value.utf8.count
        }
        guard ok else { throw LabError.unexpected("\(namespace): cannot write \(value) to /proc/sys/\(key) (errno \(errno))") }
    }

    /// Deletes every namespace this lab made, last made first (their links, bridges and
    /// rules go with them). Call after the processes in them have stopped.
    public func teardown() {
        let made = lock.withLock {
            defer { namespaces.removeAll() }
            return namespaces
        }
        for namespace in made.reversed() {
            _ = try? NetworkCommand.run(.ip, ["netns", "del", namespace.name])
        }
    }

    /// Deletes the namespaces a crashed earlier test process left (prefix `pnl<PID>-` with
    /// a PID that no longer runs), after killing by PID the processes still inside them
    /// (the lab's peers of that run, which nobody reaps any more).
    static func removeStale() {
        guard let list = try? NetworkCommand.run(.ip, ["netns", "list"]) else { return }
        for line in list.split(separator: "\n") {
            guard let name = line.split(separator: " ").first.map(String.init), let owner = owner(of: name),
                  owner != getpid(), kill(owner, 0) == -1, errno == ESRCH else { continue }
            let pids = (try? NetworkCommand.run(.ip, ["netns", "pids", name])) ?? ""
            for pid in pids.split(separator: "\n").compactMap({ pid_t($0) }) where pid > 1 { kill(pid, SIGKILL) }
            _ = try? NetworkCommand.run(.ip, ["netns", "del", name])
        }
    }

    /// The PID in a lab namespace's name, nil for other names.
    static func owner(of name: String) -> pid_t? {
        guard name.hasPrefix(namePrefix) else { return nil }
        let digits = name.dropFirst(namePrefix.count).prefix { $0.isNumber }
        guard !digits.isEmpty, name.dropFirst(namePrefix.count + digits.count).first == "-" else { return nil }
        return pid_t(digits)
    }

    /// Numbers the network labs of this test process.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
    }
}

extension Lab {
    /// A network lab whose namespaces are deleted when this lab ends, after its processes
    /// stop (also when the test fails). Clears a crashed earlier run's namespaces first.
    public func makeNetworkLab() -> NetworkLab {
        NetworkLab.removeStale()
        let network = NetworkLab()
        addTeardown { network.teardown() }
        return network
    }
}
