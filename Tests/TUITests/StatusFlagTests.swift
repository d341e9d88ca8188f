import Testing
import TUI
import UserAgent

/// The status line's do-not-disturb, forwarding and auto-answer flags follow what the user
/// agent says: its account list, and its answers to `dnd`, `forward` and `autoanswer`
/// (issue 7 item 1).
@Suite(.timeLimit(.minutes(1)))
struct StatusFlagTests {
    private func statusLine(_ state: TUIState) -> String {
        Layout.render(state, width: 100, height: 24, now: 0).lines.first?.text ?? ""
    }

    @Test func dndAndForwardingShowAndGo() {
        var state = Fixture.state()
        #expect(!statusLine(state).contains("DND") && !statusLine(state).contains("forwarding"))
        state.apply(.info("do not disturb: on (calls are refused with 486 Busy Here)"), now: 0)
        state.apply(.info("account work: forwarding always → sip:desk@example.com"), now: 0)
        state.apply(.info("account home: forwarding off"), now: 0)
        #expect(statusLine(state).contains("  DND "))
        #expect(statusLine(state).contains("  forwarding "))
        #expect(state.forwarding == ["work"])
        state.apply(.info("do not disturb: off"), now: 0)
        state.apply(.info("account work: forwarding off"), now: 0)
        #expect(!statusLine(state).contains("DND") && !statusLine(state).contains("forwarding"))
    }

    /// Auto-answer and forwarding from the account list (set in the configuration file),
    /// and auto-answer after `autoanswer`.
    @Test func autoAnswerAndForwardingFromTheAccountList() {
        var state = Fixture.state()
        state.apply(.accounts([AccountSummary(name: "work", uri: "sip:alice@example.com", state: .unregistered,
                                              autoAnswer: true, forwarding: true)]), now: 0)
        #expect(statusLine(state).contains("  auto-answer ") && statusLine(state).contains("  forwarding "))
        state.apply(.info("account work: auto-answer off"), now: 0)
        #expect(!statusLine(state).contains("auto-answer"))
        state.apply(.info("account work: auto-answer on, after 3 s"), now: 0)
        #expect(state.autoAnswer == ["work"])
    }
}
