/// Why a document is not valid TOML 1.0, and where.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var position: TOMLPosition
    /// What is wrong, in words a user can act on (no source text beyond the offending token).
    public var message: String

    public init(_ message: String, at position: TOMLPosition) {
        self.message = message
        self.position = position
    }

    public var line: Int { position.line }
    public var column: Int { position.column }

    public var description: String { "line \(line), column \(column): \(message)" }
}
