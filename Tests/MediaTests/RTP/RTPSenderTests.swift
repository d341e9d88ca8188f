import Testing
@testable import Media

@Suite("RTPSenderTests", .timeLimit(.minutes(1)))
struct RTPSenderTests {
    static let t0 = ContinuousClock.now

    @Test func randomInitialValuesComeFromTheInjectedSource() {
        var rng = SeededRandom(seed: 42)
        let sender = RTPSender(payloadType: 0, clockRate: 8000, now: Self.t0, random: &rng)
        var same = SeededRandom(seed: 42)
        #expect(sender.ssrc == UInt32(truncatingIfNeeded: same.next()))
        #expect(sender.sequenceNumber == UInt16(truncatingIfNeeded: same.next()))
        #expect(sender.timestamp == UInt32(truncatingIfNeeded: same.next()))
        var other = SeededRandom(seed: 43)
        #expect(RTPSender(payloadType: 0, clockRate: 8000, now: Self.t0, random: &other).ssrc != sender.ssrc)
    }

    @Test func twentyMillisecondPacketsByDefault() {
        var rng = ScriptedRNG(values: [0x1111, 100, 5000])
        var sender = RTPSender(payloadType: 0, clockRate: 8000, now: Self.t0, random: &rng)
        #expect(sender.unitsPerPacket == 160)
        let headers = (0..<3).map { sender.nextPacket(payloadBytes: 160, now: Self.t0.plus(ms: Double($0) * 20)) }
        #expect(headers.map(\.sequenceNumber) == [100, 101, 102])
        #expect(headers.map(\.timestamp) == [5000, 5160, 5320])
        #expect(headers.map(\.marker) == [true, false, false])
        #expect(headers.allSatisfy { $0.ssrc == 0x1111 && $0.payloadType == 0 })
        #expect(sender.packetCount == 3)
        #expect(sender.octetCount == 480)
    }

    @Test func otherPtimesAndClockRates() {
        var rng = ScriptedRNG(values: [1, 0, 0])
        var opus = RTPSender(payloadType: 111, clockRate: 48000, now: Self.t0, random: &rng)
        #expect(opus.unitsPerPacket == 960)
        opus.packetDuration = .milliseconds(60)
        #expect(opus.unitsPerPacket == 2880)
        var rng2 = ScriptedRNG(values: [1, 0, 0])
        var g711 = RTPSender(payloadType: 8, clockRate: 8000, packetDuration: .milliseconds(30), now: Self.t0, random: &rng2)
        _ = g711.nextPacket(payloadBytes: 240, now: Self.t0)
        #expect(g711.nextPacket(payloadBytes: 240, now: Self.t0).timestamp == 240)
        // A packet covering an explicit duration (e.g. the encoder returned 40 ms).
        _ = g711.nextPacket(payloadBytes: 320, units: 320, now: Self.t0)
        #expect(g711.timestamp == 800)
    }

    @Test func sequenceAndTimestampWrap() {
        var rng = ScriptedRNG(values: [1, 65535, 0xFFFF_FF00])
        var sender = RTPSender(payloadType: 0, clockRate: 8000, now: Self.t0, random: &rng)
        let a = sender.nextPacket(payloadBytes: 160, now: Self.t0)
        let b = sender.nextPacket(payloadBytes: 160, now: Self.t0)
        let c = sender.nextPacket(payloadBytes: 160, now: Self.t0)
        #expect([a.sequenceNumber, b.sequenceNumber, c.sequenceNumber] == [65535, 0, 1])
        #expect([a.timestamp, b.timestamp, c.timestamp] == [0xFFFF_FF00, 0xFFFF_FFA0, 0x40])
    }

    @Test func holdAndResumeJumpTheTimestampByThePause() {
        var rng = ScriptedRNG(values: [7, 1000, 0])
        var sender = RTPSender(payloadType: 0, clockRate: 8000, now: Self.t0, random: &rng)
        for i in 0..<5 { _ = sender.nextPacket(payloadBytes: 160, now: Self.t0.plus(ms: Double(i) * 20)) }
        #expect(sender.timestamp == 800)
        sender.pause(now: Self.t0.plus(ms: 100))
        sender.pause(now: Self.t0.plus(ms: 500))  // a second pause changes nothing
        sender.resume(now: Self.t0.plus(ms: 1334))
        let next = sender.nextPacket(payloadBytes: 160, now: Self.t0.plus(ms: 1334))
        #expect(next.sequenceNumber == 1005)  // no gap in sequence numbers
        #expect(next.timestamp == 800 + 9872)  // 1.234 s × 8000
        #expect(next.marker)
        #expect(!sender.nextPacket(payloadBytes: 160, now: Self.t0.plus(ms: 1354)).marker)
    }

    @Test func sendingWhilePausedResumesImplicitly() {
        var rng = ScriptedRNG(values: [7, 0, 0])
        var sender = RTPSender(payloadType: 0, clockRate: 8000, now: Self.t0, random: &rng)
        _ = sender.nextPacket(payloadBytes: 160, now: Self.t0)
        sender.pause(now: Self.t0.plus(ms: 20))
        let next = sender.nextPacket(payloadBytes: 160, now: Self.t0.plus(ms: 520))
        #expect(next.timestamp == 160 + 4000)
        #expect(next.marker)
    }

