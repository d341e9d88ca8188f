import Media
import UserAgent

extension Layout {
    /// The visible part of the current pane: filtered, then scrolled from its anchor.
    static func paneWindow(_ state: TUIState, now: Int64, width: Int, height: Int) -> [ScreenLine] {
        guard height > 0 else { return [] }
        var lines = paneLines(state, now: now)
        if !state.filter.isEmpty {
            let needle = state.filter.lowercased()
            lines = lines.filter { $0.text.lowercased().contains(needle) }
            if lines.isEmpty { lines = [ScreenLine([Span("nothing matches /\(DisplayWidth.clean(state.filter))", .dim)])] }
        }
        let maxOffset = max(0, lines.count - height)
        let offset = min(state.scroll[state.pane] ?? 0, maxOffset)
        let start = state.pane.followsEnd ? maxOffset - offset : offset
        return Array(lines[start..<min(lines.count, start + height)])
    }

    /// All of the current pane's lines.
    static func paneLines(_ state: TUIState, now: Int64) -> [ScreenLine] {
        switch state.pane {
        case .calls: callsPane(state, now: now)
        case .history: historyPane(state, now: now)
        case .contacts: contactsPane(state)
        case .messages: messagesPane(state, now: now)
        case .log: logPane(state)
        }
    }

    static func callsPane(_ state: TUIState, now: Int64) -> [ScreenLine] {
        guard !state.calls.isEmpty else {
            var lines = [
                ScreenLine([Span("No calls.", .dim)]),
                ScreenLine([Span("Type a number, a SIP URI or a contact's name and press Enter to call.", .dim)]),
                ScreenLine([Span("echo", .key), Span(" calls the echo test: it plays you back half a second later.", .dim)]),
                ScreenLine([Span(":", .key), Span(" runs a command (", .dim), Span(":help", .key),
                            Span(" lists them), ", .dim), Span("?", .key), Span(" lists the keys.", .dim)]),
            ]
            // First run: only the local account. Say how to add the provider's.
            if !state.accounts.isEmpty, state.accounts.allSatisfy(\.isLocal) {
                lines.append(ScreenLine([Span(":account add", .key),
                                         Span(" sets up your provider's account (address, user name, password).", .dim)]))
            }
            return lines
        }
        var lines: [ScreenLine] = []
        for call in state.calls {
            let s = call.snapshot
            lines.append(ScreenLine([Span("Call \(s.id)", s.isCurrent ? .selected : .normal),
                                     Span(" " + DisplayWidth.clean(TUIState.remote(s)))]))
            var facts = [stateWord(s.state), s.direction.rawValue, "account " + DisplayWidth.clean(s.account)]
            if let seconds = call.duration(now: now) { facts.insert(clock(seconds), at: 1) }
            if call.muted { facts.append("muted") }
            if call.recording { facts.append("recording") }
            lines.append(ScreenLine([Span("  " + facts.joined(separator: " · "), stateStyle(s.state))]))
            if let stats = call.statistics {
                var audio = [DisplayWidth.clean(stats.codec), stats.encrypted ? "encrypted (SRTP)" : "not encrypted"]
                if let remote = stats.remote { audio.append("to " + DisplayWidth.clean(remote)) }
                lines.append(ScreenLine([Span("  " + audio.joined(separator: " · "), stats.encrypted ? .good : .warning)]))
                lines.append(ScreenLine([Span("  " + quality(stats, long: true))]))
            }
            lines.append(ScreenLine())
        }
        return lines
    }

    static func historyPane(_ state: TUIState, now: Int64) -> [ScreenLine] {
        guard !state.history.isEmpty else { return [ScreenLine([Span("No calls yet.", .dim)])] }
        var lines = [ScreenLine([Span("\(state.history.count) calls, \(state.missedCount) missed", .dim)])]
        for entry in state.history {
            let mark: Span = entry.missed ? Span("✗ ", .bad) : Span(entry.direction == .incoming ? "← " : "→ ")
            let length = entry.answeredAt.map { clock(Int(max(0, entry.endedAt &- $0) / 1000)) } ?? "-"
            let who = entry.remoteName.map { "\($0) <\(entry.remoteURI)>" } ?? entry.remoteURI
            lines.append(ScreenLine([
                mark,
                Span(DisplayWidth.fit(age(now &- entry.startedAt), to: 8), .dim),
                Span(DisplayWidth.fit(length, to: 8)),
                Span(DisplayWidth.clean(who), entry.missed ? .bad : .normal),
                Span("  " + DisplayWidth.clean(entry.outcome), .dim),
            ]))
        }
        return lines
    }

