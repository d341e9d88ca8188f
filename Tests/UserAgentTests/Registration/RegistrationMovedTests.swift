import Testing
import UserAgent

/// Our own address moved under a registration (a network change): the new Contact is
/// registered at once and the old binding removed in the same request.
@Suite(.timeLimit(.minutes(1))) struct RegistrationMovedTests {
    typealias V = VirtualRegistration
    static let wired = ContactAddress(host: "10.0.0.7", port: 5060)

    @Test func aRegisteredAccountRegistersTheNewAddressAtOnce() {
        var v = V.registered()
        v.feed(.moved(Self.wired))
        #expect(v.state == .registering)
        #expect(v.lastSent == RegisterPlan(contact: Self.wired, expires: 600, removing: V.home))
        #expect(v.timers[.refresh] == nil)
        v.reply(.accepted(granted: 600, natAddress: nil))
        #expect(v.state == .registered(expires: 600))
        #expect(v.machine.contact == Self.wired)
        // The refresh after it keeps the new contact and removes nothing.
        v.advance(by: .seconds(480))
        #expect(v.lastSent == RegisterPlan(contact: Self.wired, expires: 600))
    }

    @Test func behindANATTheRebindingStillFollows() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.accepted(granted: 600, natAddress: V.outside))
        v.reply(.accepted(granted: 600, natAddress: V.outside))
        #expect(v.machine.contact == V.outside)
        v.feed(.moved(Self.wired))
        // The binding the registrar holds (the NAT's address) goes in the same request.
        #expect(v.lastSent == RegisterPlan(contact: Self.wired, expires: 600, removing: V.outside))
        let other = ContactAddress(host: "203.0.113.9", port: 40999)
        v.reply(.accepted(granted: 600, natAddress: other))
        #expect(v.lastSent == RegisterPlan(contact: other, expires: 600, removing: Self.wired))
        v.reply(.accepted(granted: 600, natAddress: other))
        #expect(v.state == .registered(expires: 600))
    }

    @Test func aRegisterInFlightIsSuperseded() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.feed(.moved(Self.wired))
        // Nothing was bound yet: nothing to remove.
        #expect(v.lastSent == RegisterPlan(contact: Self.wired, expires: 600))
        #expect(v.sent.count == 2)
        v.reply(.accepted(granted: 600, natAddress: nil))
        #expect(v.state == .registered(expires: 600))
        #expect(v.machine.contact == Self.wired)
    }

    @Test func aFailureWaitingForItsRetryRegistersNow() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.noResponse(reason: "timeout"))
        #expect(v.timers[.retry] != nil)
        v.feed(.moved(Self.wired))
        #expect(v.timers[.retry] == nil)
        #expect(v.lastSent == RegisterPlan(contact: Self.wired, expires: 600))
        #expect(v.state == .registering)
    }

    @Test func theSameAddressOrAStoppedAccountSendsNothing() {
        var v = V.registered()
        #expect(v.feed(.moved(V.home)).isEmpty)
        var stopped = V()
        stopped.feed(.start(contact: V.home))
        stopped.reply(.rejected(code: 403, reason: "Forbidden", retryAfter: nil))
        #expect(stopped.feed(.moved(Self.wired)).isEmpty)
        #expect(stopped.machine.contact == Self.wired)
        var idle = V()
        #expect(idle.feed(.moved(Self.wired)).isEmpty)
        #expect(idle.machine.contact == nil)
    }
}
