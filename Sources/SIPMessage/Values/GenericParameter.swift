/// One `;name[=value]` header parameter (`generic-param`, RFC 3261 §25).
///
/// `value` is unquoted and unescaped when the parameter came as a quoted string;
/// `isQuoted` remembers that so the parameter serializes the way it was received.
public struct GenericParameter: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var value: String?
    public var isQuoted: Bool

    public init(_ name: String, _ value: String? = nil, quoted: Bool = false) {
        self.name = name
        self.value = value
        self.isQuoted = quoted
    }

    /// `name=value`; a value that is not a token (or host) is quoted even if `isQuoted`
    /// is false, so that the output always parses.
    public var description: String {
        guard let value else { return name }
        let u = value.utf8
        let bare = !u.isEmpty && (u.allSatisfy { ValueChars.isToken($0) || $0 == UInt8(ascii: ":") }
            || (u.first == UInt8(ascii: "[") && u.last == UInt8(ascii: "]") && u.count > 2
                && u.dropFirst().dropLast().allSatisfy { ValueChars.hexValue($0) != nil || ":.".utf8.contains($0) }))
        return isQuoted || !bare ? "\(name)=\(quoteString(value))" : "\(name)=\(value)"
    }
}

extension Array where Element == GenericParameter {
    /// The first parameter named `name` (ASCII case-insensitive).
    public func first(named name: String) -> GenericParameter? {
        first { ValueChars.equalFolded($0.name, name) }
    }

    /// Whether a parameter named `name` is present (with or without a value).
    public func contains(named name: String) -> Bool { first(named: name) != nil }

    /// Replaces the value of the first parameter named `name`, or appends the parameter
    /// (`nil` makes it a flag such as `lr`).
    public mutating func set(_ name: String, _ value: String?, quoted: Bool = false) {
        let p = GenericParameter(name, value, quoted: quoted)
        if let i = firstIndex(where: { ValueChars.equalFolded($0.name, name) }) { self[i] = p } else { append(p) }
    }

    /// Removes every parameter named `name`.
    public mutating func remove(named name: String) {
        removeAll { ValueChars.equalFolded($0.name, name) }
    }

    /// `;a=b;c` — each parameter preceded by a semicolon.
    var serialized: String { map { ";\($0)" }.joined() }
}

/// Header parameters as read, with the offset of each name for error reporting.
struct ReadParameters {
    var list: [GenericParameter] = []
    var offsets: [Int] = []

    func offset(of name: String) -> Int? {
        list.firstIndex { ValueChars.equalFolded($0.name, name) }.map { offsets[$0] }
    }
}

extension ValueCursor {
    /// Reads `*( SEMI generic-param )`; stops (without consuming) at anything else.
    mutating func headerParameters() throws(SIPParseError) -> ReadParameters {
        var out = ReadParameters()
        while takeSeparator(";") {
            let at = offset
            let name = try token("parameter name")
            var value: String?
            var quoted = false
            if takeSeparator("=") {
                if peek(is: "\"") {
                    value = try quotedString()
                    quoted = true
                } else if peek(is: "[") {
                    // gen-value may be a host, and so an IPv6 reference.
                    let r = span { $0 != UInt8(ascii: "]") && !ValueChars.isWhitespace($0) && $0 != UInt8(ascii: ";") }
                    try expect("]", "unterminated IPv6 reference")
                    guard Host.parseIPv6(bytes[(r.lowerBound + 1)..<r.upperBound]) != nil else {
                        throw error("bad IPv6 reference in parameter \(name)", at: r.lowerBound)
                    }
                    value = string(r.lowerBound..<pos)
                } else {
                    // token, or a host; ":" also lets a bare IPv6 `received` through.
                    let r = span { ValueChars.isToken($0) || $0 == UInt8(ascii: ":") }
                    guard !r.isEmpty else { throw error("expected a value for parameter \(name)") }
                    value = string(r)
                }
            }
            out.list.append(GenericParameter(name, value, quoted: quoted))
            out.offsets.append(at)
        }
        return out
    }

    /// Reads parameters and requires the end of the text after them.
    mutating func trailingParameters(after what: String) throws(SIPParseError) -> ReadParameters {
        let params = try headerParameters()
        skipSpace()
        try expectEnd(what)
        return params
    }
}

extension ReadParameters {
    /// Checks that parameter `name`, if present, has a value that is a number ≤ `max`.
    func requireNumber(_ name: String, max: UInt64) throws(SIPParseError) {
        guard let i = list.firstIndex(where: { ValueChars.equalFolded($0.name, name) }) else { return }
        guard let v = list[i].value, parseDecimal(v, max: max) != nil else {
            throw SIPParseError(.malformedValue, at: offsets[i], "parameter \(name) must be a number up to \(max)")
        }
    }
}

/// Parses `1*DIGIT` no greater than `max`, or nil.
func parseDecimal(_ text: String, max: UInt64) -> UInt64? {
    guard !text.isEmpty, text.utf8.count <= 20 else { return nil }
    var v: UInt64 = 0
    for b in text.utf8 {
        guard ValueChars.isDigit(b) else { return nil }
        let (m, o1) = v.multipliedReportingOverflow(by: 10)
        let (s, o2) = m.addingReportingOverflow(UInt64(b - 0x30))
        guard !o1, !o2, s <= max else { return nil }
        v = s
    }
    return v
}
