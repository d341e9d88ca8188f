/// The forms URIs and numbers are compared in, so that the way a peer writes its address
/// does not hide the contact.
public enum ContactKeys {
    /// "user@host" of a SIP address, lowercased, with the display name, angle brackets,
    /// scheme (sip/sips or none), port, parameters and headers removed:
    /// `"Bob" <sip:Bob@Example.com:5060;transport=tcp>` → `bob@example.com`.
    /// Nil when nothing host-like is left, or for other schemes (tel:, mailto: …).
    public static func sipKey(_ text: String) -> String? {
        var address = Substring(text)
        if let open = address.lastIndex(of: "<") {
            let inner = address[address.index(after: open)...]
            address = inner.prefix { $0 != ">" }
        }
        address = trimmed(address)
        if let colon = address.firstIndex(of: ":") {
            let scheme = address[..<colon].lowercased()
            // A colon with no scheme before it would be host:port, which has an "@" or
            // dot before it; only a known scheme is stripped.
            if scheme == "sip" || scheme == "sips" {
                address = address[address.index(after: colon)...]
            } else if !scheme.contains("@") && !scheme.contains(".") {
                return nil
            }
        }
        address = address.prefix { $0 != ";" && $0 != "?" }
        let user: Substring?
        var host: Substring
        if let at = address.lastIndex(of: "@") {
            user = address[..<at]
            host = address[address.index(after: at)...]
        } else {
            user = nil
            host = address
        }
        host = stripPort(host)
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "<" || $0 == ">" }) else {
            return nil
        }
        let userPart = user.map { String($0).lowercased() + "@" } ?? ""
        return userPart + host.lowercased()
    }

    /// The digits of a phone number and its leading "+" if it has one; visual separators,
    /// a `tel:` scheme and parameters (";ext=…") dropped: "tel:+1-555-0100" → "+15550100".
    /// Nil when there are no digits.
    public static func numberKey(_ text: String) -> String? {
        var number = trimmed(Substring(text))
        if number.lowercased().hasPrefix("tel:") { number = number.dropFirst(4) }
        number = number.prefix { $0 != ";" }
        number = trimmed(number)
        let digits = number.filter { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        return (number.first == "+" ? "+" : "") + digits
    }

    /// The user part of a SIP address if it looks like a phone number
    /// (sip:+4930123@carrier;user=phone), as a number key.
    static func numberKeyOfSIPUser(_ text: String) -> String? {
        guard let key = sipKey(text), let at = key.lastIndex(of: "@") else { return nil }
        let user = key[..<at]
        let allowed: Set<Character> = ["+", "-", ".", "(", ")", " "]
        guard user.allSatisfy({ ($0.isASCII && $0.isNumber) || allowed.contains($0) }) else {
            return nil
        }
        return numberKey(String(user))
    }

    private static func stripPort(_ host: Substring) -> Substring {
        if host.first == "[" {
            // IPv6 reference: keep up to the closing bracket.
            guard let close = host.firstIndex(of: "]") else { return host }
            return host[...close]
        }
        if let colon = host.lastIndex(of: ":") { return host[..<colon] }
        return host
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