    static func contactsPane(_ state: TUIState) -> [ScreenLine] {
        guard !state.contacts.isEmpty else {
            return [ScreenLine([Span("No contacts. ", .dim), Span(":import FILE", .key), Span(" reads a vCard file.", .dim)])]
        }
        return state.contacts.map { contact in
            let numbers = contact.numbers.map { n in n.label.map { "\(n.number) (\($0))" } ?? n.number }
            let addresses = (contact.uris + numbers).map(DisplayWidth.clean).joined(separator: ", ")
            return ScreenLine([Span(DisplayWidth.clean(contact.name), .key), Span("  " + addresses)])
        }
    }

    static func messagesPane(_ state: TUIState, now: Int64) -> [ScreenLine] {
        guard !state.conversations.isEmpty else { return [ScreenLine([Span("No messages.", .dim)])] }
        var lines: [ScreenLine] = []
        for conversation in state.conversations {
            lines.append(ScreenLine([Span("── " + DisplayWidth.clean(conversation.peer) + " ──", .key)]))
            for message in conversation.messages {
                lines.append(ScreenLine([Span(DisplayWidth.fit(age(now &- message.at), to: 8), .dim),
                                         Span(DisplayWidth.clean(message.text))]))
            }
        }
        return lines
    }

    static func logPane(_ state: TUIState) -> [ScreenLine] {
        state.log.map { entry in
            let style: Style = switch entry.kind {
            case .info: .normal
            case .warning: .warning
            case .error: .bad
            }
            return ScreenLine([Span(DisplayWidth.clean(entry.text), style)])
        }
    }

    static func helpLines(scroll: Int, height: Int) -> [ScreenLine] {
        var lines: [ScreenLine] = []
        for section in KeyMap.sections {
            lines.append(ScreenLine([Span(section.title, .selected)]))
            let width = section.bindings.map { DisplayWidth.of($0.keys) }.max() ?? 0
            for binding in section.bindings {
                lines.append(ScreenLine([Span("  " + DisplayWidth.fit(binding.keys, to: width), .key),
                                         Span("  " + binding.action)]))
            }
        }
        let start = min(max(0, scroll), max(0, lines.count - height))
        return Array(lines[start..<min(lines.count, start + height)])
    }

    // MARK: Words

    static func stateWord(_ state: CallState) -> String {
        switch state {
        case .trying: "trying"
        case .proceeding: "proceeding"
        case .ringing: "ringing"
        case .earlyMedia: "early media"
        case .incoming: "incoming"
        case .established: "established"
        case .held(.local): "on hold"
        case .held(.remote): "held by peer"
        case .held(.both): "on hold (both)"
        case .terminating: "ending"
        case .terminated: "ended"
        }
    }

    static func stateStyle(_ state: CallState) -> Style {
        switch state {
        case .established: .good
        case .incoming: .alert
        case .trying, .proceeding, .ringing, .earlyMedia, .held: .warning
        case .terminating, .terminated: .dim
        }
    }

    /// `1:05`, `1:02:03`.
    static func clock(_ seconds: Int) -> String {
        let s = max(0, seconds)
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(s / 60):\(two(s % 60))"
    }

    /// `now`, `42 s`, `5 min`, `3 h`, `2 d` ago.
    static func age(_ milliseconds: Int64) -> String {
        let s = max(0, milliseconds / 1000)
        switch s {
        case ..<5: return "now"
        case ..<60: return "\(s) s"
        case ..<3600: return "\(s / 60) min"
        case ..<86400: return "\(s / 3600) h"
        default: return "\(s / 86400) d"
        }
    }

    /// `loss 0.4% jitter 3ms MOS 4.3`; the long form for the Calls pane.
    static func quality(_ stats: MediaStreamSnapshot, long: Bool = false) -> String {
        let q = stats.quality
        let loss = String(tenths: q.fractionLost * 100)
        let jitter = Int(q.jitterMilliseconds.isFinite ? q.jitterMilliseconds.rounded() : 0)
        let mos = stats.mos.map { String(tenths: $0) } ?? "-"
        guard long else { return "loss \(loss)% jitter \(jitter)ms MOS \(mos)" }
        var parts = ["loss \(loss) % (\(q.packetsLost) packets)", "jitter \(jitter) ms"]
        if let rtt = q.roundTripMilliseconds, rtt.isFinite { parts.append("round trip \(Int(rtt.rounded())) ms") }
        parts.append("MOS \(mos)")
        return parts.joined(separator: " · ")
    }
}

extension String {
    /// One decimal place, without Foundation.
    init(tenths value: Double) {
        guard value.isFinite, abs(value) < 1e12 else { self = "-"; return }
        let tenths = Int((value * 10).rounded())
        self = (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
