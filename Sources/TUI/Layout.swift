import Control
import UserAgent

/// Turns the view model and a terminal size into a `Screen`. Pure: the same state, size
/// and time give the same screen. Top to bottom: the status line, the incoming-call banner,
/// the call list, the pane tabs, the pane, a notice line and the input line. Every row is
/// cut to the width by display columns (wide characters count two).
public enum Layout {
    public static func render(_ state: TUIState, width: Int, height: Int, now: Int64) -> Screen {
        let width = max(1, width), height = max(1, height)
        let top = topRows(state, width: width, height: height, now: now)
        let bottom = [noticeLine(state, now: now), inputLine(state, width: width)]
        let middleHeight = max(0, height - top.count - bottom.count)
        let middle = state.mode == .help
            ? helpLines(scroll: state.helpScroll, height: middleHeight)
            : paneWindow(state, now: now, width: width, height: middleHeight)
        var rows = Array((top + middle).prefix(max(0, height - bottom.count)))
        while rows.count < height - bottom.count { rows.append(ScreenLine()) }
        rows += bottom.suffix(min(bottom.count, height))
        let lines = rows.map { fit($0, to: width) }
        return Screen(width: width, height: height, lines: lines, cursor: cursor(state, width: width, height: height))
    }

    /// Rows the main pane gets on a terminal `height` rows high (what a page scroll is bounded by).
    public static func paneRows(_ state: TUIState, height: Int) -> Int {
        max(0, height - topRows(state, width: 1, height: height, now: 0).count - 2)
    }

    /// The status line, the incoming-call banner, the call list and the tabs.
    static func topRows(_ state: TUIState, width: Int, height: Int, now: Int64) -> [ScreenLine] {
        var top = [filled(statusLine(state), to: width, .bar)]
        if let ringing = state.ringing { top.append(incomingBanner(ringing)) }
        if state.mode != .help {
            let callRows = max(1, (height - 6) / 3)
            top += callList(state, now: now, rows: callRows)
            if let meters = meterRow(state, width: width) { top.append(meters) }
            top.append(filled(tabs(state), to: width, .bar))
        }
        return top
    }

    // MARK: Rows

    static func statusLine(_ state: TUIState) -> ScreenLine {
        var spans = [Span(" pipit ", .bar)]
        if state.accounts.isEmpty { spans.append(Span(" no accounts", .bar)) }
        for account in state.accounts {
            let (word, style) = registration(account)
            spans.append(Span(" \(DisplayWidth.clean(account.name)) ", .bar))
            spans.append(Span(word, style))
            spans.append(Span(" ", .bar))
        }
        if state.doNotDisturb { spans.append(Span("  DND ", .warning)) }
        if !state.forwarding.isEmpty { spans.append(Span("  forwarding ", .warning)) }
        if !state.autoAnswer.isEmpty { spans.append(Span("  auto-answer ", .warning)) }
        if state.unseenMissed > 0 { spans.append(Span("  \(state.unseenMissed) missed ", .bad)) }
        let messages = state.voicemail.values.reduce(0, +)
        if messages > 0 { spans.append(Span("  ✉ \(messages) voicemail ", .warning)) }
        if state.sound?.microphoneMuted == true { spans.append(Span("  MIC MUTED ", .bad)) }
        switch state.mode {
        case .keypad: spans.append(Span("  KEYPAD ", .warning))
        case .filter: spans.append(Span("  FILTER ", .warning))
        case .account: spans.append(Span("  ACCOUNT ADD ", .warning))
        case .dial, .command, .help: break
        }
        return ScreenLine(spans)
    }

    /// The short state word and its colour for the status line.
    static func registration(_ account: AccountSummary) -> (String, Style) {
        switch account.state {
        case .registered, .refreshing: ("registered", .good)
        case .registering: ("registering…", .warning)
        case .unregistering: ("unregistering…", .warning)
        case .unregistered: account.isLocal ? ("local", .good) : ("unregistered", .dim)
        case .failed(let reason, let code, _):
            ("failed" + (code.map { " \($0)" } ?? (reason.isEmpty ? "" : ": \(reason)")), .bad)
        }
    }

    static func incomingBanner(_ call: CallRow) -> ScreenLine {
        ScreenLine([
            Span(" Incoming call from \(DisplayWidth.clean(TUIState.remote(call.snapshot)))  ", .alert),
            Span("a", .key), Span(" answer  ", .alert), Span("r", .key), Span(" reject  ", .alert),
            Span("b", .key), Span(" busy ", .alert),
        ])
    }

    /// One row per call; a last row says how many more there are when they do not fit.
    static func callList(_ state: TUIState, now: Int64, rows: Int) -> [ScreenLine] {
        guard !state.calls.isEmpty else { return [] }
        let shown = state.calls.count > rows ? Array(state.calls.prefix(max(0, rows - 1))) : state.calls
        var lines = shown.map { callRow($0, now: now) }
        if shown.count < state.calls.count {
            lines.append(ScreenLine([Span("  … \(state.calls.count - shown.count) more calls (Calls pane)", .dim)]))
        }
        return lines
    }

