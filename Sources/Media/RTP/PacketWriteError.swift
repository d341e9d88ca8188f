/// Why an RTP or RTCP packet could not be written into the caller's buffer.
public enum PacketWriteError: Error, Equatable, Sendable {
    /// The buffer holds fewer bytes than the packet needs.
    case bufferTooSmall(needed: Int)
    /// A field does not fit its wire format (an SDES item over 255 bytes, more than 15
    /// CSRCs, more than 31 SSRCs in a BYE…).
    case valueTooLong(String)
}
