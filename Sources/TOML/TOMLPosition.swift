/// A place in TOML source: 1-based line and column. Columns count Unicode scalars, so a
/// position points where an editor's cursor would be on a line of non-ASCII text.
public struct TOMLPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Line 1, column 1.
    public static let start = TOMLPosition(line: 1, column: 1)

    public static func < (a: TOMLPosition, b: TOMLPosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}
