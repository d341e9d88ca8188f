import Foundation
import TestLab
import Testing

/// `account add` in the command mode, against the lab's Kamailio: the account is appended to
/// the file and registers at once, without a restart (issue 7 item 6).
@Suite(.timeLimit(.minutes(1)))
struct AccountAddLabTests {
    @Test func bothFormsAppendAnAccountThatRegistersWithoutARestart() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["carol": "c-pw-1", "dave": "d-pw-2"])
            let home = try TestHome.local("alice", extra: ScriptTests.nullAudio)
            defer { try? FileManager.default.removeItem(at: home.url) }
            let original = try Data(contentsOf: URL(fileURLWithPath: home.configFile))
            let pipit = try HeadlessProcess(["--headless"], home: home.url)
            _ = try await pipit.listeningPort()

            // All on one line.
            pipit.send("account add sip:carol@\(kamailio.address) password=c-pw-1")
            try await pipit.waitForLine("the file written") { $0.hasPrefix("account add: added to \(home.configFile)") }
            try await pipit.waitForLine("carol registered") { $0.hasPrefix("account carol@127.0.0.1: registered") }

            // Asked, one question a line.
            pipit.send("account add")
            try await pipit.waitForLine("the first question") { $0.hasPrefix("account address") }
            pipit.send("dave@\(kamailio.address)")
            try await pipit.waitForLine("the user question") { $0 == "user name [dave]: " }
            pipit.send("")
            try await pipit.waitForLine("the password question") { $0.hasPrefix("password") }
            pipit.send("d-pw-2")
            try await pipit.waitForLine("the registrar question") { $0.hasPrefix("registrar [sip:\(kamailio.address)]") }
            pipit.send("")
            try await pipit.waitForLine("dave registered") { $0.hasPrefix("account dave@127.0.0.1: registered") }

            let written = try Data(contentsOf: URL(fileURLWithPath: home.configFile))
            #expect(written.prefix(original.count) == original, "the file's own bytes stay as they were")
            let mode = try FileManager.default.attributesOfItem(atPath: home.configFile)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let text = String(decoding: written, as: UTF8.self)
            #expect(text.hasSuffix("""
                [[account]]
                uri = "sip:carol@\(kamailio.address)"
                password = "c-pw-1"

                [[account]]
                uri = "sip:dave@\(kamailio.address)"
                password = "d-pw-2"

                """), "\(text)")
            let registers = kamailio.events().filter { $0.method == "REGISTER" && $0.status == 200 }.map(\.user)
            #expect(Set(registers) == ["carol", "dave"], "\(registers)")

            pipit.closeInput()
            #expect(try await pipit.waitForExit() == 0)
            let everything = pipit.lines.joined(separator: "\n") + pipit.standardError
            #expect(!everything.contains("c-pw-1") && !everything.contains("d-pw-2"), "no password is ever printed")
        }
    }

    @Test func aSocketClientAddsOnOneLineAndIsToldToDoSoWhenItAsks() async throws {
        let home = try TestHome.local("alice", extra: ScriptTests.nullAudio)
        defer { try? FileManager.default.removeItem(at: home.url) }
        let pipit = try HeadlessProcess(["--headless"], home: home.url)
        _ = try await pipit.listeningPort()
        try await ControlSocketTests.waitForSocket(home)
        let environment = ControlSocketTests.environment(home)
        let asking = try PipitBinary.run(["--send", "account add"], environment: environment)
        #expect(asking.status != 0)
        #expect(asking.text.contains("give them on the line"), "\(asking.text)")
        let added = try PipitBinary.run(["--send", "account add sip:erin@127.0.0.1:9 password=e-pw register"], environment: environment)
        #expect(added.status != 0, "an unknown word is refused: \(added.text)")
        let good = try PipitBinary.run(["--send", "account add sip:erin@127.0.0.1:9 password=e-pw"], environment: environment)
        #expect(good.status == 0, "\(good.text) \(good.stderr)")
        #expect(good.text.contains("reload: added erin@127.0.0.1"), "the reply carries the reload: \(good.text)")
        #expect(!good.text.contains("e-pw"))
        pipit.closeInput()
        #expect(try await pipit.waitForExit() == 0)
    }
}
