import Control
import UserAgent

extension TUIState {
    /// Takes one event from the user agent into the view. Returns what the driver should
    /// do besides redrawing (a bell and a notification for an incoming call).
    @discardableResult
    public mutating func apply(_ event: Event, now: Int64) -> [Alert] {
        let before = notice
        defer { if notice != before { noticeAt = now } }
        var alerts: [Alert] = []
        switch event {
        case .registration(let account, let state):
            if let index = accounts.firstIndex(where: { $0.name == account }) {
                accounts[index].state = state
            } else {
                accounts.append(AccountSummary(name: account, uri: "", state: state))
            }
        case .accounts(let list):
            accounts = list
            forwarding = Set(list.filter(\.forwarding).map(\.name))
            autoAnswer = Set(list.filter(\.autoAnswer).map(\.name))
        case .call(let snapshot):
            update(snapshot, now: now)
        case .incomingCall(let snapshot):
            update(snapshot, now: now)
            let who = DisplayWidth.clean(Self.remote(snapshot))
            alerts = [.bell, .notify(summary: "Incoming call", body: who)]
        case .calls(let list):
            for snapshot in list { update(snapshot, now: now) }
            let live = Set(list.map(\.id))
            calls.removeAll { !live.contains($0.id) }
        case .callStatistics(let call, let snapshot):
            if let index = calls.firstIndex(where: { $0.id == call }) { calls[index].statistics = snapshot }
        case .contacts(let list):
            contacts = list
        case .messageReceived(let account, let from, let text):
            receive(Message(at: now, account: account, text: text), from: from)
        case .error(let text):
            notice = Span(DisplayWidth.clean(text), .bad)
        case .info(let text):
            notice = Span(DisplayWidth.clean(text), .normal)
        case .audio(let text, let warning):
            // A headset gone or a device that cannot open: the user should see it now.
            if warning { notice = Span(DisplayWidth.clean("audio: " + text), .bad) }
        case .soundLevels(let levels):
            sound = levels
        case .voicemail(let account, let summary):
            voicemail[account] = summary.waiting ? max(summary.newMessages, 1) : 0
        case .transfer(_, let update):
            notice = Span(DisplayWidth.clean(EventFormatter.text(event).joined(separator: " ")),
                          update.stage == .failed || update.stage == .declined ? .bad : .normal)
        case .messageDelivery(_, let code, _):
            notice = Span(DisplayWidth.clean(EventFormatter.text(event).joined(separator: " ")), (200..<300).contains(code) ? .normal : .bad)
        case .noMedia:
            notice = Span(DisplayWidth.clean(EventFormatter.text(event).joined(separator: " ")), .bad)
        case .natStatus(let report):
            // The whole block goes to the Log pane; the notice names the first call's state.
            let lines = EventFormatter.text(event)
            let first = report.calls.first.flatMap { call in lines.first { $0.hasPrefix("call \(call.call): ") } } ?? lines.first
            notice = Span(DisplayWidth.clean((first ?? "nat") + " (more in the log)"), .normal)
        case .networkChanged:
            notice = Span(DisplayWidth.clean(EventFormatter.text(event).joined(separator: " ")), .normal)
        case .log, .dtmfReceived:
            break
        }
        if case .info(let text) = event {
            noteMedia(text)
            noteCallSettings(text)
        }
        record(event, now: now)
        return alerts
    }

    /// Do not disturb, forwarding and auto-answer as the user agent confirms them (`dnd`,
    /// `forward`, `autoanswer`), for the status line's flags.
    private mutating func noteCallSettings(_ text: String) {
        if text.hasPrefix("do not disturb: ") {
            doNotDisturb = text.hasPrefix("do not disturb: on")
        } else if text.hasPrefix("account "), let marker = text.firstRange(of: ": forwarding ") {
            let account = String(text[text.index(text.startIndex, offsetBy: 8)..<marker.lowerBound])
            if text[marker.upperBound...] == "off" { forwarding.remove(account) } else { forwarding.insert(account) }
        } else if text.hasPrefix("account "), let marker = text.firstRange(of: ": auto-answer ") {
            let account = String(text[text.index(text.startIndex, offsetBy: 8)..<marker.lowerBound])
            if text[marker.upperBound...] == "off" { autoAnswer.remove(account) } else { autoAnswer.insert(account) }
        }
    }

