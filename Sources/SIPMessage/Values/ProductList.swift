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
    public var items: [Item]

    public init(_ items: [Item]) { self.items = items }

    /// The value as text, items separated by one space.
    public var text: String { description }
    public var description: String { items.map(\.description).joined(separator: " ") }

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
        return ProductList(items)
    }
}
