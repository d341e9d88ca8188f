import Testing
import UserAgent

/// Every transition of the registration machine, on a virtual clock.
@Suite(.timeLimit(.minutes(1))) struct RegistrationMachineTests {
    typealias V = VirtualRegistration

    @Test func startSendsTheFirstRegister() {
        var v = V()
        v.feed(.start(contact: V.home))
        #expect(v.state == .registering)
        #expect(v.sent == [RegisterPlan(contact: V.home, expires: 600)])
        #expect(v.reports == [.registering])
        // A second start while running does nothing.
        #expect(v.feed(.start(contact: V.outside)).isEmpty)
    }

    @Test(arguments: [(0.0, 480), (1.0, 540), (0.5, 510)])
    func acceptedArmsTheRefreshInsideTheWindow(jitter: Double, refreshAt: Int) {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.accepted(granted: 600, natAddress: nil), jitter: jitter)
        #expect(v.state == .registered(expires: 600))
        #expect(v.timers[.refresh] == .seconds(refreshAt))
    }

    @Test func theRegistrarShorteningExpiresIsObeyed() {
        var v = V.registered(granted: 60)
        #expect(v.state == .registered(expires: 60))
        #expect(v.timers[.refresh] == .seconds(48))
        v.advance(by: .seconds(48))
        #expect(v.state == .refreshing(expires: 60))
        #expect(v.lastSent == RegisterPlan(contact: V.home, expires: 600), "asks for its own expires again")
    }

    @Test(arguments: [(10, 5.0), (20, 15.0), (6, 3.0)])
    func shortGrantsRefreshBeforeTheMargin(granted: Int, refreshAt: Double) {
        let v = V.registered(granted: granted)
        #expect(v.timers[.refresh] == .milliseconds(Int64(refreshAt * 1000)))
    }

    @Test func refreshCycleOnTheVirtualClock() {
        var v = V.registered()
        v.advance(by: .seconds(479))
        #expect(v.state == .registered(expires: 600))
        v.advance(by: .seconds(1))
        #expect(v.state == .refreshing(expires: 600))
        #expect(v.sent.count == 2)
        v.reply(.accepted(granted: 300, natAddress: nil))
        #expect(v.state == .registered(expires: 300))
        #expect(v.timers[.refresh] == .seconds(480 + 240))
        #expect(v.reports == [.registering, .registered(expires: 600), .refreshing(expires: 600), .registered(expires: 300)])
    }

    @Test func aGrantMissingFallsBackToTheAskedLifetime() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.accepted(granted: nil, natAddress: nil))
        #expect(v.state == .registered(expires: 600))
    }

    @Test func aGrantOfZeroIsAFailure() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.accepted(granted: 0, natAddress: nil))
        guard case .failed(_, nil, let retryIn?) = v.state else { Issue.record("\(v.state)"); return }
        #expect(retryIn == .seconds(30))
    }

    @Test func aChallengeIsAnsweredThenRegistered() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.challenged(code: 401, canRetry: true, reason: ""))
        #expect(v.state == .registering)
        #expect(v.lastSent == RegisterPlan(contact: V.home, expires: 600, answeringChallenge: true))
        v.reply(.accepted(granted: 600, natAddress: nil))
        #expect(v.state == .registered(expires: 600))
    }

    @Test func aProxyChallengeOnRefreshIsAnswered() {
        var v = V.registered()
        v.advance(by: .seconds(480))
        v.reply(.challenged(code: 407, canRetry: true, reason: ""))
        #expect(v.state == .refreshing(expires: 600))
        #expect(v.lastSent?.answeringChallenge == true)
    }

    @Test func rejectedCredentialsStop() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.challenged(code: 401, canRetry: true, reason: ""))
        v.reply(.challenged(code: 401, canRetry: false, reason: "credentials for realm \"x\" rejected"))
        #expect(v.state == .failed(reason: "credentials for realm \"x\" rejected", code: 401, retryIn: nil))
        #expect(v.timers.isEmpty)
        v.advance(by: .seconds(3600))
        #expect(v.sent.count == 2, "no retry after a wrong password")
    }

    @Test func endlessChallengesStopAfterTheLimit() {
        var v = V()
        v.feed(.start(contact: V.home))
        for _ in 0..<3 { v.reply(.challenged(code: 401, canRetry: true, reason: "")) }
        #expect(v.sent.count == 3)
        guard case .failed(_, 401, nil) = v.state else { Issue.record("\(v.state)"); return }
    }

    @Test func intervalTooBriefRetriesAtOnceWithMinExpires() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.intervalTooBrief(minExpires: 3600))
        #expect(v.state == .registering)
        #expect(v.lastSent == RegisterPlan(contact: V.home, expires: 3600))
        v.reply(.accepted(granted: 3600, natAddress: nil))
        #expect(v.state == .registered(expires: 3600))
        // Later refreshes keep asking for the raised value.
        v.advance(by: .seconds(2880))
        #expect(v.lastSent?.expires == 3600)
    }

    @Test(arguments: [nil, 300, 999_999] as [Int?])
    func unusableMinExpiresBacksOff(minExpires: Int?) {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.intervalTooBrief(minExpires: minExpires))
        guard case .failed(_, 423, .some) = v.state else { Issue.record("\(v.state)"); return }
        #expect(v.sent.count == 1)
    }

    @Test func forbiddenStopsWithoutRetry() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.rejected(code: 403, reason: "Forbidden", retryAfter: 10))
        guard case .failed(let reason, 403, nil) = v.state else { Issue.record("\(v.state)"); return }
        #expect(reason.contains("refuses"))
        #expect(v.timers.isEmpty)
    }

    @Test func notFoundStopsAndSaysTheUserIsUnknown() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.rejected(code: 404, reason: "Not Found", retryAfter: nil))
        guard case .failed(let reason, 404, nil) = v.state else { Issue.record("\(v.state)"); return }
        #expect(reason.contains("does not know this user"))
    }

    @Test(arguments: [503, 500, 600, 603])
    func retryAfterIsHonoured(code: Int) {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.rejected(code: code, reason: "Busy", retryAfter: 120), jitter: 0.3)
        guard case .failed(_, code, .seconds(120)) = v.state else { Issue.record("\(v.state)"); return }
        v.advance(by: .seconds(119))
        #expect(v.sent.count == 1)
        v.advance(by: .seconds(1))
        #expect(v.state == .registering)
        #expect(v.sent.count == 2)
    }

    @Test func retryAfterIsCapped() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.rejected(code: 503, reason: "x", retryAfter: 1_000_000))
        guard case .failed(_, 503, .seconds(1800)) = v.state else { Issue.record("\(v.state)"); return }
    }

    @Test func backOffGrowsWithJitterAndIsCapped() {
        var v = V()
        v.feed(.start(contact: V.home))
        var waits: [Duration] = []
        for _ in 0..<8 {
            v.reply(.noResponse(reason: "timeout"), jitter: 0)
            guard case .failed(_, nil, let wait?) = v.state else { Issue.record("\(v.state)"); return }
            waits.append(wait)
            v.advance(by: wait)
            #expect(v.state == .registering)
        }
        #expect(waits == [30, 60, 120, 240, 480, 900, 900, 900].map { .seconds($0) })
        // Full jitter doubles the lower bound.
        v.reply(.noResponse(reason: "timeout"), jitter: 1)
        #expect(v.state == .failed(reason: "timeout", code: nil, retryIn: .seconds(1800)))
        // Success resets the count.
        v.advance(by: .seconds(1800))
        v.reply(.accepted(granted: 600, natAddress: nil))
        v.advance(by: .seconds(480))
        v.reply(.rejected(code: 500, reason: "oops", retryAfter: nil), jitter: 0)
        #expect(v.state == .failed(reason: "500 oops", code: 500, retryIn: .seconds(30)))
    }

    @Test func backOffFormula() {
        let m = RegistrationMachine(policy: RegistrationPolicy(backoffBase: .seconds(1), backoffCap: .seconds(8)))
        #expect(m.backoffDelay(failures: 1, jitter: 0) == .seconds(1))
        #expect(m.backoffDelay(failures: 1, jitter: 1) == .seconds(2))
        #expect(m.backoffDelay(failures: 3, jitter: 1) == .seconds(8))
        #expect(m.backoffDelay(failures: 500, jitter: 0) == .seconds(4))
        #expect(m.backoffDelay(failures: 2, jitter: .nan) == .seconds(3))
    }

    @Test func natRebindingReRegistersTheNewContactAndDropsTheOld() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.accepted(granted: 600, natAddress: V.outside))
        #expect(v.state == .registering)
        #expect(v.lastSent == RegisterPlan(contact: V.outside, expires: 600, removing: V.home))
        v.reply(.accepted(granted: 600, natAddress: V.outside))
        #expect(v.state == .registered(expires: 600))
        #expect(v.machine.contact == V.outside)
        // Refreshes keep the new contact and remove nothing.
        v.advance(by: .seconds(480))
        #expect(v.lastSent == RegisterPlan(contact: V.outside, expires: 600))
    }

    @Test func natRebindingOnRefresh() {
        var v = V.registered()
        v.advance(by: .seconds(480))
        v.reply(.accepted(granted: 600, natAddress: V.outside))
        #expect(v.state == .refreshing(expires: 600))
        #expect(v.lastSent?.removing == V.home)
    }

    @Test func aRegistrarReportingEverChangingAddressesDoesNotLoop() {
        var v = V()
        v.feed(.start(contact: V.home))
        for port in 1...5 { v.reply(.accepted(granted: 600, natAddress: ContactAddress(host: "203.0.113.9", port: UInt16(port)))) }
        #expect(v.sent.count == 3)
        #expect(v.state == .registered(expires: 600))
    }

    @Test func stopUnregistersOurContactOnly() {
        var v = V.registered()
        v.feed(.stop)
        #expect(v.state == .unregistering)
        #expect(v.lastSent == RegisterPlan(contact: V.home, expires: 0))
        #expect(v.timers.isEmpty)
        v.reply(.accepted(granted: nil, natAddress: nil))
        #expect(v.state == .unregistered)
        #expect(v.stopped == 1)
        #expect(!v.machine.bound)
    }

    @Test func stopAnswersAChallengeThenGivesUpWithoutAnAnswer() {
        var v = V.registered()
        v.feed(.stop)
        v.reply(.challenged(code: 401, canRetry: true, reason: ""))
        #expect(v.lastSent == RegisterPlan(contact: V.home, expires: 0, answeringChallenge: true))
        #expect(v.stopped == 0)
        v.reply(.noResponse(reason: "timeout"))
        #expect(v.state == .unregistered)
        #expect(v.stopped == 1)
        #expect(v.feed(.stop) == [.cancelTimer(.refresh), .cancelTimer(.retry), .stopped])
    }

    @Test func stopWhileRegisteringUnregistersToo() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.feed(.stop)
        #expect(v.state == .unregistering)
        #expect(v.lastSent?.expires == 0)
    }

    @Test func stopAfterFailureWithNothingBoundSendsNothing() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.noResponse(reason: "timeout"))
        v.feed(.stop)
        #expect(v.state == .unregistered)
        #expect(v.sent.count == 1)
        #expect(v.stopped == 1)
        #expect(v.timers.isEmpty)
    }

    @Test func stopAfterAFailedRefreshStillRemovesTheBinding() {
        var v = V.registered()
        v.advance(by: .seconds(480))
        v.reply(.rejected(code: 500, reason: "x", retryAfter: nil))
        v.feed(.stop)
        #expect(v.state == .unregistering)
        #expect(v.lastSent?.expires == 0)
    }

    @Test func aReplyWithNothingOutIsIgnored() {
        var v = V.registered()
        #expect(v.feed(.reply(.rejected(code: 403, reason: "late", retryAfter: nil), jitter: 0)).isEmpty)
        #expect(v.state == .registered(expires: 600))
    }

    @Test func timersRacingAStateChangeAreIgnored() {
        var v = V()
        v.feed(.start(contact: V.home))
        #expect(v.feed(.timerFired(.refresh)).isEmpty)
        #expect(v.feed(.timerFired(.retry)).isEmpty)
        v.reply(.accepted(granted: 600, natAddress: nil))
        #expect(v.feed(.timerFired(.retry)).isEmpty)
    }

    @Test func flowFailureReRegistersAtOnce() {
        var v = V.registered()
        v.feed(.flowFailed)
        #expect(v.state == .registering)
        #expect(v.sent.count == 2)
        #expect(v.timers[.refresh] == nil)
        // Not registered: nothing to re-establish.
        v.reply(.noResponse(reason: "refused"))
        #expect(v.feed(.flowFailed).isEmpty)
    }

    @Test func refreshCommand() {
        var v = V.registered()
        v.feed(.refresh)
        #expect(v.state == .refreshing(expires: 600))
        #expect(v.timers[.refresh] == nil)
        #expect(v.feed(.refresh).isEmpty, "one REGISTER at a time")
        v.reply(.noResponse(reason: "timeout"))
        #expect(v.timers[.retry] != nil)
        v.feed(.refresh)
        #expect(v.state == .registering)
        #expect(v.timers[.retry] == nil)
    }

    @Test func refreshAfterAStopRestarts() {
        var v = V.registered()
        v.feed(.stop)
        v.reply(.accepted(granted: nil, natAddress: nil))
        v.feed(.refresh)
        #expect(v.state == .registering)
        #expect(v.lastSent == RegisterPlan(contact: V.home, expires: 600))
        var fresh = V()
        #expect(fresh.feed(.refresh).isEmpty, "nothing known to register")
    }

    @Test func startAfterAStoppingFailureRestarts() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.rejected(code: 403, reason: "Forbidden", retryAfter: nil))
        v.feed(.start(contact: V.outside))
        #expect(v.state == .registering)
        #expect(v.lastSent?.contact == V.outside)
    }

    @Test func theLocalAddressCanChangeUntilBound() {
        var v = V()
        v.feed(.start(contact: V.home))
        v.reply(.noResponse(reason: "no route"))
        v.feed(.addressChanged(V.outside))
        v.advance(by: .seconds(30))
        #expect(v.lastSent?.contact == V.outside)
        v.reply(.accepted(granted: 600, natAddress: nil))
        v.feed(.addressChanged(V.home))
        #expect(v.machine.contact == V.outside, "bound: the registrar holds this one")
    }
}
