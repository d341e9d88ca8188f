import SIPMessage
import UserAgent

/// A new account as `account add` collects it: what a user of a provider knows (address,
/// user name, password, registrar). It becomes one `[[account]]` table (see `AccountTable`).
/// It prints without the password, so no log line or message can carry it.
public struct AccountDraft: Sendable, Equatable, CustomStringConvertible {
    /// The address of record, `sip:alice@example.com`.
    public var address: SIPURI
    /// The user name for digest authentication, when it is not the address's user.
    public var user: String?
    public var password: Secret?
    /// Where to register, when it is not the address's domain.
    public var registrar: SIPURI?

    public init(address: SIPURI, user: String? = nil, password: Secret? = nil, registrar: SIPURI? = nil) {
        self.address = address
        self.user = user
        self.password = password
        self.registrar = registrar
    }

    public var description: String {
        var parts = [address.description]
        if let user { parts.append("user \(user)") }
        if password != nil { parts.append("with a password") }
        if let registrar { parts.append("registrar \(registrar)") }
        return parts.joined(separator: ", ")
    }

    /// `text` as an account's address: a `sip:`/`sips:` URI with a user part. A bare
    /// `alice@example.com` is taken as `sip:alice@example.com`.
    public static func address(_ text: String) throws(AccountCommandError) -> SIPURI {
        let uri = try uri(text, what: "address")
        guard uri.user?.isEmpty == false else {
            throw AccountCommandError("the address needs a user part, as in sip:alice@example.com")
        }
        return uri
    }

    /// `text` as a registrar: a `sip:`/`sips:` URI; a bare `example.com` is `sip:example.com`.
    public static func registrar(_ text: String) throws(AccountCommandError) -> SIPURI {
        try uri(text, what: "registrar")
    }

    /// A user name: printable, at most 128 characters (the configuration's limit).
    public static func user(_ text: String) throws(AccountCommandError) -> String {
        guard !text.isEmpty, text.count <= 128, !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw AccountCommandError("the user name must be 1 to 128 printable characters")
        }
        return text
    }

    private static func uri(_ text: String, what: String) throws(AccountCommandError) -> SIPURI {
        let lowered = text.lowercased()
        let full = lowered.hasPrefix("sip:") || lowered.hasPrefix("sips:") ? text : "sip:" + text
        guard text.utf8.count <= 256, let uri = try? SIPURI.parse(Substring(full)) else {
            throw AccountCommandError("the \(what) \(text) is not a SIP URI such as sip:alice@example.com")
        }
        return uri
    }
}

/// Why an `account add` line or answer was refused, as the user reads it (never with the
/// password in it).
public struct AccountCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
