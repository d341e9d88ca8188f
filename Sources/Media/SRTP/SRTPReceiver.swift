/// Verifies and decrypts what we receive: SRTP with `unprotect`, SRTCP with
/// `unprotectRTCP`, in place. Keeps a replay window per SSRC it has seen.
///
/// Belongs to the media receive thread (libsrtp2 sessions are not thread-safe), so it
/// is not `Sendable`. Any SSRC is accepted, including one that changes mid-call. Every
/// failure is a typed error for that packet alone: drop the packet and count it.
public final class SRTPReceiver {
    private let session: SRTPSession
    public var suite: SRTPSuite { session.suite }

    /// `replayWindow`: how many packets back a late packet is still accepted (64…32767).
    /// 1024 covers 20 s of 20 ms packets reordered by a jitter buffer's worth of delay.
    public init(key: SRTPMasterKey, replayWindow: Int = 1024) throws(SRTPError) {
        session = try SRTPSession(key: key, direction: .inbound, replayWindow: replayWindow)
    }

    /// Authenticates and decrypts the SRTP packet in `buffer[0..<length]`; returns the RTP
    /// length (the trailer removed).
    public func unprotect(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
        try session.unprotect(buffer, length: length, rtcp: false)
    }

    /// As `unprotect`, for an SRTCP packet.
    public func unprotectRTCP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
        try session.unprotect(buffer, length: length, rtcp: true)
    }

    /// Unprotects an SRTP packet held in an array, shortening it to the RTP packet.
    public func unprotect(_ packet: inout [UInt8]) throws(SRTPError) {
        try shrink(&packet, rtcp: false)
    }

    /// Unprotects an SRTCP packet held in an array.
    public func unprotectRTCP(_ packet: inout [UInt8]) throws(SRTPError) {
        try shrink(&packet, rtcp: true)
    }

    private func shrink(_ packet: inout [UInt8], rtcp: Bool) throws(SRTPError) {
        let length = packet.count
        let result = packet.withUnsafeMutableBytes { bytes in
            Result { () throws(SRTPError) -> Int in try session.unprotect(bytes, length: length, rtcp: rtcp) }
        }
        packet.removeLast(length - (try result.get()))
    }
}
