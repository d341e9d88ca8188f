import Foundation
import Testing
@testable import UserAgent

/// Running a hook program: its environment, output bounds, the timeout, failures.
@Suite(.timeLimit(.minutes(1)))
struct HookRunnerTests {
    func script(_ directory: TempDirectory, _ body: String) throws -> HookCommand {
        HookCommand(program: try directory.script("hook.sh", "#!/bin/sh\n" + body + "\n"))
    }

    @Test func environmentAndArguments() async throws {
        let directory = try TempDirectory()
        defer { directory.cleanUp() }
        var command = try script(directory, "echo \"$PIPIT_EVENT|$PIPIT_REMOTE_URI|$1|$2|${HOME:+home}\"")
        command.arguments = ["one", "two"]
        let result = await HookRunner.run(command, variables: ["PIPIT_EVENT": "incoming_call", "PIPIT_REMOTE_URI": "sip:a@b"],
                                          timeout: .seconds(5))
        #expect(result.ending == .exited(0))
        #expect(String(decoding: result.output, as: UTF8.self) == "incoming_call|sip:a@b|one|two|home\n")
    }

    @Test func inheritedPipitVariablesAreReplaced() {
        let environment = HookRunner.environment(inherited: ["HOME=/h", "PIPIT_EVENT=stale", "PIPIT_OTHER=x"],
                                                 variables: ["PIPIT_EVENT": "dtmf_received", "PIPIT_DIGIT": "5"])
        #expect(environment == ["HOME=/h", "PIPIT_DIGIT=5", "PIPIT_EVENT=dtmf_received"])
    }

    @Test func failureKeepsStatusAndStandardError() async throws {
        let directory = try TempDirectory()
        defer { directory.cleanUp() }
        let command = try script(directory, "echo 'no such caller' >&2; exit 3")
        let result = await HookRunner.run(command, variables: [:], timeout: .seconds(5))
        #expect(result.ending == .exited(3))
        #expect(!result.succeeded)
        #expect(result.summary(command, timeout: .seconds(5)) == "`\(command.program)` exited with status 3: no such caller")
    }

    /// A hook that hangs is stopped at the timeout, with what it started (its process group).
    @Test func timeoutStopsTheHook() async throws {
        let directory = try TempDirectory()
        defer { directory.cleanUp() }
        let marker = directory.path + "/survived"
        let command = try script(directory, "echo started\n(sleep 2; touch \(marker)) &\nsleep 30")
        let start = ContinuousClock.now
        let result = await HookRunner.run(command, variables: [:], timeout: .seconds(1))
        let took = ContinuousClock.now - start
        #expect(result.ending == .timedOut)
        #expect(String(decoding: result.output, as: UTF8.self) == "started\n")
        #expect(took < .seconds(3), "took \(took)")
        try await Task.sleep(for: .milliseconds(1500))
        #expect(!FileManager.default.fileExists(atPath: marker), "a child of the hook outlived the timeout")
    }

    /// A program that ignores SIGTERM gets SIGKILL.
    @Test func ignoredTermGetsKill() async throws {
        let directory = try TempDirectory()
        defer { directory.cleanUp() }
        let command = try script(directory, "trap '' TERM\nwhile :; do sleep 0.1; done")
        let start = ContinuousClock.now
        let result = await HookRunner.run(command, variables: [:], timeout: .seconds(1))
        #expect(result.ending == .timedOut)
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test func outputIsBounded() async throws {
        let directory = try TempDirectory()
        defer { directory.cleanUp() }
        let command = try script(directory, "head -c 200000 /dev/zero | tr '\\0' x; head -c 200000 /dev/zero >&2")
        let result = await HookRunner.run(command, variables: [:], timeout: .seconds(5))
        #expect(result.ending == .exited(0))
        #expect(result.output.count == HookRunner.maxOutput)
        #expect(result.output.allSatisfy { $0 == UInt8(ascii: "x") })
        #expect(result.errorOutput.count == HookRunner.maxErrorOutput)
    }

    @Test func missingProgram() async throws {
        let missing = HookCommand(program: "/nonexistent/pipit-hook")
        let result = await HookRunner.run(missing, variables: [:], timeout: .seconds(5))
        #expect(result.ending == .couldNotStart("no such file"))
        let unnamed = HookCommand(program: "pipit-no-such-hook-program")
        #expect(await HookRunner.run(unnamed, variables: [:], timeout: .seconds(5)).ending == .couldNotStart("no such file"))
    }

    @Test func notExecutable() async throws {
        let directory = try TempDirectory()
        defer { directory.cleanUp() }
        let file = try directory.script("plain.sh", "#!/bin/sh\necho hi\n", mode: 0o600)
        let result = await HookRunner.run(HookCommand(program: file), variables: [:], timeout: .seconds(5))
        #expect(result.ending == .couldNotStart("permission denied"))
    }
}
