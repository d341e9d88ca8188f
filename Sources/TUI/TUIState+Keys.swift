import Control
import UserAgent

extension TUIState {
    /// Lines PgUp and PgDn move.
    static let page = 10

    /// Takes one key. Returns the command for the user agent, if the key asks for one
    /// (`.quit` for `:quit`: the driver then hangs up, unregisters and exits).
    public mutating func handle(_ key: Key, now: Int64) -> Command? {
        let before = notice
        defer { if notice != before { noticeAt = now } }
        switch mode {
        case .help:
            switch key {
            case .pageUp: helpScroll = max(0, helpScroll - Self.page)
            case .pageDown: helpScroll += Self.page
            default:
                mode = .dial
                helpScroll = 0
            }
            return nil
        case .keypad:
            return keypad(key)
        case .filter:
            filterKey(key)
            return nil
        case .dial, .command:
            return lineKey(key, now: now)
        case .account(let wizard):
            accountKey(key, wizard)
            return nil
        }
    }

    /// A key while `account add` asks: the line is edited as usual; Enter answers, Esc
    /// cancels. Nothing typed here goes into the input history.
    private mutating func accountKey(_ key: Key, _ asking: AccountWizard) {
        var wizard = asking
        switch key {
        case .character(let character): input.insert(character)
        case .backspace: input.backspace()
        case .delete: input.delete()
        case .left: input.left()
        case .right: input.right()
        case .home, .control("a"): input.home()
        case .end, .control("e"): input.end()
        case .control("u"): input.killToStart()
        case .escape:
            input.set("")
            mode = .dial
            notice = Span("account add: cancelled", .dim)
        case .enter:
            let answer = input.string
            input.set("")
            switch wizard.answer(answer) {
            case .ask:
                notice = nil
                mode = .account(wizard)
            case .refused(let why):
                notice = Span(why, .bad)
                mode = .account(wizard)
            case .cancelled:
                mode = .dial
                notice = Span("account add: cancelled", .dim)
            case .done(let draft):
                mode = .dial
                accountToAdd = draft
                notice = Span("account add: writing \(draft.address)…", .dim)
            }
        default:
            break
        }
    }

    private mutating func lineKey(_ key: Key, now: Int64) -> Command? {
        if input.isEmpty, mode == .dial, case .character(let character) = key,
           let outcome = shortcut(character) {
            return outcome.command
        }
        switch key {
        case .character(let character):
            input.insert(character)
        case .enter:
            return submit(now: now)
        case .tab:
            if input.isEmpty && mode == .dial { switchPane(by: 1) } else { complete() }
        case .backTab:
            switchPane(by: -1)
        case .backspace:
            if input.isEmpty && mode == .command { mode = .dial } else { input.backspace() }
        case .delete: input.delete()
        case .left: input.left()
        case .right: input.right()
        case .home, .control("a"): input.home()
        case .end, .control("e"): input.end()
        case .control("u"): input.killToStart()
        case .control("w"): input.deleteWord()
        case .up:
            if let line = inputHistory.previous(current: typedLine) { show(line) }
        case .down:
            if let line = inputHistory.next() { show(line) }
        case .pageUp: scrollPane(up: true, now: now)
        case .pageDown: scrollPane(up: false, now: now)
        case .escape:
            input.set("")
            mode = .dial
            notice = nil
        case .control, .function:
            break
        }
        return nil
    }

    /// The line as history keeps it: commands with their `:`.
    private var typedLine: String { mode == .command ? ":" + input.string : input.string }

    private mutating func show(_ line: String) {
        if line.hasPrefix(":") {
            mode = .command
            input.set(String(line.dropFirst()))
        } else {
            mode = .dial
            input.set(line)
        }
    }

    private struct Shortcut { var command: Command? }

    /// Single keys on an empty dial line. Nil when the key is not one here (it is typed).
    private mutating func shortcut(_ character: Character) -> Shortcut? {
        switch character {
        case ":":
            mode = .command
            return Shortcut(command: nil)
        case "/":
            mode = .filter
            input.set(filter)
            return Shortcut(command: nil)
        case "?":
            mode = .help
            return Shortcut(command: nil)
        default:
            break
        }
        if let ringing {
            switch character {
            case "a": return Shortcut(command: .answer(call: ringing.id))
            case "r": return Shortcut(command: .reject(call: ringing.id, code: nil))
            case "b": return Shortcut(command: .reject(call: ringing.id, code: 486))
            default: break
            }
        }
        guard let call = currentCall else { return nil }
        switch character {
        case "h":
            return Shortcut(command: .hangup(call: call.id))
        case "m":
            return Shortcut(command: .mute(call: call.id, muted: !call.muted))
        case "M":
            // The microphone itself, for every call (`audio mute`); the status line follows the answer.
            return Shortcut(command: .audio(.mute(!(sound?.microphoneMuted ?? false))))
        case "R":
            return Shortcut(command: call.recording ? .stopRecording(call: call.id) : .record(call: call.id, path: nil))
        case "k":
            mode = .keypad
            notice = Span("keypad: 0-9 * # A-D send DTMF to call \(call.id); Esc leaves", .warning)
            return Shortcut(command: nil)
        case "o":
            // On hold and off: the current call, or the held call the user looks at.
            if case .held(let who) = call.snapshot.state, who != .remote { return Shortcut(command: .resume(call: call.id)) }
            return Shortcut(command: .hold(call: call.id))
        case "c":
            guard calls.count > 1 else { return nil }
            return Shortcut(command: .conference)
        case "t":
            // The transfer target is typed: the command line starts filled in.
            mode = .command
            input.set("transfer \(call.id) ")
            return Shortcut(command: nil)
        case "s":
            guard calls.count > 1, let index = calls.firstIndex(where: { $0.id == call.id }) else { return nil }
            return Shortcut(command: .switchTo(call: calls[(index + 1) % calls.count].id))
        default:
            return nil
        }
    }

