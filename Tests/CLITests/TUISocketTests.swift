import Foundation
import Testing

/// The full-screen interface serves the control socket too: `--send` and the URI hand-off
/// reach it, with the same replies as in the command mode (issue 7 items 3 and 4).
@Suite(.timeLimit(.minutes(1)))
struct TUISocketTests {
    @Test func sendAndAURIReachTheFullScreenInterface() async throws {
        let aliceHome = try TestHome.local("alice", extra: ScriptTests.nullAudio)
        let bobHome = try TestHome.local("bob", extra: ScriptTests.nullAudio)
        defer { try? FileManager.default.removeItem(at: aliceHome.url) }
        let bob = try HeadlessProcess(["--headless"], home: bobHome.url)
        let bobPort = try await bob.listeningPort()

        let terminal = try PseudoTerminal(columns: 80, rows: 24)
        let process = Process()
        process.executableURL = PipitBinary.url
        var environment = ProcessInfo.processInfo.environment.merging(ControlSocketTests.environment(aliceHome)) { $1 }
        environment["TERM"] = "xterm-256color"
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        environment["PATH"] = "/usr/bin:/bin"
        process.environment = environment
        process.standardInput = terminal.child
        process.standardOutput = terminal.child
        process.standardError = terminal.child
        try process.run()
        terminal.closeChildSide()
        defer { if process.isRunning { process.terminate() } }
        try await terminal.waitFor("the screen") { $0.contains(" pipit ") && $0.contains("alice") }
        try await ControlSocketTests.waitForSocket(aliceHome)

        // The same replies as in the command mode: the command's events, and waits.
        let accounts = try PipitBinary.run(["--send", "accounts"], environment: ControlSocketTests.environment(aliceHome))
        #expect(accounts.status == 0, "\(accounts.stderr)")
        #expect(accounts.text.hasPrefix("account alice"), "\(accounts.text)")
        let wait = try PipitBinary.run(["--send", "wait call established 0.2"], environment: ControlSocketTests.environment(aliceHome))
        #expect(wait.status == 3)
        #expect(wait.text.contains("wait: timed out after 0.2 s"), "\(wait.text)")
        let refused = try PipitBinary.run(["--send", "hangup"], environment: ControlSocketTests.environment(aliceHome))
        #expect(refused.status == 3 && refused.text.contains("error: no call"), "\(refused.text)")

        // A client waits for the answer while the call is made from another.
        let waiting = Task {
            try PipitBinary.run(["--send", "wait call established 10"], environment: ControlSocketTests.environment(aliceHome))
        }
        let handOff = try PipitBinary.run(["callto:bob@127.0.0.1:\(bobPort)"], environment: ControlSocketTests.environment(aliceHome))
        #expect(handOff.status == 0, "\(handOff.stderr)")
        #expect(handOff.text.contains("call 1:"), "the hand-off's reply: \(handOff.text)")
        try await bob.waitForLine("incoming call") { $0.contains("incoming call from") && $0.contains("alice") }
        try await terminal.waitFor("the call on the screen") { $0.contains("bob@127.0.0.1") }
        bob.send("answer")
        let waited = try await waiting.value
        #expect(waited.status == 0, "\(waited.text)")
        try await terminal.waitFor("the answered call on the screen") { $0.contains("established") }

        let quit = try PipitBinary.run(["--send", "quit"], environment: ControlSocketTests.environment(aliceHome))
        #expect(quit.status == 0, "\(quit.stderr)")
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(15)
        while process.isRunning && clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!process.isRunning && process.terminationStatus == 0, "quit over the socket ends the interface")
        bob.closeInput()
        #expect(try await bob.waitForExit() == 0)
    }
}
