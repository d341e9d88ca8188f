/// How this machine's usable addresses changed between two settled views.
public struct InterfaceChange: Equatable, Sendable {
    public var added: [InterfaceAddresses.Entry]
    public var removed: [InterfaceAddresses.Entry]
    /// Every usable address now, in the kernel's order.
    public var current: [InterfaceAddresses.Entry]

    public init(added: [InterfaceAddresses.Entry], removed: [InterfaceAddresses.Entry], current: [InterfaceAddresses.Entry]) {
        self.added = added
        self.removed = removed
        self.current = current
    }

    /// The change from `before` to `after`; nil when the sets are the same.
    public static func between(_ before: [InterfaceAddresses.Entry], _ after: [InterfaceAddresses.Entry]) -> InterfaceChange? {
        let old = Set(before), new = Set(after)
        let added = after.filter { !old.contains($0) }
        let removed = before.filter { !new.contains($0) }
        guard !added.isEmpty || !removed.isEmpty else { return nil }
        return InterfaceChange(added: added, removed: removed, current: after)
    }
}

/// Turns bursts of address notifications into one settled change. A network switch
/// (Wi-Fi → Ethernet, DHCP renumbering, a VPN coming up) deletes and adds addresses and
/// routes over some hundreds of milliseconds; acting on each step would restart ICE on
/// half-configured interfaces. The view settles once no notification came for `quiet`,
/// or `maxWait` after the first (a flapping link still gets acted on). Pure: the caller
/// passes the time and the address list it read.
public struct AddressChangeDebouncer: Sendable {
    public let quiet: Duration
    public let maxWait: Duration
    /// The addresses as last settled: what changes are measured against.
    public private(set) var baseline: [InterfaceAddresses.Entry]
    private var first: ContinuousClock.Instant?
    private var last: ContinuousClock.Instant?

    public init(baseline: [InterfaceAddresses.Entry], quiet: Duration = .milliseconds(300), maxWait: Duration = .seconds(2)) {
        self.baseline = baseline
        self.quiet = quiet
        self.maxWait = maxWait
    }

    /// A notification arrived (or the kernel said it dropped some).
    public mutating func noteActivity(now: ContinuousClock.Instant) {
        if first == nil { first = now }
        last = now
    }

    /// When to look again (call `settle`); nil while nothing is pending.
    public var deadline: ContinuousClock.Instant? {
        guard let first, let last else { return nil }
        return min(last + quiet, first + maxWait)
    }

    /// At or after the deadline: takes `current` as the new baseline and returns how it
    /// differs from the old one (nil when the burst changed nothing in the end, e.g. an
    /// address removed and added back). Before the deadline: nil, nothing changes.
    public mutating func settle(current: [InterfaceAddresses.Entry], now: ContinuousClock.Instant) -> InterfaceChange? {
        guard let deadline, now >= deadline else { return nil }
        first = nil
        last = nil
        let change = InterfaceChange.between(baseline, current)
        baseline = current
        return change
    }
}
