import UserAgent

/// Renders events for people (text lines) and for scripts (JSON Lines). Pure: the same event
/// gives the same lines. Every line is one line: text from the network has its newlines and
/// terminal controls escaped.
public enum EventFormatter {
    /// The event as lines of text. One line, except for the answers to `accounts` and
    /// `calls`: one line per item, or one line saying there are none.
    ///
    ///     account work: registered (expires 600 s)
    ///     call 1: ringing — Bob <sip:bob@example.com>
    ///     call 2: terminated — busy (486 Busy Here)
    public static func text(_ event: Event) -> [String] {
        textLines(event).map(TerminalText.oneLine)
    }

    private static func textLines(_ event: Event) -> [String] {
        switch event {
        case .registration(let account, let state):
            return ["account \(account): \(EventWords.text(state))"]
        case .call(let call):
            return [callLine(call)]
        case .incomingCall(let call):
            return ["call \(call.id): incoming call from \(EventWords.remote(call)) (account \(call.account))"]
        case .messageReceived(let account, let from, let text):
            return ["message from \(from) (account \(account)): \(text)"]
        case .error(let text):
            return ["error: \(text)"]
        case .info(let text):
            return [text]
        case .log(let level, let text):
            return ["log \(level.rawValue): \(text)"]
        case .accounts(let accounts):
            guard !accounts.isEmpty else { return ["no accounts"] }
            return accounts.map(accountLine)
        case .contacts(let contacts):
            guard !contacts.isEmpty else { return ["no contacts"] }
            return contacts.map(contactLine)
        case .calls(let calls):
            guard !calls.isEmpty else { return ["no calls"] }
            return calls.map { call in
                var notes = [call.direction.rawValue, "account \(call.account)"]
                if call.isCurrent { notes.append("current") }
                return callLine(call) + " (" + notes.joined(separator: ", ") + ")"
            }
        }
    }

    /// `contact Bob Smith: sip:bob@example.com, +1 555 0100 (mobile)`
    private static func contactLine(_ contact: Contact) -> String {
        let numbers = contact.numbers.map { number in number.label.map { "\(number.number) (\($0))" } ?? number.number }
        let addresses = (contact.uris + numbers).map(TerminalText.oneLine).joined(separator: ", ")
        return "contact \(TerminalText.oneLine(contact.name))" + (addresses.isEmpty ? "" : ": " + addresses)
    }

    /// `call 1: ringing — Bob <sip:…>`; a terminated call tells why instead of who.
    private static func callLine(_ call: CallSnapshot) -> String {
        if call.state == .terminated, let end = call.end {
            return "call \(call.id): terminated — \(EventWords.text(end))"
        }
        return "call \(call.id): \(EventWords.text(call.state)) — \(EventWords.remote(call))"
    }

    /// `account work: registered (expires 600 s) — sip:alice@example.com (default)`
    private static func accountLine(_ account: AccountSummary) -> String {
        let state = account.isLocal && account.state == .unregistered
            ? "local, no registrar" : EventWords.text(account.state)
        return "account \(account.name): \(state) — \(account.uri)" + (account.isDefault ? " (default)" : "")
    }
}
