/// Why an RTCP compound packet (or one packet in it) cannot be read.
public enum RTCPParseError: Error, Equatable, Sendable {
    /// Fewer than the 4 bytes of a common header left.
    case tooShort(Int)
    /// A packet's version field is not 2.
    case badVersion(UInt8)
    /// A packet's length field points past the end of the datagram.
    case lengthPastEnd(length: Int, available: Int)
    /// The padding count is zero or larger than the packet body.
    case badPadding(Int)
    /// The packet's count field promises more than its length holds.
    case truncatedBody(type: UInt8)
}
