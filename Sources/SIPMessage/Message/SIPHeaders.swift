/// The header fields of a message, in the order received.
///
/// Lookups are case-insensitive and treat compact forms as their long forms
/// (`headers.first("Via")` finds a field received as `v:`).
public struct SIPHeaders: Sendable, Equatable {
    public private(set) var fields: [SIPHeaderField]

    public init() { fields = [] }

    public init(_ fields: [SIPHeaderField]) { self.fields = fields }

    /// Builds headers from name/value pairs, in order.
    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { SIPHeaderField(name: $0.0, value: $0.1) }
    }

    /// The first field named `name`, if any.
    public func field(_ name: String) -> SIPHeaderField? {
        let key = Key(name)
        return fields.first { $0.matches(id: key.id, bytes: key.bytes) }
    }

    /// All fields named `name`, in order.
    public func fields(named name: String) -> [SIPHeaderField] {
        let key = Key(name)
        return fields.filter { $0.matches(id: key.id, bytes: key.bytes) }
    }

    /// The unfolded value of the first field named `name`.
    public func first(_ name: String) -> String? { field(name)?.value }

    /// Whether any field is named `name`.
    public func contains(_ name: String) -> Bool { field(name) != nil }

    /// The elements of every field named `name`, in order, with comma-separated lists
    /// split (RFC 3261 §7.3.1). Commas inside quoted strings (backslash escapes honoured)
    /// and inside `<…>` never split. Headers whose grammar is not a list, or whose single
    /// value may hold commas (auth headers, Date, Call-ID, CSeq, From, To, User-Agent, …;
    /// see `HeaderNameTable.singleValuedNames`) are returned one element per field. Unknown
    /// headers are split like lists. Empty elements are dropped.
    public func values(_ name: String) -> [Substring] {
        let key = Key(name)
        let split = !HeaderNameTable.isSingleValued(key.id)
        var out: [Substring] = []
        for field in fields where field.matches(id: key.id, bytes: key.bytes) {
            let value = field.value
            if split {
                out.append(contentsOf: Self.splitList(value))
            } else if !value.isEmpty {
                out.append(value[...])
            }
        }
        return out
    }

    /// A name prepared for matching: its known-header index and its bytes.
    struct Key {
        let id: Int16
        let bytes: [UInt8]
        init(_ name: String) {
            bytes = Array(name.utf8)
            id = HeaderNameTable.id(in: bytes, 0..<bytes.count)
        }
    }
}

extension SIPHeaders: RandomAccessCollection {
    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }
    public subscript(position: Int) -> SIPHeaderField { fields[position] }
}

extension SIPHeaders {
    /// Adds a field at the end.
    public mutating func append(_ field: SIPHeaderField) { fields.append(field) }

    /// Adds `name: value` at the end.
    public mutating func append(name: String, value: String) {
        fields.append(SIPHeaderField(name: name, value: value))
    }

    /// Inserts a field at `index` (clamped to the valid range).
    public mutating func insert(_ field: SIPHeaderField, at index: Int) {
        fields.insert(field, at: Swift.max(0, Swift.min(index, fields.count)))
    }

    /// Replaces every field named `name` with one `name: value`, placed where the first of
    /// them was (or at the end if there was none). The other fields keep their order.
    public mutating func set(_ name: String, _ value: String) {
        let key = Key(name)
        let replacement = SIPHeaderField(name: name, value: value)
        guard let first = fields.firstIndex(where: { $0.matches(id: key.id, bytes: key.bytes) }) else {
            fields.append(replacement)
            return
        }
        var kept: [SIPHeaderField] = []
        kept.reserveCapacity(fields.count)
        for (i, field) in fields.enumerated() {
            if i == first {
                kept.append(replacement)
            } else if !field.matches(id: key.id, bytes: key.bytes) {
                kept.append(field)
            }
        }
        fields = kept
    }

    /// Removes every field named `name`; returns how many were removed.
    @discardableResult
    public mutating func remove(_ name: String) -> Int {
        let key = Key(name)
        let before = fields.count
        fields.removeAll { $0.matches(id: key.id, bytes: key.bytes) }
        return before - fields.count
    }

    /// Removes the field at `index`.
    public mutating func remove(at index: Int) { fields.remove(at: index) }
}