    private mutating func submit(now: Int64) -> Command? {
        let line = input.string.trimmingSpaces
        let wasCommand = mode == .command
        input.set("")
        mode = .dial
        guard !line.isEmpty else { return nil }
        if wasCommand, accountLine(line) { return nil }
        inputHistory.add(wasCommand ? ":" + line : line)
        if wasCommand, (try? HistoryCommand.parse(line)) != nil { // the History pane shows them
            pane = .history
            unseenMissed = 0
            scroll[.history] = 0
            return nil
        }
        guard wasCommand else { return .call(target: target(for: line), account: nil) }
        do {
            switch try CommandParser.parse(line) {
            case nil:
                return nil
            case .help(let verb)?:
                let lines = CommandHelp.lines(for: verb) + (verb == nil ? AccountCommand.helpLines + HistoryCommand.helpLines : [])
                for text in lines { log.append(LogEntry(at: now, kind: .info, text: text)) }
                pane = .log
                scroll[.log] = 0
                return nil
            case .command(let command)?:
                if command == .quit { quitting = true }
                showAnswer(to: command)
                return command
            }
        } catch {
            notice = Span(error.description, .bad)
            return nil
        }
    }

    /// `:account add …`: false when the line is another command. Starts the questions, or
    /// hands the account to the driver; a line with a password is kept out of the history.
    private mutating func accountLine(_ line: String) -> Bool {
        do {
            switch try AccountCommand.parse(line) {
            case nil:
                return false
            case .ask?:
                inputHistory.add(":" + line)
                mode = .account(AccountWizard())
                notice = Span("account add: Enter takes the [default]; Esc cancels", .dim)
            case .add(let draft)?:
                if draft.password == nil { inputHistory.add(":" + line) }
                accountToAdd = draft
                notice = Span("account add: writing \(draft.address)…", .dim)
            }
        } catch {
            notice = Span(error.description, .bad)
        }
        return true
    }

    /// Listings answer in the Log pane (contacts in their own): show it, at its end.
    private mutating func showAnswer(to command: Command) {
        switch command {
        case .accounts, .calls, .statistics:
            pane = .log
            scroll[.log] = 0
        case .contacts:
            pane = .contacts
            scroll[.contacts] = 0
        default:
            break
        }
    }

    /// A contact's name dials the contact's first address; anything else is dialled as typed.
    func target(for line: String) -> String {
        let lowered = line.lowercased()
        guard let contact = contacts.first(where: { $0.name.lowercased() == lowered }) else { return line }
        return contact.uris.first ?? contact.numbers.first?.number ?? line
    }

    private mutating func complete() {
        let line = typedLine
        guard let result = Completion.complete(line, contacts: contacts.map(\.name), recent: recentTargets) else {
            notice = Span("no completion", .dim)
            return
        }
        show(result.line)
        notice = result.choices.isEmpty ? nil : Span(result.choices.joined(separator: "  "), .dim)
    }

    private mutating func keypad(_ key: Key) -> Command? {
        switch key {
        case .escape, .character("k"):
            mode = .dial
            notice = nil
            return nil
        case .character(let character):
            let digit = character.uppercased()
            guard "0123456789*#ABCD".contains(digit), let call = currentCall else { return nil }
            notice = Span("keypad: sent \(digit) to call \(call.id); Esc leaves", .warning)
            return .sendDigits(call: call.id, digits: digit)
        default:
            return nil
        }
    }

    private mutating func filterKey(_ key: Key) {
        switch key {
        case .enter:
            mode = .dial
            input.set("")
            return
        case .escape:
            filter = ""
            mode = .dial
            input.set("")
            return
        case .character(let character): input.insert(character)
        case .backspace:
            if input.isEmpty { mode = .dial } else { input.backspace() }
        case .delete: input.delete()
        case .left: input.left()
        case .right: input.right()
        case .control("u"): input.killToStart()
        default: break
        }
        filter = input.string
        scroll[pane] = 0
    }

    public mutating func switchPane(by step: Int) {
        pane = pane.next(step)
        if pane == .history { unseenMissed = 0 }
    }

    /// Scrolls by a page, never past the pane's lines (so the way back is as long as the way there).
    private mutating func scrollPane(up: Bool, now: Int64) {
        let step = (up == pane.followsEnd) ? Self.page : -Self.page
        let lines = Layout.paneLines(self, now: now).count
        scroll[pane] = min(max(0, (scroll[pane] ?? 0) + step), max(0, lines - max(1, paneRows)))
    }
}

extension String {
    var trimmingSpaces: String {
        var characters = Substring(self)
        while characters.first?.isWhitespace == true { characters.removeFirst() }
        while characters.last?.isWhitespace == true { characters.removeLast() }
        return String(characters)
    }
}
