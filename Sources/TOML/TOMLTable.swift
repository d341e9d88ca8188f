/// A TOML table: entries in the order the document defines them, each with the position
/// of its key and of its value. `TOMLTable.parse` reads a whole document into the root table.
public struct TOMLTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        /// Where this key (for a dotted key, this part of it) is written.
        public var keyPosition: TOMLPosition
        public var value: TOMLValue
        /// Where the value starts (for a table opened by a `[header]`, the header).
        public var position: TOMLPosition

        public init(key: String, keyPosition: TOMLPosition, value: TOMLValue, position: TOMLPosition) {
            self.key = key
            self.keyPosition = keyPosition
            self.value = value
            self.position = position
        }

        public static func == (a: Entry, b: Entry) -> Bool { a.key == b.key && a.value == b.value }
    }

    public private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]
    /// Where the table is opened: its header, its `{`, or the first dotted key naming it.
    public var position: TOMLPosition

    public init(position: TOMLPosition = .start) {
        self.position = position
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    public var keys: [String] { entries.map(\.key) }

    public subscript(key: String) -> TOMLValue? { entry(key)?.value }

    public func entry(_ key: String) -> Entry? {
        index[key].map { entries[$0] }
    }

    /// Adds an entry; returns false (and changes nothing) when the key is already there.
    @discardableResult
    public mutating func insert(_ entry: Entry) -> Bool {
        guard index[entry.key] == nil else { return false }
        index[entry.key] = entries.count
        entries.append(entry)
        return true
    }

    public static func == (a: TOMLTable, b: TOMLTable) -> Bool { a.entries == b.entries }
}

extension TOMLTable {
    /// Parses a TOML 1.0 document.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = TOMLParser(Array(text.utf8))
        return try parser.parseDocument()
    }

    /// Parses a TOML 1.0 document from bytes, rejecting invalid UTF-8 with its position.
    public static func parse(utf8 bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        try UTF8Check.validate(bytes)
        var parser = TOMLParser(bytes)
        return try parser.parseDocument()
    }
}
