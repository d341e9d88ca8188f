import Control

/// The main pane's views; Tab cycles through them in this order.
public enum Pane: Int, Sendable, CaseIterable {
    case calls, history, contacts, messages, log

    public var title: String {
        switch self {
        case .calls: "Calls"
        case .history: "History"
        case .contacts: "Contacts"
        case .messages: "Messages"
        case .log: "Log"
        }
    }

    /// Log and messages grow at the bottom and follow it; the others read from the top.
    var followsEnd: Bool { self == .log || self == .messages }

    func next(_ step: Int) -> Pane {
        let count = Pane.allCases.count
        return Pane(rawValue: ((rawValue + step) % count + count) % count) ?? .calls
    }
}

/// What keys do right now.
public enum InputMode: Sendable, Equatable {
    /// Typing a number, URI or contact to dial; single letters act on calls when the line is empty.
    case dial
    /// After `:`: a line of the command language.
    case command
    /// After `/`: a filter for the main pane.
    case filter
    /// Digits, `*`, `#` and A–D go to the current call as DTMF.
    case keypad
    /// The key list; any key closes it.
    case help
    /// `account add`'s questions, answered on the input line (the password shows as `*`).
    case account(AccountWizard)
}
