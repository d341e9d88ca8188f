import Testing
@testable import UserAgent

/// The incoming-call hook's first output line.
@Suite(.timeLimit(.minutes(1)))
struct HookActionTests {
    static func parse(_ text: String) -> Result<HookAction, HookActionError>? { HookAction.parse(Array(text.utf8)) }

    @Test func actions() {
        #expect(Self.parse("reject 486\n") == .success(.reject(code: 486)))
        #expect(Self.parse("reject\r\nlater lines are ignored") == .success(.reject(code: 603)))
        #expect(Self.parse("  REJECT   404  ") == .success(.reject(code: 404)))
        #expect(Self.parse("dnd") == .success(.doNotDisturb))
        #expect(Self.parse("answer\n") == .success(.answer))
        #expect(Self.parse("redirect sip:voicemail@example.com") == .success(.redirect("sip:voicemail@example.com")))
        #expect(Self.parse("ring /tmp/x.wav\n") == .success(.ring(file: "/tmp/x.wav")))
        // A file name may hold spaces.
        #expect(Self.parse("  Ring   ~/sounds/boss calling.wav") == .success(.ring(file: "~/sounds/boss calling.wav")))
    }

    @Test func nothingPrintedIsNoAction() {
        #expect(Self.parse("") == nil)
        #expect(Self.parse("\n") == nil)
        #expect(Self.parse("   \nreject") == nil)
    }

    @Test func unreadableLinesAreProblems() {
        #expect(Self.parse("reject 200") == .failure(.badCode("200")))
        #expect(Self.parse("reject busy") == .failure(.badCode("busy")))
        #expect(Self.parse("reject 99999999999999999999999") == .failure(.badCode("9999999999999999")))
        #expect(Self.parse("redirect") == .failure(.unknown("redirect")))
        #expect(Self.parse("answer now") == .failure(.unknown("answer now")))
        #expect(Self.parse("hello") == .failure(.unknown("hello")))
        #expect(Self.parse("ring") == .failure(.unknown("ring")))
        #expect(Self.parse(String(repeating: "x", count: 500)) == .failure(.unknown(String(repeating: "x", count: 80))))
    }

    @Test func invalidUTF8DoesNotTrap() {
        #expect(HookAction.parse([0xFF, 0xFE, 0x0A]) != nil)
    }
}
