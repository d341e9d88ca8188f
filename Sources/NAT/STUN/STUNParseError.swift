/// Why bytes are not a usable STUN message.
public enum STUNParseError: Error, Equatable, Sendable {
    case truncated
    /// The first two bits are not zero (RTP, ChannelData, DTLS…).
    case notSTUN
    case badMagicCookie
    /// The length is not a multiple of 4.
    case badLength
    case lengthMismatch(declared: Int, actual: Int)
    /// An attribute's length runs past the end of the message.
    case attributeOverrun
    /// A known attribute whose value has the wrong size or content.
    case malformedAttribute(type: UInt16)
}
