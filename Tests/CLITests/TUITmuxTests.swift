import Foundation
import TestLab
import Testing

/// The real binary's full-screen interface driven through tmux, as a user would (issue 7
/// item 8): keys in with send-keys, the screen read back with capture-pane.
@Suite(.timeLimit(.minutes(1)))
struct TUITmuxTests {
    /// pipit's environment: its files in `home`, nothing from a desktop session.
    static func environment(_ home: TestHome) -> [String: String] {
        [
            "HOME": home.url.path,
            "XDG_CONFIG_HOME": home.url.appendingPathComponent("config").path,
            "XDG_DATA_HOME": home.url.appendingPathComponent("data").path,
            "XDG_STATE_HOME": home.url.appendingPathComponent("state").path,
            "XDG_RUNTIME_DIR": home.url.path,
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "SWIFT_BACKTRACE": "interactive=no",
        ]
    }

    /// pipit started in a private tmux server in `home`; the server is killed at the end.
    static func withScreen(_ home: TestHome, arguments: [String] = [], columns: Int = 80, rows: Int = 24,
                           _ body: (Tmux) async throws -> Void) async throws {
        let tmux = Tmux(folder: home.url)
        defer { tmux.kill() }
        // A shell around pipit says how it ended, on the terminal it gave back.
        let command = "\"$0\" \"$@\"; echo \"pipit exited with $?\"; sleep 60"
        try tmux.start(["/bin/sh", "-c", command, PipitBinary.url.path] + arguments, environment: environment(home),
                       columns: columns, rows: rows)
        try await body(tmux)
    }

