import Testing
@testable import Media

@Suite("RTCPIntervalTests", .timeLimit(.minutes(1)))
struct RTCPIntervalTests {
    static let compensation = 2.718281828459045 - 1.5

    @Test func bandwidthFromTheCodec() {
        // G.711: 64 kbit/s + 50 packets/s × 40 header octets = 80 kbit/s; RTCP gets 5 %.
        let session = RTCPInterval.sessionBandwidth(codecBitsPerSecond: 64000, packetsPerSecond: 50)
        #expect(session == 80000)
        #expect(RTCPInterval.rtcpBandwidth(sessionBitsPerSecond: session) == 500)
    }

    @Test func twoPartyCallHitsTheMinimum() {
        // avg 100 octets × 2 members / 500 octets/s = 0.4 s < 5 s minimum.
        let t = RTCPInterval.seconds(members: 2, senders: 2, rtcpBandwidth: 500, averageRTCPSize: 100,
                                     weSent: true, initial: false, random: 1)
        #expect(abs(t - 5 / Self.compensation) < 1e-9)
        #expect(abs(t - 4.1042) < 1e-3)
        let initial = RTCPInterval.seconds(members: 2, senders: 2, rtcpBandwidth: 500, averageRTCPSize: 100,
                                           weSent: true, initial: true, random: 1)
        #expect(abs(initial - 2.5 / Self.compensation) < 1e-9)
        let early = RTCPInterval.seconds(members: 2, senders: 1, rtcpBandwidth: 500, averageRTCPSize: 100,
                                         weSent: false, initial: false, random: 0.5)
        #expect(abs(early - 2.5 / Self.compensation) < 1e-9)
        let late = RTCPInterval.seconds(members: 2, senders: 1, rtcpBandwidth: 500, averageRTCPSize: 100,
                                        weSent: false, initial: false, random: 1.5)
        #expect(abs(late - 7.5 / Self.compensation) < 1e-9)
    }

    @Test func receiversShareThreeQuartersInALargeSession() {
        // 1000 members, 10 senders, we did not send: 990 receivers share 375 octets/s.
        // 100 × 990 / 375 = 264 s.
        let t = RTCPInterval.seconds(members: 1000, senders: 10, rtcpBandwidth: 500, averageRTCPSize: 100,
                                     weSent: false, initial: false, random: 1)
        #expect(abs(t - 264 / Self.compensation) < 1e-9)
        // As one of the 10 senders: 100 × 10 / 125 = 8 s.
        let sender = RTCPInterval.seconds(members: 1000, senders: 10, rtcpBandwidth: 500, averageRTCPSize: 100,
                                          weSent: true, initial: false, random: 1)
        #expect(abs(sender - 8 / Self.compensation) < 1e-9)
        // Senders above a quarter of members: everyone shares the whole bandwidth.
        let many = RTCPInterval.seconds(members: 1000, senders: 400, rtcpBandwidth: 500, averageRTCPSize: 100,
                                        weSent: true, initial: false, random: 1)
        #expect(abs(many - 200 / Self.compensation) < 1e-9)
    }

    @Test func randomIsClampedAndBandwidthZeroFallsBackToTheMinimum() {
        let low = RTCPInterval.seconds(members: 2, senders: 0, rtcpBandwidth: 500, averageRTCPSize: 100,
                                       weSent: false, initial: false, random: 0.1)
        #expect(abs(low - 2.5 / Self.compensation) < 1e-9)
        let nan = RTCPInterval.seconds(members: 2, senders: 0, rtcpBandwidth: 500, averageRTCPSize: 100,
                                       weSent: false, initial: false, random: .nan)
        #expect(abs(nan - 5 / Self.compensation) < 1e-9)
        let zero = RTCPInterval.seconds(members: 0, senders: -3, rtcpBandwidth: 0, averageRTCPSize: 100,
                                        weSent: false, initial: false, random: 1)
        #expect(abs(zero - 5 / Self.compensation) < 1e-9)
    }

    @Test func schedulerSendsFirstReportEarlyThenEveryInterval() {
        let t0 = ContinuousClock.now
        var scheduler = RTCPScheduler(rtcpBandwidth: 500, expectedReportSize: 72, now: t0, random: 1)
        #expect(scheduler.averageRTCPSize == 100)
        let first = t0 + .nanoseconds(Int64(2.5 / Self.compensation * 1e9))
        #expect(scheduler.nextReportTime == first)
        #expect(!scheduler.isDue(now: t0 + .seconds(2)))
        #expect(scheduler.isDue(now: first))
        let fired = scheduler.timerExpired(now: first, random: 1)
        #expect(fired)
        scheduler.reportSent(size: 72, now: first, random: 1)
        #expect(!scheduler.initial)
        #expect(scheduler.lastReportTime == first)
        #expect(scheduler.nextReportTime == first + .nanoseconds(Int64(5 / Self.compensation * 1e9)))
        // A bigger compound from the peer moves the average by 1/16 of the difference.
        scheduler.reportReceived(size: 212)
        #expect(scheduler.averageRTCPSize == 100 + 140.0 / 16)
    }

    @Test func reconsiderationPostponesWhenTheGroupGrew() {
        let t0 = ContinuousClock.now
        var scheduler = RTCPScheduler(rtcpBandwidth: 500, expectedReportSize: 72, now: t0, random: 1)
        scheduler.reportSent(size: 72, now: t0, random: 1)
        let due = scheduler.nextReportTime
        // Many more members joined meanwhile: the recomputed interval is 100 × 500 / 500
        // = 100 s from the last report, so the timer is pushed back, not fired.
        scheduler.members = 500
        let firedEarly = scheduler.timerExpired(now: due, random: 1)
        #expect(!firedEarly)
        #expect(scheduler.nextReportTime == t0 + .nanoseconds(Int64(100 / Self.compensation * 1e9)))
        // Back to two members: the next expiry sends.
        scheduler.members = 2
        let firedLater = scheduler.timerExpired(now: scheduler.nextReportTime, random: 1)
        #expect(firedLater)
    }
}
