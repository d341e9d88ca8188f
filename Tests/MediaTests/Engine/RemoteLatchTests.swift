import Media
import Testing

@Suite(.timeLimit(.minutes(1)))
struct RemoteLatchTests {
    let sdp = SocketAddress(host: "10.0.0.5", port: 4000)!
    let nat = SocketAddress(host: "203.0.113.9", port: 61000)!
    let other = SocketAddress(host: "198.51.100.1", port: 5000)!
    let start = ContinuousClock.now
    func at(_ d: Duration) -> ContinuousClock.Instant { start + d }

    @Test func sendsToTheSignalledAddressUntilMediaArrives() {
        let latch = RemoteLatch(signalled: sdp)
        #expect(latch.destination == sdp)
        #expect(!latch.isLatched)
    }

    @Test func latchesOnTheFirstValidPacketsSource() {
        var latch = RemoteLatch(signalled: sdp)
        let moved1 = latch.validPacket(from: nat, now: at(.nanoseconds(5)))
        #expect(moved1)
        #expect(latch.destination == nat)
        #expect(latch.isLatched)
        let moved2 = latch.validPacket(from: nat, now: at(.nanoseconds(6)))
        #expect(!moved2)
    }

    @Test func aSecondSourceCannotTakeOverWhileTheFirstIsAlive() {
        var latch = RemoteLatch(signalled: sdp)
        _ = latch.validPacket(from: nat, now: at(.nanoseconds(0)))
        _ = latch.validPacket(from: nat, now: at(.milliseconds(500)))
        let moved3 = latch.validPacket(from: other, now: at(.seconds(1)))
        #expect(!moved3)
        #expect(latch.destination == nat)
    }

    @Test func followsARebindingAfterTheLatchedAddressFallsQuiet() {
        var latch = RemoteLatch(signalled: sdp)
        _ = latch.validPacket(from: nat, now: at(.nanoseconds(0)))
        let moved4 = latch.validPacket(from: other, now: at(.seconds(1) + .nanoseconds(1)))
        #expect(moved4)
        #expect(latch.destination == other)
        let moved5 = latch.validPacket(from: nat, now: at(.seconds(1) + .nanoseconds(2)))
        #expect(!moved5, "and does not flap back at once")
    }

    @Test func newSDPStartsOverButTheSameSDPKeepsTheLatch() {
        var latch = RemoteLatch(signalled: sdp)
        _ = latch.validPacket(from: nat, now: at(.nanoseconds(0)))
        latch.signalled(sdp)
        #expect(latch.destination == nat)
        latch.signalled(other)
        #expect(latch.destination == other)
        #expect(!latch.isLatched)
    }

    @Test func withoutSignalledAddressItWaitsForThePeer() {
        var latch = RemoteLatch(signalled: nil)
        #expect(latch.destination == nil)
        let moved6 = latch.validPacket(from: nat, now: at(.nanoseconds(0)))
        #expect(moved6)
        #expect(latch.destination == nat)
    }
}
