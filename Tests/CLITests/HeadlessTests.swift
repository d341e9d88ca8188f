import Foundation
import Testing
import UserAgent

/// `pipit --headless`: the command mode scripts drive (issue 4 item 5).
@Suite(.timeLimit(.minutes(1)))
struct HeadlessTests {
    @Test func helpBadCommandsAndEndOfInput() async throws {
        let home = try TestHome.local("alice")
        let pipit = try HeadlessProcess(["--headless"], home: home.url)
        pipit.send("help")
        pipit.send("cal sip:bob@127.0.0.1")
        pipit.send("hangup x")
        pipit.send("accounts")
        pipit.closeInput()
        #expect(try await pipit.waitForExit() == 0)
        let out = pipit.lines
        #expect(out.contains { $0.contains("call URI [ACCOUNT]") }, "help lists commands: \(out)")
        #expect(out.contains { $0.contains("unknown command `cal`: did you mean `call`?") })
        #expect(out.contains { $0.contains("`x` is not a call number") })
        #expect(out.contains { $0.hasPrefix("account alice") && $0.contains("local") }, "\(out)")
    }

    @Test func twoProcessesCallAnswerAndHangUp() async throws {
        let aliceHome = try TestHome.local("alice"), bobHome = try TestHome.local("bob")
        let bob = try HeadlessProcess(["--headless"], home: bobHome.url)
        let alice = try HeadlessProcess(["--headless"], home: aliceHome.url)
        let bobPort = try await bob.listeningPort()
        alice.send("call sip:bob@127.0.0.1:\(bobPort)")
        try await bob.waitForLine("incoming call") { $0.contains("incoming call from") && $0.contains("sip:alice@127.0.0.1") }
        try await alice.waitForLine("ringing") { $0.hasPrefix("call 1: ringing") }
        bob.send("answer")
        try await alice.waitForLine("established") { $0.hasPrefix("call 1: established") }
        try await bob.waitForLine("established") { $0.hasPrefix("call 1: established") }
        alice.send("calls")
        try await alice.waitForLine("calls listing") { $0.contains("call 1") && $0.contains("established") && $0.contains("sip:bob@") }
        alice.send("hangup")
        try await bob.waitForLine("remote hangup") { $0.hasPrefix("call 1: terminated") && $0.contains("remote hung up") }
        alice.send("quit")
        bob.closeInput()
        #expect(try await alice.waitForExit() == 0)
        #expect(try await bob.waitForExit() == 0)
    }

