/// Why a datagram is not a valid RTP packet. The receive path counts and drops these.
public enum RTPParseError: Error, Equatable, Sendable {
    /// Shorter than the 12-byte fixed header.
    case tooShort(Int)
    /// The version field is not 2.
    case badVersion(UInt8)
    /// The CSRC list runs past the end of the datagram.
    case truncatedCSRCList
    /// The header extension (or its length word) runs past the end of the datagram.
    case truncatedExtension
    /// The padding count is zero or larger than what follows the header.
    case badPadding(Int)
}
