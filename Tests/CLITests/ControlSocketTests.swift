import Foundation
import Testing

/// The control socket and `pipit --send`: issue 7 item 3.
@Suite(.timeLimit(.minutes(1)))
struct ControlSocketTests {
    static func socketPath(_ home: TestHome) -> String { home.url.path + "/pipit/control" }

    /// Waits until the running pipit has made its socket.
    static func waitForSocket(_ home: TestHome) async throws {
        for _ in 0..<250 where !FileManager.default.fileExists(atPath: socketPath(home)) {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    static func environment(_ home: TestHome) -> [String: String] {
        ["HOME": home.url.path, "XDG_CONFIG_HOME": home.url.path + "/config", "XDG_DATA_HOME": home.url.path + "/data",
         "XDG_RUNTIME_DIR": home.url.path]
    }

    @Test func twoClientsAtOnceEachGetTheirReplies() async throws {
        let home = try TestHome.local("alice", extra: ScriptTests.nullAudio)
        let pipit = try HeadlessProcess(["--headless"], home: home.url)
        _ = try await pipit.listeningPort()
        try await Self.waitForSocket(home)
        let attributes = try FileManager.default.attributesOfItem(atPath: Self.socketPath(home))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let directory = try FileManager.default.attributesOfItem(atPath: home.url.path + "/pipit")
        #expect((directory[.posixPermissions] as? Int) == 0o700)

        let waiting = try ControlSocketClient(path: Self.socketPath(home))
        let other = try ControlSocketClient(path: Self.socketPath(home))
        // The first client waits; the second is answered meanwhile.
        waiting.send("wait call established 1.5")
        try await Task.sleep(for: .milliseconds(100))
        let clock = ContinuousClock()
        let start = clock.now
        other.send("accounts")
        let accounts = try other.reply()
        #expect(clock.now - start < .seconds(1), "not held up by the other client's wait")
        #expect(accounts.first?.hasPrefix("account alice") == true, "\(accounts)")
        #expect(accounts.last == ".ok")
        other.send("hangup")
        #expect(try other.reply() == ["error: no call", ".failed"])
        other.send("bogus")
        let bogus = try other.reply()
        #expect(bogus.first?.contains("unknown command `bogus`") == true && bogus.last == ".failed", "\(bogus)")
        #expect(try waiting.reply() == ["error: wait: timed out after 1.5 s", ".failed"])
        // The events a client caused are not echoed to the other one.
        pipit.closeInput()
        #expect(try await pipit.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: Self.socketPath(home)), "the socket is removed at exit")
    }

    @Test func sendWithAndWithoutARunningPipit() async throws {
        let home = try TestHome.local("alice", extra: ScriptTests.nullAudio)
        let none = try PipitBinary.run(["--send", "accounts"], environment: Self.environment(home))
        #expect(none.status == 1)
        #expect(none.stderr.contains("no pipit is running"), "\(none.stderr)")

        let pipit = try HeadlessProcess(["--headless"], home: home.url)
        _ = try await pipit.listeningPort()
        try await Self.waitForSocket(home)
        let accounts = try PipitBinary.run(["--send", "accounts"], environment: Self.environment(home))
        #expect(accounts.status == 0, "\(accounts.stderr)")
        #expect(accounts.text.hasPrefix("account alice"), "\(accounts.text)")
        #expect(!accounts.text.contains(".ok"))
        let failed = try PipitBinary.run(["--send", "answer"], environment: Self.environment(home))
        #expect(failed.status == 3)
        #expect(failed.text == "error: no ringing call\n", "\(failed.text)")
        let quit = try PipitBinary.run(["--send", "quit"], environment: Self.environment(home))
        #expect(quit.status == 0)
        #expect(try await pipit.waitForExit() == 0, "quit over the socket ends pipit")
    }

    @Test func hostileLinesAreRefusedAndTheSocketGoesOn() async throws {
        let home = try TestHome.local("alice", extra: ScriptTests.nullAudio)
        let pipit = try HeadlessProcess(["--headless"], home: home.url)
        _ = try await pipit.listeningPort()
        try await Self.waitForSocket(home)
        let client = try ControlSocketClient(path: Self.socketPath(home))
        client.send(String(repeating: "x", count: 200_000)) // cut at 4096 bytes, then refused
        let long = try client.reply()
        #expect(long.last == ".failed" && long.first?.contains("too long") == true, "\(long.prefix(1))")
        client.send("calls\u{0}\u{7}")
        #expect(try client.reply().last == ".failed")
        client.send("accounts")
        #expect(try client.reply().last == ".ok")
        pipit.closeInput()
        #expect(try await pipit.waitForExit() == 0)
    }
}