    /// The call's running time, as `0:SS` on its call row.
    static func timer(_ screen: String) -> Int? {
        guard let range = screen.range(of: #"established · 0:\d\d"#, options: .regularExpression) else { return nil }
        return Int(screen[range].suffix(2))
    }

    @Test func dialsTheEchoTestHangsUpAndFindsTheCallInHistoryThenResizes() async throws {
        let home = try TestHome.local("alice", extra: ScriptTests.nullAudio)
        defer { try? FileManager.default.removeItem(at: home.url) }
        try await Self.withScreen(home) { tmux in
            let first = try await tmux.waitFor("the status line and the first screen") {
                $0.hasPrefix(" pipit  alice local") && $0.contains("echo calls the echo test") && $0.contains(":account add")
            }
            #expect(first.split(separator: "\n", omittingEmptySubsequences: false).count >= 24)

            try tmux.type("echo")
            try tmux.press("Enter")
            let answered = try await tmux.waitFor("the call established") { Self.timer($0) != nil }
            let started = try #require(Self.timer(answered))
            try await tmux.waitFor("the timer running", timeout: .seconds(4)) { (Self.timer($0) ?? 0) > started }

            try tmux.type("h")
            try await tmux.waitFor("the call gone") { $0.contains("No calls.") }
            try tmux.press("Tab") // the History pane
            try await tmux.waitFor("the call in History") { $0.contains("1 calls, 0 missed") && $0.contains("→") }

            try tmux.resize(columns: 100, rows: 30)
            let resized = try await tmux.waitFor("the screen redrawn at 100×30") { screen in
                let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
                return rows.count >= 30 && rows[29].hasPrefix(">") && screen.contains("1 calls, 0 missed")
            }
            // The status and tab bars run to the new edge.
            let rows = resized.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(rows[0].hasPrefix(" pipit  alice local"))
            try tmux.type(":quit")
            try tmux.press("Enter")
            try await tmux.waitFor("pipit's exit, the screen given back") { $0.hasPrefix("pipit exited with 0") }
        }
    }

    @Test func anIncomingCallFromBaresipIsAnsweredByKey() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "a-pw", "bob": "b-pw"])
            let bob = try await lab.startBaresip(.init(user: "bob", password: "b-pw", registrar: kamailio.address))
            let home = try TestHome(config: """
                [audio]
                backend = "null"
                [network]
                listen = ["udp:127.0.0.1:0"]
                [[account]]
                name = "alice"
                uri = "sip:alice@\(kamailio.address)"
                password = "a-pw"
                codecs = ["pcmu"]
                """)
            defer { try? FileManager.default.removeItem(at: home.url) }
            try await Self.withScreen(home) { tmux in
                try await tmux.waitFor("alice registered") { $0.hasPrefix(" pipit  alice registered") }
                try await bob.waitForRegistration()
                try await bob.dial("sip:alice@\(kamailio.address)")
                try await tmux.waitFor("the incoming call and its keys") {
                    $0.contains("Incoming call from") && $0.contains("bob") && $0.contains("a answer  r reject  b busy")
                }
                try tmux.type("a")
                try await bob.waitForEvent("CALL_ESTABLISHED")
                try await tmux.waitFor("the call established") { Self.timer($0) != nil && !$0.contains("Incoming call") }
                try tmux.type("h")
                try await bob.waitForEvent("CALL_CLOSED")
                try await tmux.waitFor("the call gone") { $0.contains("No calls.") }
                try tmux.type(":quit")
                try tmux.press("Enter")
                try await tmux.waitFor("pipit's exit") { $0.contains("pipit exited with 0") }
            }
        }
    }

    @Test func accountAddOnTheScreenAsksWritesTheFileAndRegisters() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["carol": "c-pw-7"])
            let home = try TestHome.local("alice", extra: ScriptTests.nullAudio)
            defer { try? FileManager.default.removeItem(at: home.url) }
            try await Self.withScreen(home) { tmux in
                try await tmux.waitFor("the first screen") { $0.contains(":account add") }
                try tmux.type(":account add")
                try tmux.press("Enter")
                try await tmux.waitFor("the address question") { $0.contains("account address (sip:user@domain") }
                try tmux.type("sip:carol@\(kamailio.address)")
                try tmux.press("Enter")
                try await tmux.waitFor("the user question") { $0.contains("user name [carol]:") }
                try tmux.press("Enter")
                try await tmux.waitFor("the password question") { $0.contains("password (empty for none):") }
                try tmux.type("c-pw-7")
                let hidden = try await tmux.waitFor("the password as stars") { $0.contains("password (empty for none): ******") }
                #expect(!hidden.contains("c-pw-7"))
                try tmux.press("Enter")
                try await tmux.waitFor("the registrar question") { $0.contains("registrar [sip:\(kamailio.address)]:") }
                try tmux.press("Enter")
                try await tmux.waitFor("carol registered on the status line") { $0.hasPrefix(" pipit  alice local  carol@127.0.0.1 registered") }
                let text = try String(contentsOfFile: home.configFile, encoding: .utf8)
                #expect(text.hasSuffix("[[account]]\nuri = \"sip:carol@\(kamailio.address)\"\npassword = \"c-pw-7\"\n"), "\(text)")
                try tmux.type(":quit")
                try tmux.press("Enter")
                try await tmux.waitFor("pipit's exit") { $0.contains("pipit exited with 0") }
            }
            let history = try String(contentsOfFile: home.url.appendingPathComponent("state/pipit/input_history").path, encoding: .utf8)
            #expect(history == ":account add\n:quit\n", "no answer, and no password, in the input history")
        }
    }

    @Test func theCommandModeOnATerminalAsksWithoutEchoingThePassword() async throws {
        let home = try TestHome.local("alice", extra: ScriptTests.nullAudio)
        defer { try? FileManager.default.removeItem(at: home.url) }
        try await Self.withScreen(home, arguments: ["--headless"]) { tmux in
            try await tmux.waitFor("the command mode") { $0.contains("listening on") }
            try tmux.type("account add\r")
            try await tmux.waitFor("the address question") { $0.contains("account address") }
            try tmux.type("sip:erin@127.0.0.1:9\r")
            try await tmux.waitFor("the user question") { $0.contains("user name [erin]:") }
            try tmux.type("\r")
            try await tmux.waitFor("the password question") { $0.contains("password (empty for none):") }
            try tmux.type("e-secret-9\r")
            try await tmux.waitFor("the registrar question") { $0.contains("registrar [sip:127.0.0.1:9]:") }
            try tmux.type("\r")
            try await tmux.waitFor("the account added") { $0.contains("account add: added to") }
            try tmux.type("hello\r") // echo is back on
            let screen = try await tmux.waitFor("typing shown again") { $0.contains("hello") }
            #expect(!screen.contains("e-secret-9"), "the password was not echoed: \(screen)")
            try tmux.press("C-d")
            try await tmux.waitFor("pipit's exit") { $0.contains("pipit exited with 0") }
        }
        #expect(try String(contentsOfFile: home.configFile, encoding: .utf8).contains("password = \"e-secret-9\""))
    }
}
