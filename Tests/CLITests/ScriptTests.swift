import Foundation
import Testing

/// Scripts (`--script`, `-e`) with waits: issue 7 item 2.
@Suite(.timeLimit(.minutes(1)))
struct ScriptTests {
    static let nullAudio = "[audio]\nbackend = \"null\"\n"

    @Test func scriptCallsWaitsSendsDigitsAndHangsUp() async throws {
        let aliceHome = try TestHome.local("alice", extra: Self.nullAudio)
        let bobHome = try TestHome.local("bob", extra: Self.nullAudio)
        let bob = try HeadlessProcess(["--headless"], home: bobHome.url)
        let bobPort = try await bob.listeningPort()
        let script = aliceHome.url.appendingPathComponent("call.pipit")
        try """
            # call bob, wait for the answer, key 12, hear 9 back, hang up
            call sip:bob@127.0.0.1:\(bobPort)
            wait call ringing 10
            wait call established 10
            dtmf 12
            wait dtmf 9 10
            hangup
            wait call ended 5
            """.write(to: script, atomically: true, encoding: .utf8)
        let alice = try HeadlessProcess(["--script", script.path], home: aliceHome.url)
        try await bob.waitForLine("incoming call") { $0.contains("incoming call from") }
        bob.send("answer")
        try await bob.waitForLine("digit 2") { $0 == "call 1: dtmf 2" }
        #expect(bob.lines.contains("call 1: dtmf 1"))
        bob.send("dtmf 9")
        #expect(try await alice.waitForExit(timeout: .seconds(20)) == 0, "stderr: \(alice.standardError)")
        #expect(alice.lines.contains { $0.hasPrefix("call 1: established") })
        #expect(alice.lines.contains("call 1: dtmf 9"))
        try await bob.waitForLine("remote hangup") { $0.hasPrefix("call 1: terminated") && $0.contains("remote hung up") }
        bob.closeInput()
        #expect(try await bob.waitForExit() == 0)
    }

    @Test func aWaitThatTimesOutStopsTheScript() async throws {
        let home = try TestHome.local("alice", extra: Self.nullAudio)
        let pipit = try HeadlessProcess(["-e", "accounts; wait call established 0.3; accounts"], home: home.url)
        #expect(try await pipit.waitForExit() == 4)
        #expect(pipit.standardError.contains("pipit: -e:2: wait: timed out after 0.3 s"), "\(pipit.standardError)")
        #expect(pipit.lines.filter { $0.hasPrefix("account alice") }.count == 1, "the third command never ran: \(pipit.lines)")
    }

    @Test func aFailedCommandStopsTheScript() async throws {
        let home = try TestHome.local("alice", extra: Self.nullAudio)
        let failing = try HeadlessProcess(["-e", "hangup; accounts"], home: home.url)
        #expect(try await failing.waitForExit() == 3)
        #expect(failing.standardError.contains("pipit: -e:1: no call"), "\(failing.standardError)")
        #expect(!failing.lines.contains { $0.hasPrefix("account alice") })

        let typo = try HeadlessProcess(["-e", "calls; acounts"], home: home.url)
        #expect(try await typo.waitForExit() == 3)
        #expect(typo.standardError.contains("unknown command `acounts`"), "\(typo.standardError)")
    }

    @Test func aScriptThatRunsToItsEndQuitsWithZero() async throws {
        let home = try TestHome.local("alice", extra: Self.nullAudio)
        let pipit = try HeadlessProcess(["--json", "-e", "sleep 0.1; calls; accounts"], home: home.url)
        #expect(try await pipit.waitForExit() == 0)
        #expect(pipit.lines.contains { $0.contains("\"event\":\"accounts\"") }, "\(pipit.lines)")
        #expect(pipit.lines.contains { $0.contains("\"event\":\"calls\"") }, "the script's own `calls` is shown: \(pipit.lines)")
    }
}

/// Scripts and signals, help and the man page.
@Suite(.timeLimit(.minutes(1)))
struct ScriptEdgeTests {
    @Test func sigtermEndsAWaitingScriptAtOnce() async throws {
        let home = try TestHome.local("alice", extra: ScriptTests.nullAudio)
        let pipit = try HeadlessProcess(["-e", "wait call established 60"], home: home.url)
        _ = try await pipit.listeningPort()
        try await Task.sleep(for: .milliseconds(200))
        pipit.kill(SIGTERM)
        #expect(try await pipit.waitForExit(timeout: .seconds(5)) == 0)
    }

    @Test func helpListsTheScriptingWordsAndTheManPageDocumentsThem() async throws {
        let home = try TestHome.local("alice", extra: ScriptTests.nullAudio)
        let pipit = try HeadlessProcess(["-e", "help"], home: home.url)
        #expect(try await pipit.waitForExit() == 0)
        #expect(pipit.lines.contains { $0.contains("wait call [CALL] STATE [TIMEOUT]") }, "\(pipit.lines)")
        #expect(pipit.lines.contains { $0.contains("sleep SECONDS") })

        let page = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("man/pipit.1"), encoding: .utf8)
        for text in [".BI \"wait registered \"", ".BI \"wait call \"", ".BI \"wait dtmf \"", ".BI \"sleep \"",
                     "\\-\\-send", ".BI \\-e", ".SH CONTROL SOCKET", ".SH URI HANDLER", "install\\-uri\\-handler"] {
            #expect(page.contains(text), "man/pipit.1 lacks \(text)")
        }
    }

    @Test func theDesktopFileDeclaresTheSchemes() throws {
        let file = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("share/applications/pipit.desktop"), encoding: .utf8)
        #expect(file.contains("MimeType=x-scheme-handler/sip;x-scheme-handler/sips;x-scheme-handler/tel;x-scheme-handler/callto;\n"))
        #expect(file.contains("Terminal=true\n") && file.contains("Exec=pipit %u\n"))
    }
}
