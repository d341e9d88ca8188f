@testable import Media
import NAT
import Testing

/// Bursts of address notifications settle into one change, on an injected clock.
@Suite(.timeLimit(.minutes(1)))
struct AddressChangeDebouncerTests {
    static func entry(_ interface: String, _ host: String) -> InterfaceAddresses.Entry {
        InterfaceAddresses.Entry(interface: interface, address: TransportAddress(host: host, port: 0)!)
    }

    static let wifi = entry("wlan0", "192.168.1.5")
    static let wired = entry("eth0", "10.0.0.7")
    static let v6 = entry("eth0", "2001:db8::7")
    static let start = ContinuousClock.now

    static func at(_ ms: Int) -> ContinuousClock.Instant { start + .milliseconds(ms) }

    @Test func nothingPendingNothingSettles() {
        var debouncer = AddressChangeDebouncer(baseline: [Self.wifi])
        #expect(debouncer.deadline == nil)
        #expect(debouncer.settle(current: [Self.wired], now: Self.at(10_000)) == nil)
        #expect(debouncer.baseline == [Self.wifi])
    }

    @Test func aBurstSettlesOnceQuietAfterTheLastNotification() {
        var debouncer = AddressChangeDebouncer(baseline: [Self.wifi], quiet: .milliseconds(300), maxWait: .seconds(2))
        debouncer.noteActivity(now: Self.at(0))      // wlan0's address deleted
        debouncer.noteActivity(now: Self.at(120))    // eth0's added
        debouncer.noteActivity(now: Self.at(200))    // a route
        #expect(debouncer.deadline == Self.at(500))
        #expect(debouncer.settle(current: [Self.wired], now: Self.at(499)) == nil)
        let change = debouncer.settle(current: [Self.wired], now: Self.at(500))
        #expect(change == InterfaceChange(added: [Self.wired], removed: [Self.wifi], current: [Self.wired]))
        #expect(debouncer.baseline == [Self.wired])
        #expect(debouncer.deadline == nil)
    }

    @Test func aFlappingLinkIsActedOnAfterMaxWait() {
        var debouncer = AddressChangeDebouncer(baseline: [Self.wifi], quiet: .milliseconds(300), maxWait: .seconds(2))
        var now = 0
        while now < 3000 {
            debouncer.noteActivity(now: Self.at(now))
            now += 200
        }
        #expect(debouncer.deadline == Self.at(2000))
        #expect(debouncer.settle(current: [Self.wifi, Self.v6], now: Self.at(2000))?.added == [Self.v6])
    }

    @Test func aBurstThatEndsWhereItBeganReportsNothing() {
        var debouncer = AddressChangeDebouncer(baseline: [Self.wifi, Self.v6])
        debouncer.noteActivity(now: Self.at(0))
        #expect(debouncer.settle(current: [Self.v6, Self.wifi], now: Self.at(1000)) == nil)
        #expect(debouncer.deadline == nil)
        // The next burst is measured from the same baseline.
        debouncer.noteActivity(now: Self.at(2000))
        #expect(debouncer.settle(current: [Self.v6], now: Self.at(2300))?.removed == [Self.wifi])
    }

    @Test func theDiffKeepsTheKernelsOrder() {
        let a = Self.entry("eth0", "10.0.0.1"), b = Self.entry("eth0", "10.0.0.2"), c = Self.entry("eth1", "10.0.1.1")
        let change = InterfaceChange.between([a, b], [c, b, Self.v6])
        #expect(change?.added == [c, Self.v6])
        #expect(change?.removed == [a])
        #expect(change?.current == [c, b, Self.v6])
        #expect(InterfaceChange.between([a, b], [b, a]) == nil)
    }

    @Test func aMovedSocketGoesWhereTheRouteLeavesFrom() {
        let old = TransportAddress(host: "10.0.1.2", port: 4000)!
        let usable = ["10.0.1.50", "192.168.7.2", "2001:db8::2"].map { TransportAddress(host: $0, port: 0)! }
        let route = TransportAddress(host: "192.168.7.2", port: 0)!
        #expect(HostMove.replacement(for: old, usable: usable, route: route) == route)
        // No route (or one not usable, or of the other family): the first of the family.
        #expect(HostMove.replacement(for: old, usable: usable, route: nil) == usable[0])
        #expect(HostMove.replacement(for: old, usable: usable, route: TransportAddress(host: "172.16.0.1", port: 0)) == usable[0])
        #expect(HostMove.replacement(for: old, usable: usable, route: usable[2]) == usable[0])
        let v6 = TransportAddress(host: "2001:db8::1", port: 4000)!
        #expect(HostMove.replacement(for: v6, usable: usable, route: nil) == usable[2])
        #expect(HostMove.replacement(for: v6, usable: Array(usable.prefix(2)), route: nil) == nil)
    }

    @Test func theSourceAddressTowardLoopbackIsLoopback() {
        let source = InterfaceAddresses.source(toward: TransportAddress(host: "127.0.0.1", port: 5060)!)
        #expect(source?.isLoopback == true)
    }
}
