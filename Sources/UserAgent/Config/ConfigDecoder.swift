import SIPMessage
import TOML

/// Turns a parsed TOML document into a validated `PipitConfig`, collecting every problem
/// (unknown keys, wrong types, bad values) with its line rather than stopping at the first.
struct ConfigDecoder {
    /// The file, for messages and for relative paths inside it.
    let path: String?
    /// For `~/` in paths.
    let home: String?
    /// The login name, for the local account added when the file defines none.
    let userName: String
    private(set) var problems: [ConfigDiagnostic] = []

    init(path: String?, home: String?, userName: String) {
        self.path = path
        self.home = home
        self.userName = userName
    }

    /// A table being read, and how messages name it.
    struct Section {
        var name: String?
        var table: TOMLTable
    }

    mutating func report(_ message: String, in section: Section?, key: String?, at position: TOMLPosition) {
        problems.append(ConfigDiagnostic(path: path, line: position.line, column: position.column,
                                         section: section?.name, key: key, message: message))
    }

    /// Reports every key of `section` not in `known`, suggesting the nearest known one.
    mutating func checkKeys(_ section: Section, known: [String]) {
        for entry in section.table.entries where !known.contains(entry.key) {
            var message = "unknown key"
            if let suggestion = KeySuggestion.nearest(to: entry.key, in: known) {
                message += "; did you mean `\(suggestion)`?"
            }
            report(message, in: section, key: entry.key, at: entry.keyPosition)
        }
    }

    mutating func decode(_ root: TOMLTable) -> PipitConfig {
        var config = PipitConfig(path: path)
        let top = Section(name: nil, table: root)
        checkKeys(top, known: ConfigKeys.topLevel)
        if let general = table(top, "general") { config.general = decodeGeneral(general) }
        if let network = table(top, "network") { config.network = decodeNetwork(network) }
        if let audio = table(top, "audio") { config.audio = decodeAudio(audio) }
        if let hooks = table(top, "hooks") { config.hooks = decodeHooks(hooks) }
        config.accounts = decodeAccounts(top)
        if config.accounts.isEmpty, let local = AccountConfig.local(user: userName, listen: config.network.listen) {
            config.accounts = [local]
        }
        if let name = config.general.defaultAccount, !config.accounts.contains(where: { $0.name == name }),
           let at = root["general"]?.tableValue?.entry("default_account")?.position {
            let names = config.accounts.map { "\"\($0.name)\"" }.joined(separator: ", ")
            report("no account is named \"\(name)\" (accounts: \(names))", in: Section(name: "general", table: TOMLTable()),
                   key: "default_account", at: at)
        }
        return config
    }

    /// A top-level section, which must be a table (`[general]`).
    private mutating func table(_ top: Section, _ key: String) -> Section? {
        guard let entry = top.table.entry(key) else { return nil }
        guard case .table(let table) = entry.value else {
            report("must be a table, written [\(key)] on a line of its own, not \(Self.describe(entry.value))",
                   in: nil, key: key, at: entry.keyPosition)
            return nil
        }
        return Section(name: key, table: table)
    }

    private mutating func decodeAccounts(_ top: Section) -> [AccountConfig] {
        guard let entry = top.table.entry("account") else { return [] }
        guard case .array(let array) = entry.value else {
            report("accounts are written [[account]] (two brackets), one per account", in: nil, key: "account", at: entry.keyPosition)
            return []
        }
        var accounts: [AccountConfig] = []
        var seen: [String: Int] = [:]
        for (index, element) in array.elements.enumerated() {
            guard case .table(let table) = element.value else {
                report("each account must be a table, not \(Self.describe(element.value))", in: nil, key: "account", at: element.position)
                continue
            }
            guard let account = decodeAccount(table, number: index + 1) else { continue }
            if let first = seen[account.name] {
                let at = table.entry("name")?.position ?? table.position
                report("the name \"\(account.name)\" is already used by the account at line \(first)",
                       in: Section(name: "account \"\(account.name)\"", table: table), key: "name", at: at)
                continue
            }
            seen[account.name] = table.entry("name")?.position.line ?? table.position.line
            accounts.append(account)
        }
        return accounts
    }

    /// How a wrong value is shown in a message: short, and never a secret (callers pass
    /// `secret: true` for password keys).
    static func describe(_ value: TOMLValue, secret: Bool = false) -> String {
        switch value {
        case .string(let s):
            if secret { return "a string" }
            let shown = s.unicodeScalars.count > 60 ? String(String.UnicodeScalarView(s.unicodeScalars.prefix(60))) + "…" : s
            return TOMLValue.string(shown).description
        case .integer, .float, .boolean, .dateTime:
            return secret ? value.typeNameWithArticle : value.description
        case .array: return "an array"
        case .table: return "a table"
        }
    }
}
