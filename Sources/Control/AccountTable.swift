/// An `AccountDraft` as TOML, and the configuration file with it appended. Appending keeps
/// every byte already in the file (comments, order, other accounts): the new `[[account]]`
/// table goes after them.
public enum AccountTable {
    /// What a file that `account add` creates starts with.
    public static let newFileHeader = """
        # pipit configuration: see pipit.conf(5) and share/pipit/config.example.toml.
        # `account add` appends accounts here; this file holds a password, so keep it private (0600).

        """

    /// The `[[account]]` table for `draft`: the address, then the user name (only when it
    /// differs from the address's), the password and the registrar when given.
    public static func text(_ draft: AccountDraft) -> String {
        var lines = ["[[account]]", "uri = \(quoted(draft.address.description))"]
        if let user = draft.user, user != draft.address.user { lines.append("username = \(quoted(user))") }
        if let password = draft.password { lines.append("password = \(quoted(password.value))") }
        if let registrar = draft.registrar { lines.append("registrar = \(quoted(registrar.description))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `existing` (the file's bytes; empty for a new file) followed by the table, separated
    /// by a blank line; a last line without its newline gets one first.
    public static func appending(_ draft: AccountDraft, to existing: [UInt8]) -> [UInt8] {
        var out = existing
        if out.isEmpty {
            out.append(contentsOf: newFileHeader.utf8)
        } else {
            if out.last != 0x0A { out.append(0x0A) }
            out.append(0x0A)
        }
        out.append(contentsOf: text(draft).utf8)
        return out
    }

    /// A TOML basic string: `"` and `\` escaped, control characters as `\uXXXX`.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
