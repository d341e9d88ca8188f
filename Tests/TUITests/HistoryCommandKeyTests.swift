import Testing
import TUI
import UserAgent

/// `:history` opens the History pane (issue 7 item 2).
@Suite(.timeLimit(.minutes(1)))
struct HistoryCommandKeyTests {
    @Test func colonHistoryShowsThePane() {
        var state = Fixture.state()
        state.unseenMissed = 2
        for character in ":history" { _ = state.handle(.character(character), now: 0) }
        #expect(state.handle(.enter, now: 0) == nil)
        #expect(state.pane == .history && state.unseenMissed == 0)
        #expect(state.notice == nil)
    }
}
