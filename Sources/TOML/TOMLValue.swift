/// One TOML value. Arrays and tables carry the position of each element and entry.
///
/// `==` compares content only (keys, order, values), never positions, and treats two NaN
/// floats as equal, so a document equals itself re-parsed from another layout.
public enum TOMLValue: Sendable, CustomStringConvertible {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case dateTime(TOMLDateTime)
    case array(TOMLArray)
    case table(TOMLTable)

    /// The TOML type name, for messages: "string", "integer", "float", "boolean",
    /// "date-time", "array", "table".
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .dateTime(let d): d.kind.typeName
        case .array: "array"
        case .table: "table"
        }
    }

    /// The type name with "a" or "an", for messages: "an integer", "a string".
    public var typeNameWithArticle: String {
        let name = typeName
        return (name.first.map { "aeio".contains($0) } ?? false ? "an " : "a ") + name
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var integerValue: Int64? { if case .integer(let i) = self { i } else { nil } }
    public var boolValue: Bool? { if case .boolean(let b) = self { b } else { nil } }
    public var arrayValue: TOMLArray? { if case .array(let a) = self { a } else { nil } }
    public var tableValue: TOMLTable? { if case .table(let t) = self { t } else { nil } }

    /// The value as TOML source text (inline form for arrays and tables).
    public var description: String { TOMLSerializer.inline(self) }
}

extension TOMLValue: Equatable {
    public static func == (a: TOMLValue, b: TOMLValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.integer(let x), .integer(let y)): x == y
        case (.float(let x), .float(let y)): x == y || (x.isNaN && y.isNaN)
        case (.boolean(let x), .boolean(let y)): x == y
        case (.dateTime(let x), .dateTime(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.table(let x), .table(let y)): x == y
        default: false
        }
    }
}

/// An array: elements of any types (TOML 1.0 allows mixing), each with its position.
public struct TOMLArray: Sendable, Equatable {
    public struct Element: Sendable, Equatable {
        public var value: TOMLValue
        /// Where the element starts in the source.
        public var position: TOMLPosition
        public init(value: TOMLValue, position: TOMLPosition) {
            self.value = value
            self.position = position
        }
        public static func == (a: Element, b: Element) -> Bool { a.value == b.value }
    }

    public var elements: [Element]
    /// Where the array starts: its `[`, or the first `[[header]]` of an array of tables.
    public var position: TOMLPosition

    public init(elements: [Element] = [], position: TOMLPosition = .start) {
        self.elements = elements
        self.position = position
    }

    public var count: Int { elements.count }
    public var isEmpty: Bool { elements.isEmpty }
    public var values: [TOMLValue] { elements.map(\.value) }

    public static func == (a: TOMLArray, b: TOMLArray) -> Bool { a.elements == b.elements }
}
