import Testing
import TUI
import UserAgent

/// The screen from a state and a size: every row within the width, the right rows in place.
@Suite(.timeLimit(.minutes(1)))
struct LayoutTests {
    /// A busy state: two accounts, three calls (one ringing, with wide characters), history,
    /// contacts, messages and log lines.
    static func busy() -> TUIState {
        var state = Fixture.state([
            .registration(account: "alice", state: .registered(expires: 600)),
            .registration(account: "會社", state: .failed(reason: "Forbidden", code: 403, retryIn: nil)),
            .call(Fixture.call(1, .established, direction: .outgoing, name: "Bob 📞 Smith", current: true)),
            .callStatistics(call: 1, Fixture.statistics()),
            .call(Fixture.call(2, .held(.local), name: "山田太郎", uri: "sip:yamada@example.jp")),
            .incomingCall(Fixture.call(3, .incoming, name: "Carol", uri: "sip:carol@example.com")),
            .contacts([Contact(name: "Bob Smith", uris: ["sip:bob@example.com"], numbers: [.init("+49 30 1234", label: "work")])]),
            .messageReceived(account: "alice", from: "sip:bob@example.com", text: "こんにちは 👋 see you"),
            .log(level: .warning, String(repeating: "long log line ", count: 20)),
        ])
        state.apply(.incomingCall(Fixture.call(4, .incoming, name: "Dave", uri: "sip:dave@example.com")), now: 1_000_000)
        state.apply(.call(Fixture.call(4, .terminated, name: "Dave", uri: "sip:dave@example.com", end: CallEnd(.missed))), now: 1_030_000)
        return state
    }

    private func check(_ screen: Screen, width: Int, height: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(screen.lines.count == height, sourceLocation: sourceLocation)
        for (row, line) in screen.lines.enumerated() {
            #expect(line.width <= width, "row \(row) is \(line.width) wide: \(line.text)", sourceLocation: sourceLocation)
        }
        if let cursor = screen.cursor {
            #expect(cursor.row < height && cursor.column < width, sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [(80, 24), (120, 40), (40, 12), (20, 6), (10, 3), (1, 1)])
    func everyPaneFitsTheSize(size: (Int, Int)) {
        var state = Self.busy()
        for pane in Pane.allCases {
            state.pane = pane
            let screen = Layout.render(state, width: size.0, height: size.1, now: 1_065_000)
            check(screen, width: size.0, height: size.1)
        }
        state.mode = .help
        check(Layout.render(state, width: size.0, height: size.1, now: 1_065_000), width: size.0, height: size.1)
    }

    @Test func screenAt80x24() {
        var state = Self.busy()
        state.apply(.info("call 1: muted"), now: 1_065_000)
        state.notice = nil
        let screen = Layout.render(state, width: 80, height: 24, now: 1_065_000)
        let text = screen.lines.map(\.text)
        #expect(text[0].hasPrefix(" pipit  alice registered  會社 failed 403"))
        #expect(text[0].contains("1 missed"))
        #expect(text[1].contains("Incoming call from Carol <sip:carol@example.com>  a answer  r reject  b busy"))
        #expect(text[2].hasPrefix("▸ 1 established  1:05    opus  SRTP loss 0.4% jitter 3ms MOS 4.3  muted Bob 📞"))
        #expect(text[3].contains("on hold") && text[3].contains("山田太郎"))
        #expect(text[4].contains("incoming") && text[4].contains("Carol"))
        #expect(text[5].hasPrefix(" Calls  History ✗1  Contacts  Messages 1  Log "))
        #expect(text[23] == "> ")
        #expect(screen.cursor == Screen.Cursor(row: 23, column: 2))
        #expect(text[22].contains("a answer") && text[22].contains("h hang up") && text[22].contains("? help"))
        // The Calls pane shows the details of each call.
        #expect(text.contains { $0.hasPrefix("  established · 1:05 · outgoing · account alice · muted") })
        #expect(text.contains { $0.contains("loss 0.4 % (0 packets) · jitter 3 ms · MOS 4.3") })
    }

    @Test func historyMarksMissedCalls() {
        var state = Self.busy()
        state.pane = .history
        let text = Layout.render(state, width: 120, height: 40, now: 1_065_000).lines.map(\.text)
        #expect(text[6] == "1 calls, 1 missed")
        #expect(text[7] == "✗ 1 min   -       Dave <sip:dave@example.com>  missed")
    }

    @Test func filterKeepsMatchingLines() {
        var state = Self.busy()
        state.pane = .contacts
        state.filter = "+49"
        let text = Layout.render(state, width: 80, height: 24, now: 0).lines.map(\.text)
        #expect(text.contains { $0.hasPrefix("Bob Smith  sip:bob@example.com, +49 30 1234 (work)") })
        state.filter = "nobody"
        let none = Layout.render(state, width: 80, height: 24, now: 0).lines.map(\.text)
        #expect(none.contains("nothing matches /nobody"))
    }

    @Test func logFollowsItsEndAndScrollsBack() {
        var state = TUIState()
        for n in 0..<100 { state.apply(.info("line \(n)"), now: 0) }
        state.pane = .log
        state.paneRows = Layout.paneRows(state, height: 24)
        #expect(state.paneRows == 20)
        state.notice = nil
        let text = Layout.render(state, width: 80, height: 24, now: 0).lines.map(\.text)
        #expect(text[21] == "line 99")
        _ = state.handle(.pageUp, now: 0)
        let back = Layout.render(state, width: 80, height: 24, now: 0).lines.map(\.text)
        #expect(back[21] == "line 89")
        for _ in 0..<50 { _ = state.handle(.pageUp, now: 0) }
        #expect(Layout.render(state, width: 80, height: 24, now: 0).lines[2].text == "line 0")
        _ = state.handle(.pageDown, now: 0)
        #expect(Layout.render(state, width: 80, height: 24, now: 0).lines[2].text == "line 10")
    }

    @Test func noticesFadeBackToTheKeyHints() {
        var state = TUIState()
        state.apply(.error("no call 3"), now: 1_000)
        #expect(Layout.render(state, width: 80, height: 24, now: 5_000).lines[22].text == "no call 3")
        #expect(Layout.render(state, width: 80, height: 24, now: 11_000).lines[22].text.hasPrefix("? help  : command"))
    }

    @Test func helpListsEveryKeyAt80x24() {
        var state = TUIState()
        state.mode = .help
        let lines = Layout.render(state, width: 80, height: 24, now: 0).lines.map(\.text)
        for binding in KeyMap.sections.flatMap(\.bindings) {
            // Whole, not cut: every key and what it does fits on one row.
            #expect(lines.contains { $0.hasPrefix("  \(binding.keys)") && $0.hasSuffix(binding.action) },
                    "help lacks \(binding.keys)")
        }
    }

    @Test func longInputScrollsToKeepTheCursorVisible() {
        var state = TUIState()
        for character in String(repeating: "電", count: 30) { _ = state.handle(.character(character), now: 0) }
        let screen = Layout.render(state, width: 20, height: 5, now: 0)
        #expect(screen.lines[4].width <= 20)
        #expect(screen.cursor == Screen.Cursor(row: 4, column: 18))
    }
}