    @Test func jsonLinesCarryTheContractFields() async throws {
        let aliceHome = try TestHome.local("alice"), bobHome = try TestHome.local("bob")
        let bob = try HeadlessProcess(["--headless", "--json"], home: bobHome.url)
        let alice = try HeadlessProcess(["--headless", "--json"], home: aliceHome.url)
        let bobPort = try await bob.listeningPort()
        alice.send("call sip:bob@127.0.0.1:\(bobPort)")
        try await bob.waitForLine("incoming") { $0.contains("\"state\":\"incoming\"") }
        bob.send("reject 1 486")
        let ended = try await alice.waitForLine("terminated") { $0.contains("\"state\":\"terminated\"") }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ended.utf8)) as? [String: Any])
        #expect(object["event"] as? String == "call")
        #expect(object["account"] as? String == "alice")
        #expect(object["call"] as? Int == 1)
        #expect(object["reason"] as? String == "busy")
        #expect(object["code"] as? Int == 486)
        #expect((object["remote"] as? String)?.hasPrefix("sip:bob@127.0.0.1") == true)
        alice.send("bogus")
        try await alice.waitForLine("error event") { $0.contains("\"event\":\"error\"") }
        alice.closeInput()
        bob.closeInput()
        #expect(try await alice.waitForExit() == 0)
        #expect(try await bob.waitForExit() == 0)
        for line in alice.lines + bob.lines {
            let parsed = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(parsed?["event"] != nil, "not a JSON event line: \(line)")
        }
    }

    @Test func scriptFileRunsToTheEnd() async throws {
        let home = try TestHome.local("alice")
        let script = home.url.appendingPathComponent("script.txt")
        try "# a comment\n\naccounts\ncalls\n".write(to: script, atomically: true, encoding: .utf8)
        let pipit = try HeadlessProcess(["--headless", "--script", script.path], home: home.url)
        #expect(try await pipit.waitForExit() == 0)
        #expect(pipit.lines.contains { $0.contains("no calls") }, "\(pipit.lines)")
    }

    @Test func importAndListContacts() async throws {
        let home = try TestHome.local("alice")
        let cards = home.url.appendingPathComponent("cards.vcf")
        try "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Builder\r\nTEL;TYPE=cell:+1 555 0100\r\nEND:VCARD\r\n"
            .write(to: cards, atomically: true, encoding: .utf8)
        let pipit = try HeadlessProcess(["--headless"], home: home.url)
        pipit.send("import \"\(cards.path)\"")
        try await pipit.waitForLine("import summary") { $0.contains("1 added") }
        pipit.send("contacts bob")
        try await pipit.waitForLine("contact line") { $0 == "contact Bob Builder: +1 555 0100 (cell)" }
        pipit.closeInput()
        #expect(try await pipit.waitForExit() == 0)
    }

    @Test func sigtermQuitsCleanly() async throws {
        let home = try TestHome.local("alice")
        let pipit = try HeadlessProcess(["--headless"], home: home.url)
        _ = try await pipit.listeningPort()
        pipit.kill(SIGTERM)
        #expect(try await pipit.waitForExit() == 0)
    }

    @Test func badConfigNamesFileLineAndKey() async throws {
        let home = try TestHome(config: "[[account]]\nname = \"a\"\nuri = \"sip:a@example.com\"\nexpires = \"ten\"\n")
        let pipit = try HeadlessProcess(["--headless"], home: home.url)
        #expect(try await pipit.waitForExit() == 2)
        #expect(pipit.standardError.contains("\(home.configFile):4:"), "\(pipit.standardError)")
        #expect(pipit.standardError.contains("expires"), "\(pipit.standardError)")
    }

    @Test func passwordInAnOpenFileIsRefused() async throws {
        let home = try TestHome(config: "[[account]]\nname = \"a\"\nuri = \"sip:a@example.com\"\npassword = \"hunter2\"\n", mode: 0o644)
        let pipit = try HeadlessProcess(["--headless"], home: home.url)
        #expect(try await pipit.waitForExit() == 2)
        #expect(pipit.standardError.contains("chmod 600"), "\(pipit.standardError)")
        #expect(!pipit.standardError.contains("hunter2"))
    }

    /// A call in progress when pipit is killed is in the history after the next start,
    /// with an end reason that says so.
    @Test func killedMidCallLeavesAnInterruptedHistoryRow() async throws {
        let (alice, aliceHome, bob, bobHome) = try await Self.callAnswered()
        try await Task.sleep(for: .milliseconds(200))
        alice.kill(SIGKILL)
        _ = try await alice.waitForExit()

        let restarted = try HeadlessProcess(["--headless"], home: aliceHome.url)
        _ = try await restarted.listeningPort()
        restarted.closeInput()
        #expect(try await restarted.waitForExit() == 0)
        bob.closeInput()
        _ = try await bob.waitForExit()

        let history = HistoryStore(database: try Database(path: aliceHome.database))
        let calls = try history.recent(limit: 10)
        let call = try #require(calls.first, "no history row")
        #expect(calls.count == 1)
        #expect(call.direction == .outgoing)
        #expect(call.remoteURI.hasPrefix("sip:bob@127.0.0.1"))
        #expect(call.endReason == "interrupted")
        let answered = try #require(call.answeredAt)
        let ended = try #require(call.endedAt)
        #expect(answered >= call.startedAt && ended >= answered)
        // Bob's side ended normally (the BYE never came, but its row is open or closed by its own quit).
        let bobCalls = try HistoryStore(database: try Database(path: bobHome.database)).recent(limit: 10)
        #expect(bobCalls.first?.answeredAt != nil)
    }

    /// Two processes with local accounts; alice calls bob, bob answers.
    static func callAnswered() async throws -> (HeadlessProcess, TestHome, HeadlessProcess, TestHome) {
        let aliceHome = try TestHome.local("alice"), bobHome = try TestHome.local("bob")
        let bob = try HeadlessProcess(["--headless"], home: bobHome.url)
        let alice = try HeadlessProcess(["--headless"], home: aliceHome.url)
        let bobPort = try await bob.listeningPort()
        alice.send("call sip:bob@127.0.0.1:\(bobPort)")
        try await bob.waitForLine("incoming") { $0.contains("incoming call from") }
        bob.send("answer")
        try await alice.waitForLine("established") { $0.hasPrefix("call 1: established") }
        return (alice, aliceHome, bob, bobHome)
    }

    @Test func finishedCallIsRecordedWithTimesAndReason() async throws {
        let (alice, aliceHome, bob, bobHome) = try await Self.callAnswered()
        try await Task.sleep(for: .milliseconds(300))
        bob.send("hangup")
        try await alice.waitForLine("terminated") { $0.hasPrefix("call 1: terminated") }
        alice.closeInput()
        bob.closeInput()
        _ = try await alice.waitForExit()
        _ = try await bob.waitForExit()
        let call = try #require(try HistoryStore(database: try Database(path: aliceHome.database)).recent(limit: 1).first)
        #expect(call.endReason == "remote hung up")
        #expect(!call.missed)
        #expect((call.durationMilliseconds ?? 0) >= 250)
        let bobCall = try #require(try HistoryStore(database: try Database(path: bobHome.database)).recent(limit: 1).first)
        #expect(bobCall.direction == .incoming && bobCall.endReason == "hung up")
    }
}
