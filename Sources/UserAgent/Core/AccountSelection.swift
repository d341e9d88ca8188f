import SIPMessage

/// Which account an outgoing call uses, and what the typed target means. Pure.
public enum AccountSelection {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case noAccounts
        case unknownAccount(String)
        case badTarget(String)
        public var description: String {
            switch self {
            case .noAccounts: "no account is configured"
            case .unknownAccount(let name): "no account named \(name)"
            case .badTarget(let text): "cannot call \(text): not a SIP URI, user or number"
            }
        }
    }

    /// By explicit choice, else the account whose domain is the target's, else the
    /// default (`general.default_account`, or the first).
    public static func account(for target: String, named name: String?, in accounts: [AccountConfig],
                               defaultAccount: String? = nil) throws(Failure) -> AccountConfig {
        guard let first = accounts.first(where: { $0.name == defaultAccount }) ?? accounts.first else { throw .noAccounts }
        if let name {
            guard let chosen = accounts.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw .unknownAccount(name)
            }
            return chosen
        }
        if let host = domain(of: target),
           let byDomain = accounts.first(where: { $0.uri.host.description.lowercased() == host.lowercased() }) {
            return byDomain
        }
        return first
    }

    /// The Request-URI for what the user typed: a sip:/sips: URI as it is; `tel:` and
    /// numbers in the account's domain (`user=phone`); `user@host` and bare user names
    /// completed with `sip:` and the account's domain.
    public static func requestURI(for target: String, account: AccountConfig) throws(Failure) -> SIPURI {
        let text = target.trimmingCharacters(in: " \t")
        let isNumber = !text.isEmpty && text.allSatisfy { "+0123456789-.() ".contains($0) } && text.contains { $0.isNumber }
        guard !text.isEmpty, isNumber || !text.contains(where: { $0 == " " || $0 == "<" || $0 == ">" }) else {
            throw .badTarget(target)
        }
        let lower = text.lowercased()
        if lower.hasPrefix("sip:") || lower.hasPrefix("sips:") {
            guard let uri = try? SIPURI.parse(Substring(text)) else { throw .badTarget(target) }
            return uri
        }
        if lower.hasPrefix("tel:") || lower.hasPrefix("callto:") {
            return try requestURI(for: String(text.drop { $0 != ":" }.dropFirst()), account: account)
        }
        let domain = account.uri.host.description + (account.uri.port.map { ":\($0)" } ?? "")
        let candidate: String
        if isNumber {
            let digits = text.filter { $0 == "+" || $0.isNumber }
            candidate = "sip:\(digits)@\(domain);user=phone"
        } else if text.contains("@") {
            candidate = "sip:\(text)"
        } else {
            candidate = "sip:\(text)@\(domain)"
        }
        guard let uri = try? SIPURI.parse(Substring(candidate)) else { throw .badTarget(target) }
        return uri
    }

    static func domain(of target: String) -> String? {
        guard let at = target.lastIndex(of: "@") else { return nil }
        let rest = target[target.index(after: at)...]
        let host = rest.prefix { $0 != ";" && $0 != ">" && $0 != "?" }
        if host.hasPrefix("[") { return host.firstIndex(of: "]").map { String(host[...$0]) } }
        return String(host.prefix { $0 != ":" })
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
