/// User-Agent and Server (RFC 3261 §20.35, §20.41): product tokens and comments.
public struct ProductList: SIPValueParsable {
    public enum Item: Sendable, Equatable, CustomStringConvertible {
        /// `name[/version]`
        case product(name: String, version: String?)
        /// A comment's text without its outer parentheses.
        case comment(String)

        public var description: String {
            switch self {
            case .product(let name, let version): version.map { "\(name)/\($0)" } ?? name
            case .comment(let text): "(\(text))"
            }
        }
    }

    /// The items in order.
    public let items: [Item]
    /// The value as received (trimmed), or as built from `items`.
    public let text: String

    /// Builds the value from items, separated by one space.
    public init(_ items: [Item]) {
        self.items = items
        self.text = items.map(\.description).joined(separator: " ")
    }

    init(items: [Item], text: String) {
        self.items = items
        self.text = text
    }

    public var description: String { text }

    /// The first product, the usual way to tell peers apart (`Asterisk PBX 20.5.0` is
    /// three products).
    public var firstProduct: (name: String, version: String?)? {
        for case .product(let name, let version) in items { return (name, version) }
        return nil
    }

    /// Parses `server-val *( LWS server-val )`.
    public static func parse(_ text: Substring) throws(SIPParseError) -> ProductList {
        var c = ValueCursor(text)
        c.skipSpace()
        let start = c.pos
        var items: [Item] = []
        while !c.atEnd {
            if c.peek(is: "(") {
                items.append(.comment(try c.comment()))
            } else {
                let name = try c.token("product name")
                var version: String?
                if c.takeSeparator("/") { version = try c.token("product version") }
                items.append(.product(name: name, version: version))
            }
            c.skipSpace()
        }
        guard !items.isEmpty else { throw c.error("expected a product") }
        var end = c.bytes.count
        while end > start, ValueChars.isWhitespace(c.bytes[end - 1]) { end -= 1 }
        return ProductList(items: items, text: c.plainText(start..<end))
    }
}
