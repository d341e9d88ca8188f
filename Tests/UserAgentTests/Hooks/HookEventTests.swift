import Foundation
import Testing
@testable import UserAgent

/// The message, DTMF and registration hooks, each appending a line per run.
@Suite(.timeLimit(.minutes(1)))
struct HookEventTests {
    static func lines(_ path: String, count: Int) async throws -> [String] {
        for _ in 0..<250 {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let lines = text.split(separator: "\n").map(String.init)
            if lines.count >= count, text.hasSuffix("\n") { return lines }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("\(path) did not get \(count) lines")
        return []
    }

    @Test func messageAndDigitHooks() async throws {
        let directory = try TempDirectory()
        defer { directory.cleanUp() }
        let script = try directory.script("log.sh", """
            #!/bin/sh
            echo "$PIPIT_EVENT|$PIPIT_ACCOUNT|$PIPIT_REMOTE_URI|$PIPIT_CALL_ID|$PIPIT_DIGIT|$PIPIT_MESSAGE" >> "\(directory.path)/$PIPIT_EVENT.log"
            """)
        var hooks = HookSettings()
        hooks.messageReceived = HookCommand(program: script)
        hooks.dtmfReceived = HookCommand(program: script)
        let bob = try await TestPhone.start("bob", hooks: hooks)
        let alice = try await TestPhone.start("alice") { $0.dtmf = .info }

        await alice.send(.sendMessage(call: nil, target: bob.uri, text: "are you there?", account: nil))
        let message = try await Self.lines(directory.path + "/message_received.log", count: 1)
        #expect(message.count == 1)
        #expect(message.first?.hasPrefix("message_received|bob|sip:alice@127.0.0.1") == true, "\(message)")
        #expect(message.first?.hasSuffix("|||are you there?") == true, "\(message)")

        await alice.send(.call(target: bob.uri, account: nil))
        let ringing = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: ringing.id))
        _ = try await alice.waitForState(.established)
        await alice.send(.sendDigits(call: nil, digits: "4#"))
        let digits = try await Self.lines(directory.path + "/dtmf_received.log", count: 2)
        // The hooks run side by side: their lines may come in either order.
        #expect(digits.allSatisfy { $0.hasPrefix("dtmf_received|bob|sip:alice@127.0.0.1") && $0.contains("|\(ringing.id)|") },
                "\(digits)")
        #expect(Set(digits.compactMap { $0.split(separator: "|", omittingEmptySubsequences: false).dropFirst(4).first }) == ["4", "#"])
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }

    /// Only changes run the hook: a refresh that keeps the registration does not.
    @Test func registrationHookRunsOnChanges() async throws {
        let directory = try TempDirectory()
        defer { directory.cleanUp() }
        let script = try directory.script("reg.sh", """
            #!/bin/sh
            echo "$PIPIT_ACCOUNT $PIPIT_REGISTRATION $PIPIT_CODE $PIPIT_REASON" >> "\(directory.path)/registration.log"
            """)
        var hooks = HookSettings()
        hooks.registration = HookCommand(program: script)
        let bob = try await TestPhone.start("bob", hooks: hooks)
        await bob.ua.registrationChanged("bob", .registering)
        await bob.ua.registrationChanged("bob", .registered(expires: 600))
        _ = try await Self.lines(directory.path + "/registration.log", count: 1)
        await bob.ua.registrationChanged("bob", .refreshing(expires: 600))
        await bob.ua.registrationChanged("bob", .registered(expires: 600))
        await bob.ua.registrationChanged("bob", .failed(reason: "Forbidden", code: 403, retryIn: nil))
        let lines = try await Self.lines(directory.path + "/registration.log", count: 2)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try String(contentsOfFile: directory.path + "/registration.log", encoding: .utf8)
            == "bob registered  \nbob failed 403 Forbidden\n")
        #expect(lines.count == 2)
        await bob.stop()
    }

    @Test func bookKeepsAnswersAndRegistrations() {
        var book = HookBook()
        let first = book.firstAnswer(1)
        let again = book.firstAnswer(1)
        book.ended(1)
        let afterEnd = book.firstAnswer(1)
        #expect(first && !again && afterEnd)
        let registered = book.registrationChanged(account: "a", to: "registered")
        let same = book.registrationChanged(account: "a", to: "registered")
        let other = book.registrationChanged(account: "b", to: "registered")
        let failed = book.registrationChanged(account: "a", to: "failed")
        #expect(registered && !same && other && failed)
        var started = 0
        while book.start() && started < 100 { started += 1 }
        #expect(started == HookBook.maxRunning)
        book.finish()
        let slot = book.start()
        #expect(slot)
    }
}
