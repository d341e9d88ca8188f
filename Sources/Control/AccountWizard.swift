import SIPMessage
import UserAgent

/// The questions of `account add` without arguments, one at a time: address, user name,
/// password, registrar. A value: the TUI's input line and the command mode's standard input
/// both feed it answers and show its prompts. An empty answer takes the default shown in
/// brackets; an empty address cancels.
public struct AccountWizard: Sendable, Equatable {
    public enum Question: Sendable, Equatable {
        case address, user, password, registrar
    }

    /// What happened to an answer.
    public enum Step: Sendable, Equatable {
        /// Ask `question` next.
        case ask
        /// The answer was refused (why); the same question again.
        case refused(String)
        /// All answered: the account to add.
        case done(AccountDraft)
        /// An empty address: nothing is added.
        case cancelled
    }

    /// The question waiting for an answer.
    public private(set) var question = Question.address
    private var address: SIPURI?
    private var user: String?
    private var password: Secret?

    public init() {}

    /// The prompt for `question`, with its default.
    public var prompt: String {
        switch question {
        case .address: "account address (sip:user@domain, empty cancels): "
        case .user: "user name [\(address?.user ?? "")]: "
        case .password: "password (empty for none): "
        case .registrar: "registrar [\(address.map(Self.domain) ?? "")]: "
        }
    }

    /// Whether the answer must not be shown or kept (the password).
    public var isSecret: Bool { question == .password }

    /// Takes the answer to `question`.
    public mutating func answer(_ typed: String) -> Step {
        let text = typed.trimmingWhitespace
        switch question {
        case .address:
            guard !text.isEmpty else { return .cancelled }
            do {
                address = try AccountDraft.address(text)
            } catch {
                return .refused(error.description)
            }
            question = .user
        case .user:
            if !text.isEmpty {
                do {
                    let typed = try AccountDraft.user(text)
                    user = typed == address?.user ? nil : typed
                } catch {
                    return .refused(error.description)
                }
            }
            question = .password
        case .password:
            // Kept as typed (not trimmed): spaces may belong to a password.
            let value = Self.withoutLineEnd(typed)
            password = value.isEmpty ? nil : Secret(value)
            question = .registrar
        case .registrar:
            guard let address else { return .cancelled }
            var registrar: SIPURI?
            if !text.isEmpty {
                do {
                    registrar = try AccountDraft.registrar(text)
                } catch {
                    return .refused(error.description)
                }
            }
            return .done(AccountDraft(address: address, user: user, password: password, registrar: registrar))
        }
        return .ask
    }

    /// `sip:example.com` for an address `sip:alice@example.com:5060`.
    static func domain(_ address: SIPURI) -> String {
        SIPURI(secure: address.isSecure, host: address.host, port: address.port).description
    }

    private static func withoutLineEnd(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last == "\n" || last == "\r" || last == "\r\n" { text = text.dropLast() }
        return String(text)
    }
}

extension String {
    var trimmingWhitespace: String {
        var characters = Substring(self)
        while characters.first?.isWhitespace == true { characters.removeFirst() }
        while characters.last?.isWhitespace == true { characters.removeLast() }
        return String(characters)
    }
}
