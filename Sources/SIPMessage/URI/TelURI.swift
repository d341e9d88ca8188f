/// A `tel:` URI (RFC 3966): a global (`+…`) or local number and its parameters.
public struct TelURI: Sendable, Hashable, CustomStringConvertible {
    /// The number as written, visual separators (`-` `.` `(` `)`) and the `+` included.
    public var number: String
    /// Parameters in order, as written (`ext`, `isub`, `phone-context`, others).
    public var parameters: [URIParameter]

    public init(number: String, parameters: [URIParameter] = []) {
        self.number = number
        self.parameters = parameters
    }

    /// A global number starts with `+`; a local one needs a `phone-context`.
    public var isGlobal: Bool { number.hasPrefix("+") }

    /// The number without visual separators (`+` kept for a global number).
    public var digits: String {
        String(number.unicodeScalars.filter { !"-.()".unicodeScalars.contains($0) })
    }

    public var extensionNumber: String? { parameters.first(named: "ext")?.decodedValue }
    public var isdnSubaddress: String? { parameters.first(named: "isub")?.decodedValue }
    public var phoneContext: String? { parameters.first(named: "phone-context")?.decodedValue }

    public var description: String {
        "tel:" + number + parameters.map { ";\($0)" }.joined()
    }

    /// RFC 3966 §4: same kind of number, same digits once visual separators are gone,
    /// and the same set of parameters (names and values compared case-insensitively after
    /// unescaping; `ext` and `phone-context` numbers without separators).
    public func isEquivalent(to other: TelURI) -> Bool {
        guard isGlobal == other.isGlobal,
              ValueChars.equalFolded(digits, other.digits),
              parameters.count == other.parameters.count
        else { return false }
        return TelURI.normalized(parameters) == TelURI.normalized(other.parameters)
    }

    private static func normalized(_ params: [URIParameter]) -> [[UInt8]: [UInt8]] {
        var out: [[UInt8]: [UInt8]] = [:]
        for p in params {
            let name = Percent.comparable(p.name, folding: true)
            var value = Percent.comparable(p.value ?? "", folding: true)
            if name == Array("ext".utf8) || (name == Array("phone-context".utf8) && value.first == UInt8(ascii: "+")) {
                value.removeAll { "-.()".utf8.contains($0) }
            }
            out[name] = value
        }
        return out
    }
}
