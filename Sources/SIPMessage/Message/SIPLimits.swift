/// Bounds the parser and framer hold every message to, so hostile input costs bounded
/// memory and time. Exceeding one is a typed `SIPParseError`, never a trap.
public struct SIPLimits: Sendable, Equatable {
    /// Largest whole message (start line, headers and body), in bytes.
    public var maxMessageSize: Int
    /// Most header fields one message (or one multipart body part) may carry.
    public var maxHeaders: Int
    /// Longest single header field (folded continuation lines included) or start line.
    public var maxHeaderLength: Int
    /// Most body parts a multipart body may hold.
    public var maxMultipartParts: Int

    public init(
        maxMessageSize: Int = 64 * 1024,
        maxHeaders: Int = 256,
        maxHeaderLength: Int = 8 * 1024,
        maxMultipartParts: Int = 32
    ) {
        self.maxMessageSize = maxMessageSize
        self.maxHeaders = maxHeaders
        self.maxHeaderLength = maxHeaderLength
        self.maxMultipartParts = maxMultipartParts
    }
}