    /// `Name <uri>`, or the URI alone.
    static func remote(_ call: CallSnapshot) -> String {
        guard let name = call.remoteName, !name.isEmpty else { return call.remoteURI }
        return "\(name) <\(call.remoteURI)>"
    }

    private mutating func update(_ snapshot: CallSnapshot, now: Int64) {
        if snapshot.isCurrent {
            for index in calls.indices where calls[index].id != snapshot.id { calls[index].snapshot.isCurrent = false }
        }
        guard snapshot.state != .terminated else { return finish(snapshot, now: now) }
        if let index = calls.firstIndex(where: { $0.id == snapshot.id }) {
            calls[index].snapshot = snapshot
            if snapshot.state == .established, calls[index].answeredAt == nil { calls[index].answeredAt = now }
        } else {
            calls.append(CallRow(snapshot: snapshot, createdAt: now,
                                 answeredAt: snapshot.state == .established ? now : nil))
        }
    }

    private mutating func finish(_ snapshot: CallSnapshot, now: Int64) {
        let row = calls.first { $0.id == snapshot.id }
        calls.removeAll { $0.id == snapshot.id }
        if mode == .keypad, calls.isEmpty { mode = .dial }
        let missed = snapshot.end?.reason == .missed
        let outcome = snapshot.end.map(Self.outcome) ?? "ended"
        history.insert(HistoryEntry(direction: snapshot.direction, remoteURI: snapshot.remoteURI,
                                    remoteName: snapshot.remoteName, startedAt: row?.createdAt ?? now,
                                    answeredAt: row?.answeredAt, endedAt: now, outcome: outcome, missed: missed), at: 0)
        if history.count > Self.maxHistory { history.removeLast(history.count - Self.maxHistory) }
        if missed, pane != .history { unseenMissed += 1 }
    }

    /// `busy (486 Busy Here)`.
    static func outcome(_ end: CallEnd) -> String {
        let parts = [end.code.map(String.init), end.detail].compactMap { $0 }.filter { !$0.isEmpty }
        return end.reason.rawValue + (parts.isEmpty ? "" : " (\(parts.joined(separator: " ")))")
    }

    private mutating func receive(_ message: Message, from peer: String) {
        if let index = conversations.firstIndex(where: { $0.peer == peer }) {
            var conversation = conversations.remove(at: index)
            conversation.messages.append(message)
            if conversation.messages.count > Self.maxMessagesPerPeer { conversation.messages.removeFirst() }
            conversations.append(conversation)
        } else {
            conversations.append(Conversation(peer: peer, messages: [message]))
            if conversations.count > Self.maxConversations { conversations.removeFirst() }
        }
    }

    /// The core confirms mute and recording only with info lines (`call 1: muted`,
    /// `call 1: recording to …`); the marks follow them, not the keys.
    private mutating func noteMedia(_ text: String) {
        for index in calls.indices {
            let prefix = "call \(calls[index].id): "
            guard text.hasPrefix(prefix) else { continue }
            let rest = text.dropFirst(prefix.count)
            if rest == "muted" { calls[index].muted = true }
            if rest == "unmuted" { calls[index].muted = false }
            if rest.hasPrefix("recording to ") { calls[index].recording = true }
            if rest.hasPrefix("recording stopped") { calls[index].recording = false }
        }
    }

    /// Every event but the polled statistics and levels goes to the Log pane, as the headless mode prints it.
    private mutating func record(_ event: Event, now: Int64) {
        if case .callStatistics = event { return }
        if case .soundLevels = event { return }
        // The incoming-call line already says what `call N: incoming` would.
        if case .call(let call) = event, call.state == .incoming { return }
        let kind: LogEntry.Kind
        switch event {
        case .error: kind = .error
        case .log(let level, _) where level == .error: kind = .error
        case .log(let level, _) where level == .warning: kind = .warning
        case .audio(_, true): kind = .warning
        case .registration(_, .failed): kind = .warning
        default: kind = .info
        }
        for line in EventFormatter.text(event) { log.append(LogEntry(at: now, kind: kind, text: line)) }
        if log.count > Self.maxLog { log.removeFirst(log.count - Self.maxLog) }
    }
}
