import SIPMessage
import SIPStack
import TOML

/// Typed reads of one key. Each returns nil when the key is absent or its value is wrong,
/// having reported the problem at the value's position.
extension ConfigDecoder {
    mutating func string(_ s: Section, _ key: String, secret: Bool = false) -> (String, TOMLPosition)? {
        guard let entry = s.table.entry(key) else { return nil }
        guard case .string(let value) = entry.value else {
            report("must be a string, not \(Self.describe(entry.value, secret: secret))", in: s, key: key, at: entry.position)
            return nil
        }
        return (value, entry.position)
    }

    /// A string of printable characters (no control characters: they would end up in SIP
    /// headers or the terminal), 1 to `maxLength` long.
    mutating func text(_ s: Section, _ key: String, maxLength: Int = 256) -> String? {
        guard let (value, at) = string(s, key) else { return nil }
        if value.isEmpty {
            report("must not be empty", in: s, key: key, at: at)
            return nil
        }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            report("must not contain control characters (line breaks, tabs)", in: s, key: key, at: at)
            return nil
        }
        if value.unicodeScalars.count > maxLength {
            report("must be at most \(maxLength) characters long", in: s, key: key, at: at)
            return nil
        }
        return value
    }

    mutating func bool(_ s: Section, _ key: String) -> Bool? {
        guard let entry = s.table.entry(key) else { return nil }
        guard case .boolean(let value) = entry.value else {
            report("must be true or false, not \(Self.describe(entry.value))", in: s, key: key, at: entry.position)
            return nil
        }
        return value
    }

    mutating func int(_ s: Section, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let entry = s.table.entry(key) else { return nil }
        guard case .integer(let value) = entry.value, value >= range.lowerBound, value <= range.upperBound else {
            report("must be an integer from \(range.lowerBound) to \(range.upperBound), not \(Self.describe(entry.value))",
                   in: s, key: key, at: entry.position)
            return nil
        }
        return Int(value)
    }

    /// One of the enum's raw values, case-insensitively.
    mutating func choice<E: RawRepresentable & CaseIterable>(_ s: Section, _ key: String, _: E.Type) -> E? where E.RawValue == String {
        guard let entry = s.table.entry(key) else { return nil }
        if case .string(let value) = entry.value, let e = E(rawValue: value.lowercased()) { return e }
        let allowed = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        report("must be one of \(allowed), not \(Self.describe(entry.value))", in: s, key: key, at: entry.position)
        return nil
    }

    /// A `sip:` or `sips:` URI, checked by SIPMessage's parser. A password inside the URI
    /// (`sip:alice:pw@host`) is refused without echoing the value: URIs get logged.
    mutating func sipURI(_ s: Section, _ key: String) -> SIPURI? {
        guard let (value, at) = string(s, key) else { return nil }
        let shown = Self.userInfoHoldsColon(value) ? "the value given" : Self.describe(.string(value))
        let lower = value.lowercased()
        guard lower.hasPrefix("sip:") || lower.hasPrefix("sips:") else {
            report("must be a sip: or sips: URI such as \"sip:alice@example.com\", not \(shown)", in: s, key: key, at: at)
            return nil
        }
        let uri: SIPURI
        do {
            uri = try SIPURI.parse(Substring(value))
        } catch {
            report("must be a valid sip: or sips: URI (\(error.reason)), not \(shown)", in: s, key: key, at: at)
            return nil
        }
        guard uri.password == nil else {
            report("must not contain a password (use the password or password_command key)", in: s, key: key, at: at)
            return nil
        }
        return uri
    }

    /// `scheme:user:password@host`: the part before `@` has a second colon.
    static func userInfoHoldsColon(_ value: String) -> Bool {
        guard let at = value.lastIndex(of: "@"), let colon = value.firstIndex(of: ":"), colon < at else { return false }
        return value[value.index(after: colon)..<at].contains(":")
    }

    /// `host` or `host:port` (IPv6 in brackets), as STUN and TURN servers are written.
    mutating func server(_ s: Section, _ key: String) -> String? {
        guard let (value, at) = string(s, key) else { return nil }
        guard Self.isHostPort(value) else {
            report("must be a host name or address with an optional port, such as \"stun.example.com:3478\", not \(Self.describe(.string(value)))",
                   in: s, key: key, at: at)
            return nil
        }
        return value
    }

    static func isHostPort(_ text: String) -> Bool {
        var hostText = Substring(text)
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return false }
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return false }
                portText = after.dropFirst()
            }
            hostText = text[...close]
        } else if let colon = text.lastIndex(of: ":") {
            guard text.firstIndex(of: ":") == colon else { return false }
            hostText = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let port = UInt16(portText), port > 0 else { return false }
        }
        return !hostText.isEmpty && (try? Host.parse(hostText)) != nil
    }

    /// A file path: `~/` is the home directory, a relative path is relative to the
    /// configuration file's directory.
    mutating func filePath(_ s: Section, _ key: String) -> String? {
        guard let value = text(s, key, maxLength: 4096) else { return nil }
        if value.hasPrefix("~/") {
            guard let home else {
                report("cannot expand ~: HOME is not set", in: s, key: key, at: s.table.entry(key)?.position ?? s.table.position)
                return nil
            }
            return home + value.dropFirst()
        }
        if value.hasPrefix("/") { return value }
        guard let path, let slash = path.lastIndex(of: "/") else { return value }
        return path[...slash] + value
    }

    /// A non-empty array of strings, each with its position.
    mutating func stringArray(_ s: Section, _ key: String) -> [(String, TOMLPosition)]? {
        guard let entry = s.table.entry(key) else { return nil }
        guard case .array(let array) = entry.value else {
            report("must be an array of strings, such as [\"a\", \"b\"], not \(Self.describe(entry.value))", in: s, key: key, at: entry.position)
            return nil
        }
        guard !array.isEmpty else {
            report("must not be empty", in: s, key: key, at: entry.position)
            return nil
        }
        var out: [(String, TOMLPosition)] = []
        for element in array.elements {
            guard case .string(let value) = element.value else {
                report("must be an array of strings; element \(Self.describe(element.value)) is not a string",
                       in: s, key: key, at: element.position)
                return nil
            }
            out.append((value, element.position))
        }
        return out
    }

    /// A password: any string, kept as a `Secret`, never echoed in messages.
    mutating func secret(_ s: Section, _ key: String) -> Secret? {
        guard let (value, at) = string(s, key, secret: true) else { return nil }
        if value.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\0" }) {
            report("must not contain line breaks or NUL", in: s, key: key, at: at)
            return nil
        }
        return Secret(value)
    }

    /// `listen`: transport:address:port specs, parsed by SIPStack, without repeats.
    mutating func listenSpecs(_ s: Section) -> [String]? {
        guard let values = stringArray(s, "listen") else { return nil }
        var specs: [ListenSpec] = []
        var ok = true
        for (value, at) in values {
            do {
                let spec = try ListenSpec(parsing: value)
                if specs.contains(spec) {
                    report("\"\(value)\" is listed twice", in: s, key: "listen", at: at)
                    ok = false
                }
                specs.append(spec)
            } catch {
                report("\(error.reason) in \(Self.describe(.string(value))) (write transport:address:port, such as \"udp:0.0.0.0:5060\" or \"tls:[::]:5061\")",
                       in: s, key: "listen", at: at)
                ok = false
            }
        }
        return ok ? specs.map(\.description) : nil
    }
}
