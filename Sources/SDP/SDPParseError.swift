/// Why a session description was refused, and where.
///
/// The parser never traps on input: every refusal is one of these. `line` is 1-based and
/// names the SDP line that was being read; `offset` is the byte offset, from the start of
/// the text handed to the parser, where the problem was found.
public struct SDPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line number (0 when the problem is the input as a whole, e.g. its size).
    public var line: Int
    /// Byte offset in the input.
    public var offset: Int
    /// What was wrong, in words a log reader understands.
    public var reason: String

    public init(line: Int, offset: Int, reason: String) {
        self.line = line
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "SDP line \(line) (byte \(offset)): \(reason)" }
}

/// Bounds that keep a hostile description from costing unbounded memory or time.
public struct SDPLimits: Sendable, Equatable {
    /// Largest input accepted, in bytes.
    public var maxBytes: Int
    /// Most lines accepted (blank lines count).
    public var maxLines: Int
    /// Most `m=` lines accepted.
    public var maxMediaDescriptions: Int

    public init(maxBytes: Int = 65_536, maxLines: Int = 2_048, maxMediaDescriptions: Int = 32) {
        self.maxBytes = maxBytes
        self.maxLines = maxLines
        self.maxMediaDescriptions = maxMediaDescriptions
    }

    /// Generous enough for WebRTC offers with many candidates, small enough for a phone.
    public static let standard = SDPLimits()
}
