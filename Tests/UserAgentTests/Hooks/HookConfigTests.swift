import Testing
@testable import UserAgent

/// `[hooks]` in the configuration file: paths, arguments, the timeout, and the errors.
@Suite(.timeLimit(.minutes(1)))
struct HookConfigTests {
    static let path = "/home/a/.config/pipit/config.toml"
    static let environment = ["HOME": "/home/a", "USER": "a"]

    @Test func everyHookDecodes() throws {
        let config = try ConfigLoader.decode("""
            [hooks]
            incoming_call = "~/bin/screen --quiet  -v"
            call_answered = "/usr/local/bin/answered"
            call_ended = "hooks/ended.sh"
            registration = "notify-send"
            message_received = "~/bin/message"
            dtmf_received = "/bin/dtmf a b"
            timeout = 12
            """, path: Self.path, environment: Self.environment)
        let hooks = config.hooks
        #expect(hooks.incomingCall == HookCommand(program: "/home/a/bin/screen", arguments: ["--quiet", "-v"]))
        #expect(hooks.callAnswered == HookCommand(program: "/usr/local/bin/answered"))
        // Relative to the configuration file's folder; a bare name is looked up in PATH.
        #expect(hooks.callEnded == HookCommand(program: "/home/a/.config/pipit/hooks/ended.sh"))
        #expect(hooks.registration == HookCommand(program: "notify-send"))
        #expect(hooks.messageReceived?.program == "/home/a/bin/message")
        #expect(hooks.dtmfReceived == HookCommand(program: "/bin/dtmf", arguments: ["a", "b"]))
        #expect(hooks.timeout == .seconds(12))
        #expect(hooks[.incomingCall] == hooks.incomingCall && hooks[.dtmfReceived] == hooks.dtmfReceived)
    }

    @Test func defaults() throws {
        let hooks = try ConfigLoader.decode("[hooks]\n", environment: Self.environment).hooks
        #expect(hooks == HookSettings())
        #expect(hooks.timeout == .seconds(5))
        #expect(HookEvent.allCases.allSatisfy { hooks[$0] == nil })
    }

    @Test(arguments: [
        ("[hooks]\nincoming = \"/x\"", 2, "incoming", "did you mean `incoming_call`?"),
        ("[hooks]\ntimeout = 0", 2, "timeout", "1"),
        ("[hooks]\ntimeout = 61", 2, "timeout", "60"),
        ("[hooks]\ncall_ended = \"   \"", 2, "call_ended", "must name a program"),
        ("[hooks]\ncall_ended = 3", 2, "call_ended", "not 3"),
        ("[hooks]\n\nregistration = \"/a\\nb\"", 3, "registration", "must be one line"),
        ("hooks = 1", 1, "hooks", "must be a table"),
    ])
    func errorsNameLineAndKey(text: String, line: Int, key: String, message: String) throws {
        let error = try #require(configError(text))
        guard case .invalid(let problems) = error else {
            Issue.record("expected invalid, got \(error)")
            return
        }
        let first = try #require(problems.first)
        #expect(first.path == Self.path)
        #expect(first.line == line)
        #expect(first.key == key)
        #expect(first.message.contains(message), "\(first.message)")
    }

    @Test func tildeWithoutHomeIsAnError() throws {
        #expect(throws: ConfigError.self) {
            try ConfigLoader.decode("[hooks]\ncall_ended = \"~/x\"", environment: ["USER": "a"])
        }
    }

    /// Hooks are read when their event happens, so a reload applies them at once.
    @Test func reloadAppliesHookChanges() throws {
        let before = try ConfigLoader.decode("[hooks]\ncall_ended = \"/a\"", environment: Self.environment)
        let after = try ConfigLoader.decode("[hooks]\ncall_ended = \"/b\"\nincoming_call = \"/c\"\ntimeout = 2",
                                            environment: Self.environment)
        let changes = before.changes(to: after)
        #expect(changes.appliedKeys == ["hooks.incoming_call", "hooks.call_ended", "hooks.timeout"])
        #expect(!changes.needsRestart)
    }
}