    /// `▸ 1 established  01:23  opus SRTP  loss 0.4% jitter 3ms MOS 4.3  Bob <sip:bob@…>`
    static func callRow(_ call: CallRow, now: Int64) -> ScreenLine {
        let current = call.snapshot.isCurrent
        let base: Style = current ? .selected : .normal
        var spans = [Span(current ? "▸" : " ", base), Span(String(call.id).leftPadded(to: 2) + " ", base)]
        spans.append(Span(DisplayWidth.fit(stateWord(call.snapshot.state), to: 13), stateStyle(call.snapshot.state)))
        spans.append(Span(DisplayWidth.fit(call.duration(now: now).map(clock) ?? "", to: 8), base))
        if let stats = call.statistics {
            spans.append(Span(DisplayWidth.fit(DisplayWidth.clean(stats.codec), to: 6), base))
            spans.append(stats.encrypted ? Span("SRTP ", .good) : Span("     ", base))
            spans.append(Span(quality(stats) + "  ", base))
        }
        if call.muted { spans.append(Span("muted ", .warning)) }
        if call.recording { spans.append(Span("rec ", .bad)) }
        spans.append(Span(DisplayWidth.clean(TUIState.remote(call.snapshot)), base))
        return ScreenLine(spans)
    }

    static func tabs(_ state: TUIState) -> ScreenLine {
        var spans: [Span] = []
        for pane in Pane.allCases {
            var title = pane.title
            if pane == .history, state.missedCount > 0 { title += " ✗\(state.missedCount)" }
            if pane == .messages, !state.conversations.isEmpty { title += " \(state.conversations.count)" }
            spans.append(Span(" \(title) ", pane == state.pane ? .selected : .bar))
        }
        if !state.filter.isEmpty { spans.append(Span("  /\(DisplayWidth.clean(state.filter)) ", .warning)) }
        return ScreenLine(spans)
    }

    static func noticeLine(_ state: TUIState, now: Int64) -> ScreenLine {
        if let notice = state.notice, now &- state.noticeAt < TUIState.noticeLifetime { return ScreenLine([notice]) }
        return ScreenLine(hint(state))
    }

    /// What the keys do now, when there is no notice to show.
    static func hint(_ state: TUIState) -> [Span] {
        var spans: [Span] = []
        func add(_ key: String, _ what: String) {
            spans.append(Span(key, .key))
            spans.append(Span(" \(what)  ", .dim))
        }
        switch state.mode {
        case .help: add("PgUp/PgDn", "scroll"); add("any key", "close")
        case .keypad: add("0-9 * # A-D", "send DTMF"); add("Esc", "leave keypad")
        case .filter: add("Enter", "keep filter"); add("Esc", "clear filter")
        case .command: add("Enter", "run"); add("Tab", "complete"); add("Esc", "cancel")
        case .account: add("Enter", "next question"); add("Esc", "cancel")
        case .dial:
            add("?", "help")
            if state.ringing != nil { add("a", "answer"); add("r", "reject"); add("b", "busy") }
            if state.currentCall?.snapshot.state != .incoming, state.currentCall != nil {
                add("h", "hang up"); add("m", "mute"); add("k", "keypad")
                add("o", "hold")
                if state.calls.count > 1 { add("s", "switch"); add("c", "conference") }
                add("R", "record")
            }
            add(":", "command"); add("Tab", "pane")
        }
        return spans
    }

    static func prompt(_ mode: InputMode) -> String {
        switch mode {
        case .command: ":"
        case .filter: "/"
        case .keypad: "keypad> "
        case .dial, .help: "> "
        case .account(let wizard): wizard.prompt
        }
    }

    static func inputLine(_ state: TUIState, width: Int) -> ScreenLine {
        let shown = visibleInput(state, width: width)
        return ScreenLine([Span(prompt(state.mode), .key), Span(shown.text)])
    }

    /// The input text as shown and the cursor's column: when the text before the cursor is
    /// wider than the screen, its start scrolls out so the cursor stays visible.
    static func visibleInput(_ state: TUIState, width: Int) -> (text: String, column: Int) {
        let promptWidth = DisplayWidth.of(prompt(state.mode))
        guard state.mode != .keypad, state.mode != .help else { return ("", promptWidth) }
        var before = Substring(DisplayWidth.clean(state.input.beforeCursor))
        var after = DisplayWidth.clean(String(state.input.text[state.input.cursor...]))
        if case .account(let wizard) = state.mode, wizard.isSecret { // the password: one * a character
            before = Substring(String(repeating: "*", count: before.count))
            after = String(repeating: "*", count: after.count)
        }
        while !before.isEmpty, promptWidth + DisplayWidth.of(String(before)) > width - 1 { before.removeFirst() }
        return (String(before) + after, promptWidth + DisplayWidth.of(String(before)))
    }

    static func cursor(_ state: TUIState, width: Int, height: Int) -> Screen.Cursor? {
        guard state.mode != .help, state.mode != .keypad, height > 0 else { return nil }
        return Screen.Cursor(row: height - 1, column: min(visibleInput(state, width: width).column, width - 1))
    }

    /// `line` padded with spaces in `style` to `width` columns: bars run to the edge.
    static func filled(_ line: ScreenLine, to width: Int, _ style: Style) -> ScreenLine {
        let missing = width - line.width
        guard missing > 0 else { return line }
        return ScreenLine(line.spans + [Span(String(repeating: " ", count: missing), style)])
    }

    /// `line` cut to `width` columns: spans past the edge are dropped or shortened.
    static func fit(_ line: ScreenLine, to width: Int) -> ScreenLine {
        var spans: [Span] = []
        var used = 0
        for span in line.spans {
            let w = DisplayWidth.of(span.text)
            if used + w <= width {
                spans.append(span)
                used += w
                continue
            }
            let cut = DisplayWidth.truncate(span.text, to: width - used)
            if !cut.isEmpty { spans.append(Span(cut, span.style)) }
            break
        }
        return ScreenLine(spans)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
