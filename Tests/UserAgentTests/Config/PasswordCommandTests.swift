import Testing
@testable import UserAgent

/// password_command through /bin/sh: first line, failures, timeout — and never the output
/// in an error.
@Suite(.timeLimit(.minutes(1)))
struct PasswordCommandTests {
    @Test func firstLineOfOutputIsThePassword() async throws {
        #expect(try await PasswordCommand.run("printf 's3cret\\nsecond line\\n'") == Secret("s3cret"))
        #expect(try await PasswordCommand.run("printf 'crlf\\r\\n'") == Secret("crlf"))
        #expect(try await PasswordCommand.run("printf 'no newline'") == Secret("no newline"))
        #expect(try await PasswordCommand.run("echo \"$((6 * 7))\" ") == Secret("42"))
    }

    @Test func sourceResolvesLiteralsAndCommands() async throws {
        #expect(try await PasswordSource.literal(Secret("x")).resolve() == Secret("x"))
        #expect(try await PasswordSource.command("echo y").resolve() == Secret("y"))
    }

    @Test func failingCommandGivesTheStatusNotTheOutput() async throws {
        let error = await #expect(throws: PasswordCommandError.self) {
            try await PasswordCommand.run("echo leaked-secret; echo more >&2; exit 3")
        }
        #expect(error == .failed(command: "echo leaked-secret; echo more >&2; exit 3", status: 3))
        #expect(error?.description == "password_command `echo leaked-secret; echo more >&2; exit 3` failed with exit status 3")
        let missing = await #expect(throws: PasswordCommandError.self) { try await PasswordCommand.run("no-such-command-pipit") }
        #expect(missing == .failed(command: "no-such-command-pipit", status: 127))
    }

    @Test func emptyOutputIsAnError() async throws {
        for command in ["true", "printf '\\nsecond\\n'", "printf '\\r\\n'"] {
            let error = await #expect(throws: PasswordCommandError.self) { try await PasswordCommand.run(command) }
            #expect(error == .emptyOutput(command: command))
        }
    }

    @Test func slowCommandIsKilledAtTheTimeout() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: PasswordCommandError.self) {
            try await PasswordCommand.run("echo partial; sleep 30", timeout: .milliseconds(500))
        }
        #expect(error == .timedOut(command: "echo partial; sleep 30", after: .milliseconds(500)))
        #expect(clock.now - start < .seconds(5))
        // A command that closes its output but does not exit is stopped too.
        let lingering = await #expect(throws: PasswordCommandError.self) {
            try await PasswordCommand.run("echo pw; exec >&-; sleep 30", timeout: .milliseconds(500))
        }
        #expect(lingering == .timedOut(command: "echo pw; exec >&-; sleep 30", after: .milliseconds(500)))
        #expect(clock.now - start < .seconds(8))
    }

    @Test func signalIsReported() async throws {
        let error = await #expect(throws: PasswordCommandError.self) { try await PasswordCommand.run("kill -TERM $$") }
        #expect(error == .killedBySignal(command: "kill -TERM $$", signal: 15))
    }

    @Test func largeOutputIsBoundedAndDoesNotBlock() async throws {
        let secret = try await PasswordCommand.run("echo first; head -c 1000000 /dev/zero | tr '\\0' x")
        #expect(secret == Secret("first"))
    }
}
