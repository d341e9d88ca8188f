/// A `;name[=value]` parameter of a SIP or tel URI, kept as written (escapes included).
public struct URIParameter: Sendable, Hashable, CustomStringConvertible {
    /// The name as written, escapes included.
    public var name: String
    /// The value as written, escapes included; nil for a flag such as `lr`.
    public var value: String?

    public init(_ name: String, _ value: String? = nil) {
        self.name = name
        self.value = value
    }

    /// The value with its percent-escapes decoded.
    public var decodedValue: String? { value.map(Percent.decodeLenient) }

    public var description: String { value.map { "\(name)=\($0)" } ?? name }
}

/// A `name=value` header component of a SIP URI (`?subject=x&priority=urgent`).
public struct URIHeader: Sendable, Hashable, CustomStringConvertible {
    /// Name and value as written, escapes included.
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public var decodedName: String { Percent.decodeLenient(name) }
    public var decodedValue: String { Percent.decodeLenient(value) }
    public var description: String { "\(name)=\(value)" }
}

extension Array where Element == URIParameter {
    /// The first parameter whose decoded name matches `name` case-insensitively.
    public func first(named name: String) -> URIParameter? {
        first { ValueChars.equalFolded(Percent.decodeLenient($0.name), name) }
    }

    /// Replaces the first parameter named `name`, or appends it. `value` is decoded
    /// text; it is escaped as `paramchar` requires (`nil` makes a flag such as `lr`).
    public mutating func set(_ name: String, _ value: String?) {
        let p = URIParameter(Percent.encode(name, allowed: SIPURI.paramChars),
                             value.map { Percent.encode($0, allowed: SIPURI.paramChars) })
        if let i = firstIndex(where: { ValueChars.equalFolded(Percent.decodeLenient($0.name), name) }) {
            self[i] = p
        } else {
            append(p)
        }
    }

    /// Removes every parameter named `name`.
    public mutating func remove(named name: String) {
        removeAll { ValueChars.equalFolded(Percent.decodeLenient($0.name), name) }
    }
}
