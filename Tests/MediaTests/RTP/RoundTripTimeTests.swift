import Testing
@testable import Media

@Suite("RoundTripTimeTests", .timeLimit(.minutes(1)))
struct RoundTripTimeTests {
    @Test func ntpFromUnixTime() {
        #expect(NTPTimestamp(unixTime: .zero) == NTPTimestamp(seconds: 2_208_988_800, fraction: 0))
        #expect(NTPTimestamp(unixTime: .milliseconds(1500)) == NTPTimestamp(seconds: 2_208_988_801, fraction: 0x8000_0000))
        #expect(NTPTimestamp(unixTime: .milliseconds(250)).fraction == 0x4000_0000)
        let t = NTPTimestamp(seconds: 0xE87B_2D3C, fraction: 0x8765_4321)
        #expect(t.value == 0xE87B_2D3C_8765_4321)
        #expect(NTPTimestamp(t.value) == t)
        #expect(t.middle32 == 0x2D3C_8765)
        // 2036: seconds wrap into NTP era 1 rather than trapping.
        #expect(NTPTimestamp(unixTime: .seconds(2_085_978_496)).seconds == 0)
    }

    @Test func theExampleOfRFC3550Section6_4_1() throws {
        // A = 0xb710:8000 (46864.500 s), LSR = 0xb705:2000 (46853.125 s),
        // DLSR = 0x0005:4000 (5.250 s): RTT = 0x0006:2000 = 6.125 s.
        let arrival = NTPTimestamp(seconds: 0xB710, fraction: 0x8000_0000)
        let rtt = try #require(RoundTripTime.milliseconds(arrival: arrival, lastSR: 0xB705_2000, delaySinceLastSR: 0x0005_4000))
        #expect(rtt == 6125)
    }

    @Test func nonsenseGivesNoRTT() {
        let arrival = NTPTimestamp(seconds: 0xB710, fraction: 0x8000_0000)
        #expect(RoundTripTime.milliseconds(arrival: arrival, lastSR: 0, delaySinceLastSR: 0) == nil)
        // DLSR larger than the time since our SR: negative.
        #expect(RoundTripTime.milliseconds(arrival: arrival, lastSR: 0xB705_2000, delaySinceLastSR: 0x0020_0000) == nil)
        // An LSR from long ago (an hour): not a plausible RTT.
        #expect(RoundTripTime.milliseconds(arrival: arrival, lastSR: 0xA8F0_0000, delaySinceLastSR: 0) == nil)
        // Rounding of DLSR by the peer on loopback: a hair negative reads as zero.
        #expect(RoundTripTime.milliseconds(arrival: arrival, lastSR: 0xB710_8000, delaySinceLastSR: 10) == 0)
    }

    @Test func wrapsAcrossTheMiddle32Boundary() throws {
        // Our SR just before the 16-bit seconds wrap, the report 0.25 s after it.
        let arrival = NTPTimestamp(seconds: 0x0001_0000, fraction: 0x4000_0000)
        let rtt = try #require(RoundTripTime.milliseconds(arrival: arrival, lastSR: 0xFFFF_C000, delaySinceLastSR: 0x0000_4000))
        #expect(rtt == 250)
    }

    @Test func endToEndWithReceiverStatistics() throws {
        // We send an SR at wall time W; the peer holds it 200 ms and replies; it arrives
        // at W + 260 ms: RTT 60 ms (to the 1/65536 s resolution).
        let wall = Duration.seconds(1_790_000_000)
        let ourSR = NTPTimestamp(unixTime: wall)
        let t0 = ContinuousClock.now
        var peer = ReceiverStatistics(clockRate: 8000)
        peer.received(ssrc: 1, sequence: 1, timestamp: 0, payloadBytes: 0, arrival: t0)
        peer.received(ssrc: 1, sequence: 2, timestamp: 160, payloadBytes: 0, arrival: t0)
        peer.senderReportReceived(ntp: ourSR, at: t0.plus(ms: 30))
        let block = try nextBlock(&peer, now: t0.plus(ms: 230))
        let arrival = NTPTimestamp(unixTime: wall + .milliseconds(260))
        let rtt = try #require(RoundTripTime.milliseconds(arrival: arrival, lastSR: block.lastSR, delaySinceLastSR: block.delaySinceLastSR))
        #expect(abs(rtt - 60) < 0.05)
    }
}
