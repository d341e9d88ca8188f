import UserAgent

/// `account add`: adds an account to the configuration file. It is front-end work (a file
/// is written, then `reload` runs), not a command to the user agent, so it has its own
/// parser, like `ScriptCommand`, and is not a `CommandVerb`.
///
/// Two forms:
/// - `account add ADDRESS [user=NAME] [password=SECRET] [registrar=URI]`: all at once;
///   what is left out takes its default (the address's user, no password, the address's
///   domain).
/// - `account add` alone: the wizard (`AccountWizard`) asks for each in turn.
public enum AccountCommand: Sendable, Equatable {
    /// Everything given on the line.
    case add(AccountDraft)
    /// Nothing given: ask.
    case ask

    public static let helpLines = [
        "account add                          set up an account, asking for address, user name, password and registrar",
        "account add ADDRESS [user=NAME] [password=SECRET] [registrar=URI]",
        "                                     the same in one line; the account is added to the configuration file",
    ]

    /// Parses `line` when its first word is `account`; nil for any other line.
    public static func parse(_ line: String) throws(AccountCommandError) -> AccountCommand? {
        let words: [String]
        // The tokenizer's errors quote no argument, so no password shows in them.
        do { words = try CommandTokenizer.words(line) } catch { throw AccountCommandError(error.description) }
        guard words.first?.lowercased() == "account" else { return nil }
        guard words.count >= 2, words[1].lowercased() == "add" else {
            throw AccountCommandError("account takes add: account add [ADDRESS user=NAME password=SECRET registrar=URI]")
        }
        let arguments = words.dropFirst(2)
        guard !arguments.isEmpty else { return .ask }
        var address: String?, registrar: String?
        var user: String?, password: Secret?
        for word in arguments {
            guard let equals = word.firstIndex(of: "=") else {
                guard address == nil else { throw AccountCommandError("account add takes one ADDRESS") }
                address = word
                continue
            }
            let key = word[..<equals].lowercased(), value = String(word[word.index(after: equals)...])
            switch key {
            case "address", "uri":
                guard address == nil else { throw AccountCommandError("account add takes one ADDRESS") }
                address = value
            case "user", "username":
                do { user = try AccountDraft.user(value) } catch { throw AccountCommandError("account add: \(error.description)") }
            case "password":
                password = Secret(value)
            case "registrar":
                registrar = value
            default:
                throw AccountCommandError("account add: unknown setting \(key) (user, password or registrar)")
            }
        }
        guard let address else { throw AccountCommandError("account add needs the ADDRESS, such as sip:alice@example.com") }
        do {
            var draft = AccountDraft(address: try AccountDraft.address(address), user: user, password: password)
            if let registrar { draft.registrar = try AccountDraft.registrar(registrar) }
            return .add(draft)
        } catch {
            throw AccountCommandError("account add: \(error.description)")
        }
    }
}
