import Foundation
import Testing

/// An idle phone sleeps: with no call, no sound device open and no tone, no thread of
/// pipit wakes on a timer (a laptop's battery pays for every wake-up). Counted from the
/// kernel's context switches of all its threads.
@Suite(.timeLimit(.minutes(1)))
struct IdleWakeupTests {
    @Test func anIdlePhoneDoesNotWakeOnATimer() async throws {
        let phone = try HeadlessProcess(["--headless"], home: try TestHome.local("alice").url)
        _ = try await phone.listeningPort()
        try await Task.sleep(for: .seconds(0.5))  // start-up settles
        let pid = phone.process.processIdentifier
        let before = try ContextSwitches.total(of: pid)
        try await Task.sleep(for: .seconds(2))
        let woken = try ContextSwitches.total(of: pid) - before
        // A 10 ms media tick alone would be 200.
        #expect(woken < 20, "\(woken) context switches in 2 s of idling")
        phone.send("quit")
        #expect(try await phone.waitForExit() == 0)
    }
}
