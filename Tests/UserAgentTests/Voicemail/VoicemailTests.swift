import Testing
@testable import UserAgent

@Suite(.timeLimit(.minutes(1)))
struct MessageSummaryTests {
    @Test func rfc3842Example() throws {
        let body = "Messages-Waiting: yes\r\nMessage-Account: sip:alice@vmail.example.com\r\nVoice-Message: 4/8 (1/2)\r\n"
        let s = try #require(MessageSummary.parse(Array(body.utf8)))
        #expect(s == MessageSummary(waiting: true, account: "sip:alice@vmail.example.com", newMessages: 4, oldMessages: 8,
                                    newUrgent: 1, oldUrgent: 2))
    }

    @Test func asteriskStyleAndVariants() throws {
        let asterisk = try #require(MessageSummary.parse(Array("Messages-Waiting: no\nMessage-Account: sip:*97@pbx\nVoice-Message: 0/3\n".utf8)))
        #expect(asterisk == MessageSummary(waiting: false, account: "sip:*97@pbx", newMessages: 0, oldMessages: 3))
        let bare = try #require(MessageSummary.parse(Array("messages-waiting:YES\r\n".utf8)))
        #expect(bare == MessageSummary(waiting: true))
        #expect(MessageSummary.parse(Array("Voice-Message: 1/1\r\n".utf8)) == nil, "no Messages-Waiting line")
        #expect(MessageSummary.parse([]) == nil)
        let huge = try #require(MessageSummary.parse(Array("Messages-Waiting: yes\r\nVoice-Message: 99999999999999999999/7\r\n".utf8)))
        #expect(huge.oldMessages == 7, "an absurd count neither traps nor spoils the rest")
        #expect(MessageSummary.parse([0xFF, 0xFE, 0x0A, 0x3A]) == nil)
    }
}

/// The subscription's life on a virtual clock: timers are actions.
@Suite(.timeLimit(.minutes(1)))
struct MWISubscriptionTests {
    @Test func subscribeRefreshAndFail() {
        var m = MWISubscription(expires: 3600, retryAfter: .seconds(300))
        #expect(m.handle(.start) == [.subscribe(expires: 3600, refresh: false)])
        #expect(m.handle(.answered(code: 200, expires: 600)) == [.startTimer(after: .seconds(480))])
        #expect(m.phase == .active)
        #expect(m.handle(.timerFired) == [.subscribe(expires: 3600, refresh: true)])
        #expect(m.handle(.answered(code: 202, expires: 6)) == [.startTimer(after: .seconds(1))], "short: at least 5 s early")
        #expect(m.handle(.timerFired) == [.subscribe(expires: 3600, refresh: true)])
        #expect(m.handle(.answered(code: 481, expires: nil)) == [.startTimer(after: .seconds(300))])
        #expect(m.phase == .waiting)
        #expect(m.handle(.timerFired) == [.subscribe(expires: 3600, refresh: false)], "a new subscription, not a refresh")
    }

    @Test func noExpiresMeansWhatWeAsked() {
        var m = MWISubscription(expires: 100)
        _ = m.handle(.start)
        #expect(m.handle(.answered(code: 200, expires: nil)) == [.startTimer(after: .seconds(80))])
    }

    @Test func notifierEndsIt() {
        var m = MWISubscription(retryAfter: .seconds(30))
        _ = m.handle(.start)
        _ = m.handle(.answered(code: 200, expires: 3600))
        #expect(m.handle(.terminated) == [.cancelTimer, .startTimer(after: .seconds(30))])
        #expect(m.handle(.answered(code: 200, expires: 60)) == [], "a late answer changes nothing")
    }

    @Test func zeroExpiresIsNoSubscription() {
        var m = MWISubscription(retryAfter: .seconds(30))
        _ = m.handle(.start)
        #expect(m.handle(.answered(code: 200, expires: 0)) == [.startTimer(after: .seconds(30))])
    }

    @Test func stopUnsubscribesOnlyWhatExists() {
        var m = MWISubscription()
        _ = m.handle(.start)
        _ = m.handle(.answered(code: 200, expires: 60))
        #expect(m.handle(.stop) == [.cancelTimer, .subscribe(expires: 0, refresh: true)])
        var never = MWISubscription()
        _ = never.handle(.start)
        _ = never.handle(.answered(code: 404, expires: nil))
        #expect(never.handle(.stop) == [.cancelTimer])
    }
}
