import Foundation
import Synchronization
import Testing
@testable import UserAgent

/// `[hooks]` end to end: phones on loopback, hook scripts in a temp folder.
@Suite(.timeLimit(.minutes(1)))
struct HookCallTests {
    /// The issue's test: the incoming-call hook rejects one caller with 486 Busy Here and
    /// lets another ring.
    @Test func incomingHookRejectsOneCallerAndLetsAnotherRing() async throws {
        let directory = try TempDirectory()
        defer { directory.cleanUp() }
        let script = try directory.script("screen.sh", """
            #!/bin/sh
            echo "$PIPIT_CALL_ID $PIPIT_REMOTE_URI $PIPIT_HEADER_USER_AGENT" >> \(directory.path)/seen
            case "$PIPIT_REMOTE_URI" in
              *carol@*) echo "reject 486" ;;
            esac
            """)
        var hooks = HookSettings()
        hooks.incomingCall = HookCommand(program: script)
        let bob = try await TestPhone.start("bob", hooks: hooks)
        let carol = try await TestPhone.start("carol")
        let alice = try await TestPhone.start("alice")

        await carol.send(.call(target: bob.uri, account: nil))
        let refused = try await carol.waitForState(.terminated)
        #expect(refused.end?.reason == .busy && refused.end?.code == 486)
        let bobSide = try await bob.waitForState(.terminated)
        #expect(bobSide.end?.code == 486)
        // Carol's call never rang here: it was refused before the user was alerted.
        let carolStates = await bob.log.calls(bobSide.id).map(\.state)
        #expect(carolStates == [.terminated])
        #expect(await !bob.log.events.contains { if case .incomingCall = $0 { true } else { false } })

        await alice.send(.call(target: bob.uri, account: nil))
        let ringing = try await bob.waitForCall("alice rings at bob") { $0.state == .incoming && $0.remoteURI.contains("alice@") }
        _ = try await alice.waitForState(.ringing)
        // The hook ran for alice too (it writes a line before deciding) before her call
        // rang here, and left it ringing.
        let seen = directory.path + "/seen"
        let lines = try String(contentsOfFile: seen, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("carol@127.0.0.1") == true)
        #expect(lines.last?.hasPrefix("\(ringing.id) sip:alice@127.0.0.1") == true)
        #expect(lines.last?.hasSuffix(" pipit") == true, "User-Agent header: \(lines.last ?? "")")
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await Self.callStates(bob) == [.incoming])
        await bob.send(.answer(call: nil))
        _ = try await alice.waitForState(.established)
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated, call: ringing.id)
        await alice.stop()
        await carol.stop()
        await bob.stop()
    }

    @Test func incomingHookAnswersAndRedirects() async throws {
        let directory = try TempDirectory()
        defer { directory.cleanUp() }
        let carol = try await TestPhone.start("carol")
        let script = try directory.script("route.sh", """
            #!/bin/sh
            case "$PIPIT_REMOTE_URI" in
              *alice@*) echo answer ;;
              *) echo "redirect \(carol.uri)" ;;
            esac
            """)
        var hooks = HookSettings()
        hooks.incomingCall = HookCommand(program: script)
        let bob = try await TestPhone.start("bob", hooks: hooks)
        let alice = try await TestPhone.start("alice")
        let dave = try await TestPhone.start("dave")

        await alice.send(.call(target: bob.uri, account: nil))
        _ = try await alice.waitForState(.established)
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)

        // dave's call moves to carol (dave follows the 302).
        await dave.send(.call(target: bob.uri, account: nil))
        let moved = try await bob.waitForCall("bob redirects dave") { $0.state == .terminated && $0.remoteURI.contains("dave@") }
        #expect(moved.end?.reason == .redirected)
        _ = try await carol.waitForCall("dave rings at carol") { $0.state == .incoming && $0.remoteURI.contains("dave@") }
        await dave.send(.hangup(call: nil))
        for phone in [alice, bob, carol, dave] { await phone.stop() }
    }

    /// `ring FILE` reaches the media side for that call (which plays it instead of the
    /// configured ringtone; `CallSounds` picks it by `CallSoundPolicy.ringingCall`).
    @Test func incomingHookPicksTheRingtone() async throws {
        let directory = try TempDirectory()
        defer { directory.cleanUp() }
        let script = try directory.script("ring.sh", "#!/bin/sh\necho \"ring \(directory.path)/boss ring.wav\"\n")
        var hooks = HookSettings()
        hooks.incomingCall = HookCommand(program: script)
        let media = RingRecorder()
        let bob = try await TestPhone.start("bob", media: media, hooks: hooks)
        let alice = try await TestPhone.start("alice")
        await alice.send(.call(target: bob.uri, account: nil))
        let ringing = try await bob.waitForState(.incoming)
        for _ in 0..<250 where media.rings.withLock({ $0.isEmpty }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        let rings = media.rings.withLock { $0 }
        #expect(rings.map(\.call) == [ringing.id])
        #expect(rings.map(\.file) == [directory.path + "/boss ring.wav"])
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }

    @Test func ringtoneFollowsTheOldestRingingCall() {
        var policy = CallSoundPolicy()
        let now = ContinuousClock.now
        #expect(policy.ringingCall == nil)
        policy.update(CallSnapshot(id: 3, account: "a", direction: .incoming, remoteURI: "sip:x@y", remoteName: nil, state: .incoming), now: now)
        policy.update(CallSnapshot(id: 2, account: "a", direction: .outgoing, remoteURI: "sip:x@y", remoteName: nil, state: .ringing), now: now)
        policy.update(CallSnapshot(id: 5, account: "a", direction: .incoming, remoteURI: "sip:z@y", remoteName: nil, state: .incoming), now: now)
        #expect(policy.ringingCall == 3)
        policy.update(CallSnapshot(id: 3, account: "a", direction: .incoming, remoteURI: "sip:x@y", remoteName: nil, state: .terminated), now: now)
        #expect(policy.ringingCall == 5)
    }

    /// call_answered and call_ended see the call's fields; call_ended also why it ended.
    @Test func callHooksGetTheCallsFields() async throws {
        let directory = try TempDirectory()
        defer { directory.cleanUp() }
        let dump = try directory.script("dump.sh", "#!/bin/sh\nenv | grep '^PIPIT_' | sort > \(directory.path)/$PIPIT_EVENT.env\n")
        var hooks = HookSettings()
        hooks.callAnswered = HookCommand(program: dump)
        hooks.callEnded = HookCommand(program: dump)
        let alice = try await TestPhone.start("alice", hooks: hooks)
        let bob = try await TestPhone.start("bob")
        await alice.send(.call(target: bob.uri, account: nil))
        _ = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: nil))
        let established = try await alice.waitForState(.established)
        await bob.send(.hangup(call: nil))
        _ = try await alice.waitForState(.terminated)

        let ended = try await Self.variables(directory.path + "/call_ended.env")
        #expect(ended["PIPIT_EVENT"] == "call_ended")
        #expect(ended["PIPIT_ACCOUNT"] == "alice")
        #expect(ended["PIPIT_CALL_ID"] == String(established.id))
        #expect(ended["PIPIT_REMOTE_URI"] == bob.uri)
        #expect(ended["PIPIT_DIRECTION"] == "outgoing")
        #expect(ended["PIPIT_STATE"] == "terminated")
        #expect(ended["PIPIT_REASON"] == "remote hung up")
        #expect(!(ended["PIPIT_SIP_CALL_ID"] ?? "").isEmpty)
        let answered = try await Self.variables(directory.path + "/call_answered.env")
        #expect(answered["PIPIT_EVENT"] == "call_answered")
        #expect(answered["PIPIT_STATE"] == "established")
        #expect(answered["PIPIT_SIP_CALL_ID"] == ended["PIPIT_SIP_CALL_ID"])
        await alice.stop()
        await bob.stop()
    }

    /// A hook that fails is logged with its status and standard error; the call goes on.
    @Test func failingHookIsLogged() async throws {
        let directory = try TempDirectory()
        defer { directory.cleanUp() }
        let script = try directory.script("broken.sh", "#!/bin/sh\necho 'cannot reach the CRM' >&2\nexit 2\n")
        var hooks = HookSettings()
        hooks.incomingCall = HookCommand(program: script)
        let bob = try await TestPhone.start("bob", hooks: hooks)
        let alice = try await TestPhone.start("alice")
        await alice.send(.call(target: bob.uri, account: nil))
        _ = try await bob.waitForState(.incoming)
        try await bob.log.waitFor("the hook's failure in the log", timeout: .seconds(5)) {
            if case .log(.warning, let text) = $0 { return text.contains("exited with status 2: cannot reach the CRM") }
            return false
        }
        #expect(try await Self.callStates(bob) == [.incoming])
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }

    /// The states of the phone's calls, from the answer to `calls` (once per test: the
    /// first answer is the one read).
    static func callStates(_ phone: TestPhone) async throws -> [CallState] {
        await phone.send(.calls)
        let event = try await phone.log.waitFor("the calls list", timeout: .seconds(5)) {
            if case .calls = $0 { return true }
            return false
        }
        guard case .calls(let calls) = event else { return [] }
        return calls.map(\.state)
    }

    /// A hook that hangs is stopped at the timeout, and the call rings then.
    @Test func slowHookLetsTheCallRingAtTheTimeout() async throws {
        let directory = try TempDirectory()
        defer { directory.cleanUp() }
        let script = try directory.script("slow.sh", "#!/bin/sh\nsleep 30\necho 'reject 486'\n")
        var hooks = HookSettings()
        hooks.incomingCall = HookCommand(program: script)
        hooks.timeout = .seconds(1)
        let bob = try await TestPhone.start("bob", hooks: hooks)
        let alice = try await TestPhone.start("alice")
        let start = ContinuousClock.now
        await alice.send(.call(target: bob.uri, account: nil))
        _ = try await alice.waitForState(.ringing)
        _ = try await bob.waitForState(.incoming)
        let waited = ContinuousClock.now - start
        #expect(waited >= .milliseconds(900) && waited < .seconds(4), "rang after \(waited)")
        try await bob.log.waitFor("the timeout in the log", timeout: .seconds(2)) {
            if case .log(.warning, let text) = $0 { return text.contains("did not finish within 1") }
            return false
        }
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }

    /// The hook writes its file when it has run; the test reads it once it is complete.
    static func variables(_ path: String) async throws -> [String: String] {
        for _ in 0..<250 {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasSuffix("\n") {
                var out: [String: String] = [:]
                for line in text.split(separator: "\n") {
                    guard let equals = line.firstIndex(of: "=") else { continue }
                    out[String(line[..<equals])] = String(line[line.index(after: equals)...])
                }
                return out
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("\(path) never appeared")
        return [:]
    }
}

/// Signalling-only media that records the ringtones the user agent asks for.
final class RingRecorder: MediaNegotiating {
    let inner = SignallingOnlyMedia()
    let rings = Mutex<[(call: CallNumber, file: String)]>([])

    func makeSession(account: AccountConfig, localAddress: String) async throws -> any MediaSession {
        try await inner.makeSession(account: account, localAddress: localAddress)
    }

    func ring(_ call: CallNumber, with file: String) {
        rings.withLock { $0.append((call, file)) }
    }
}
