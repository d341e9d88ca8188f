import Control
import Testing
import UserAgent
@testable import pipit

/// The command mode's event reader: fences, captures and waits, without a user agent.
@Suite(.timeLimit(.minutes(1)))
struct EventHubTests {
    @Test func aCommandsEventsEndAtTheFenceWhichIsHidden() async {
        let hub = EventHub()
        hub.beginCapture(passing: 1) // the command was `calls`: its own answer is shown
        #expect(hub.receive(.calls([])))
        #expect(hub.receive(.error("no call")))
        let captured: [Event] = await withCheckedContinuation { continuation in
            hub.awaitFence(continuation)
            #expect(!hub.receive(.calls([])), "the fence is not shown")
        }
        #expect(captured == [.calls([]), .error("no call")])
        #expect(hub.receive(.calls([])), "outside a command a `calls` answer is shown")
    }

    @Test func waitsEndSatisfiedTimedOutOrFailed() async {
        let hub = EventHub()
        async let registered = hub.wait(for: .registered(account: "work"), timeout: .seconds(10))
        try? await Task.sleep(for: .milliseconds(50))
        _ = hub.receive(.registration(account: "work", state: .registered(expires: 60)))
        #expect(await registered == .satisfied)
        // Already true: answered from memory at once.
        #expect(await hub.wait(for: .registered(account: nil), timeout: .zero) == .satisfied)
        #expect(await hub.wait(for: .dtmf("1"), timeout: .milliseconds(50)) == .timedOut)
        #expect(await hub.wait(for: .dtmf("1"), timeout: .zero) == .timedOut)

        async let pending = hub.wait(for: .call(nil, .established), timeout: .seconds(10))
        try? await Task.sleep(for: .milliseconds(50))
        hub.finish()
        #expect(await pending == .failed("pipit is quitting"))
    }

    @Test func aCancelledWaitEndsAtOnce() async {
        let hub = EventHub()
        let waiting = Task { await hub.wait(for: .dtmf("5"), timeout: .seconds(30)) }
        try? await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        #expect(await waiting.value == .timedOut)
    }
}
