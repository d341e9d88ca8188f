import Testing
import UserAgent
@testable import Control

@Suite(.timeLimit(.minutes(1)))
struct WaitMatcherTests {
    static func call(_ id: CallNumber, _ state: CallState, end: CallEnd? = nil) -> Event {
        .call(CallSnapshot(id: id, account: "a", direction: .outgoing, remoteURI: "sip:b@h", remoteName: nil,
                           state: state, end: end))
    }

    /// Feeds `events` and returns the outcome after each.
    static func outcomes(_ condition: WaitCondition, _ events: [Event], memory: inout EventMemory) -> [WaitOutcome] {
        events.map { event in
            memory.record(event)
            return WaitMatcher.check(condition, in: &memory)
        }
    }

    @Test func waitsForTheNewestCallToBeEstablished() {
        var memory = EventMemory()
        #expect(WaitMatcher.check(.call(nil, .established), in: &memory) == .pending)
        let seen = Self.outcomes(.call(nil, .established), [Self.call(1, .trying), Self.call(1, .ringing), Self.call(1, .established)],
                                 memory: &memory)
        #expect(seen == [.pending, .pending, .satisfied])
        #expect(memory.newestCall == 1)
    }

    @Test func setupStepsCountOncePassedButEstablishedMustHoldNow() {
        var memory = EventMemory()
        for event in [Self.call(1, .trying), Self.call(1, .ringing), Self.call(1, .established), Self.call(1, .held(.local))] {
            memory.record(event)
        }
        #expect(WaitMatcher.check(.call(nil, .ringing), in: &memory) == .satisfied)
        #expect(WaitMatcher.check(.call(nil, .held), in: &memory) == .satisfied)
        #expect(WaitMatcher.check(.call(nil, .established), in: &memory) == .pending)
        #expect(WaitMatcher.check(.call(nil, .early), in: &memory) == .pending)
    }

    @Test func anEndedCallFailsAWaitForAnotherState() {
        var memory = EventMemory()
        memory.record(Self.call(1, .trying))
        memory.record(Self.call(1, .terminated, end: CallEnd(.busy, code: 486)))
        #expect(WaitMatcher.check(.call(nil, .established), in: &memory) == .failed("call 1 ended (busy 486) before it was established"))
        #expect(WaitMatcher.check(.call(1, .ended), in: &memory) == .satisfied)
    }

    @Test func terminatingIsNotYetEnded() {
        var memory = EventMemory()
        memory.record(Self.call(1, .terminating))
        #expect(WaitMatcher.check(.call(1, .ended), in: &memory) == .pending)
        memory.record(Self.call(1, .terminated))
        #expect(WaitMatcher.check(.call(1, .ended), in: &memory) == .satisfied)
    }

    @Test func aNumberedCallIsThatCallNotTheNewest() {
        var memory = EventMemory()
        memory.record(Self.call(1, .established))
        memory.record(Self.call(2, .trying))
        #expect(WaitMatcher.check(.call(1, .established), in: &memory) == .satisfied)
        #expect(WaitMatcher.check(.call(nil, .established), in: &memory) == .pending)
        #expect(WaitMatcher.check(.call(3, .established), in: &memory) == .pending)
    }

    @Test func registration() {
        var memory = EventMemory()
        memory.record(.registration(account: "home", state: .registering))
        #expect(WaitMatcher.check(.registered(account: nil), in: &memory) == .pending)
        memory.record(.registration(account: "work", state: .registered(expires: 600)))
        #expect(WaitMatcher.check(.registered(account: nil), in: &memory) == .satisfied)
        #expect(WaitMatcher.check(.registered(account: "home"), in: &memory) == .pending)
        memory.record(.registration(account: "home", state: .failed(reason: "Forbidden", code: 403, retryIn: .seconds(30))))
        #expect(WaitMatcher.check(.registered(account: "home"), in: &memory) == .pending)
        memory.record(.registration(account: "home", state: .failed(reason: "Forbidden", code: 403, retryIn: nil)))
        #expect(WaitMatcher.check(.registered(account: "home"), in: &memory) == .failed("account home: registration failed: Forbidden (403)"))
    }

    @Test func dtmfDigitsInOrderAreConsumed() {
        var memory = EventMemory()
        let digits: [Event] = ["5", "1", "2", "1", "2"].map { .dtmfReceived(call: 1, digit: $0) }
        let seen = Self.outcomes(.dtmf("12"), Array(digits.prefix(3)), memory: &memory)
        #expect(seen == [.pending, .pending, .satisfied])
        #expect(memory.digits == "")
        memory.record(digits[3])
        #expect(WaitMatcher.check(.dtmf("12"), in: &memory) == .pending)
        memory.record(digits[4])
        #expect(WaitMatcher.check(.dtmf("12"), in: &memory) == .satisfied)
    }

    @Test func memoryIsBounded() {
        var memory = EventMemory()
        for id in 1...500 { memory.record(Self.call(id, .trying)) }
        for _ in 0..<1000 { memory.record(.dtmfReceived(call: 1, digit: "7")) }
        #expect(memory.calls.count <= 64)
        #expect(memory.calls[500] != nil)
        #expect(memory.newestCall == 500)
        #expect(memory.digits.count <= 256)
    }
}