    @Test func skippedFramesAdvanceTimeAndMarkTheTalkSpurt() {
        var rng = ScriptedRNG(values: [7, 0, 0])
        var sender = RTPSender(payloadType: 0, clockRate: 8000, now: Self.t0, random: &rng)
        _ = sender.nextPacket(payloadBytes: 160, now: Self.t0)
        sender.skip()
        sender.skip()
        let next = sender.nextPacket(payloadBytes: 160, now: Self.t0.plus(ms: 60))
        #expect(next.timestamp == 480)
        #expect(next.sequenceNumber == 1)
        #expect(next.marker)
    }

    @Test func srTimestampFollowsTheMediaTimeline() {
        var rng = ScriptedRNG(values: [7, 0, 1000])
        var sender = RTPSender(payloadType: 0, clockRate: 8000, now: Self.t0, random: &rng)
        #expect(sender.rtpTimestamp(at: Self.t0.plus(ms: 500)) == 1000 + 4000)
        for i in 0..<50 { _ = sender.nextPacket(payloadBytes: 160, now: Self.t0.plus(ms: Double(i) * 20)) }
        // One second of media sent: the next timestamp is sampled at t0 + 1 s.
        #expect(sender.rtpTimestamp(at: Self.t0.plus(ms: 1000)) == sender.timestamp)
        #expect(sender.rtpTimestamp(at: Self.t0.plus(ms: 1250)) == 1000 + 10000)
        let ntp = NTPTimestamp(seconds: 5, fraction: 0)
        #expect(sender.senderInfo(ntp: ntp, now: Self.t0.plus(ms: 1000)) ==
                RTCPSenderInfo(ntp: ntp, rtpTimestamp: 9000, packetCount: 50, octetCount: 8000))
    }

    @Test func formatChangeWithTheSameClockKeepsTheStream() {
        var rng = ScriptedRNG(values: [7, 10, 1000])
        var sender = RTPSender(payloadType: 0, clockRate: 8000, now: Self.t0, random: &rng)
        _ = sender.nextPacket(payloadBytes: 160, now: Self.t0)
        #expect(sender.changeFormat(payloadType: 8, clockRate: 8000, random: &rng) == nil)
        let next = sender.nextPacket(payloadBytes: 160, now: Self.t0.plus(ms: 20))
        #expect(next.payloadType == 8)
        #expect(next.ssrc == 7 && next.sequenceNumber == 11 && next.timestamp == 1160)
    }

    @Test func clockRateChangeStartsANewSSRCOnTheSameTimeline() {
        var rng = ScriptedRNG(values: [7, 10, 1000, 9, 500, 20000])
        var sender = RTPSender(payloadType: 0, clockRate: 8000, now: Self.t0, random: &rng)
        for i in 0..<50 { _ = sender.nextPacket(payloadBytes: 160, now: Self.t0.plus(ms: Double(i) * 20)) }
        let old = sender.changeFormat(payloadType: 111, clockRate: 48000, random: &rng)
        #expect(old == 7)
        #expect(sender.ssrc == 9)
        #expect(sender.packetCount == 0 && sender.octetCount == 0)
        #expect(sender.clockRate == 48000)
        let first = sender.nextPacket(payloadBytes: 90, now: Self.t0.plus(ms: 1000))
        #expect(first == RTPHeader(marker: true, payloadType: 111, sequenceNumber: 500, timestamp: 20000, ssrc: 9))
        #expect(sender.unitsPerPacket == 960)
        // The old stream had reached media time t0 + 1 s; the new one continues from there.
        #expect(sender.rtpTimestamp(at: Self.t0.plus(ms: 2000)) == 20000 + 48000)
    }

    @Test func aNewSSRCNeverRepeatsTheOldOne() {
        var rng = ScriptedRNG(values: [7, 0, 0, 7, 0, 0])
        var sender = RTPSender(payloadType: 0, clockRate: 8000, now: Self.t0, random: &rng)
        #expect(sender.changeFormat(payloadType: 9, clockRate: 16000, random: &rng) == 7)
        #expect(sender.ssrc != 7)
    }

    @Test func clockRateChangeKeepingTheSSRCContinuesTheTimestamp() {
        var rng = ScriptedRNG(values: [7, 10, 1000])
        var sender = RTPSender(payloadType: 0, clockRate: 8000, now: Self.t0, random: &rng)
        for i in 0..<50 { _ = sender.nextPacket(payloadBytes: 160, now: Self.t0.plus(ms: Double(i) * 20)) }
        #expect(sender.changeFormat(payloadType: 111, clockRate: 48000, keepSSRC: true, random: &rng) == nil)
        let first = sender.nextPacket(payloadBytes: 90, now: Self.t0.plus(ms: 1000))
        // RFC 7160 §4.2: from the timestamp reached (1000 + 8000), onward at 48 kHz.
        #expect(first == RTPHeader(marker: true, payloadType: 111, sequenceNumber: 60, timestamp: 9000, ssrc: 7))
        #expect(sender.nextPacket(payloadBytes: 90, now: Self.t0.plus(ms: 1020)).timestamp == 9960)
        #expect(sender.rtpTimestamp(at: Self.t0.plus(ms: 2000)) == 9000 + 48000)
        #expect(sender.packetCount == 52)
    }
}
