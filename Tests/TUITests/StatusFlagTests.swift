import Testing
import TUI
import UserAgent

/// The status line's do-not-disturb and forwarding flags follow what the user agent says
/// after `dnd` and `forward` (issue 7 item 1).
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
}
