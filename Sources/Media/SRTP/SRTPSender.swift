/// Protects what we send: RTP with `protect`, RTCP with `protectRTCP`, in place.
///
/// Belongs to the media send thread (libsrtp2 sessions are not thread-safe), so it is
/// not `Sendable`. Any SSRC may be sent with it. On re-keying, make a new one.
///
/// The buffer passed in must have room past `length` for the trailer:
/// `suite.rtpTrailerLength` (4, 10 or 16 bytes) for RTP and `suite.rtcpTrailerLength`
/// (14 or 20 bytes) for RTCP; `SRTPSuite.maximumTrailerLength` fits every suite.
public final class SRTPSender {
    private let session: SRTPSession
    public var suite: SRTPSuite { session.suite }

    public init(key: SRTPMasterKey) throws(SRTPError) {
        session = try SRTPSession(key: key, direction: .outbound, replayWindow: 128)
    }

    /// Encrypts and authenticates the RTP packet in `buffer[0..<length]`; returns the new
    /// length. `buffer.count` is the capacity.
    public func protect(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
        try session.protect(buffer, length: length, rtcp: false)
    }

    /// As `protect`, for an RTCP compound packet.
    public func protectRTCP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
        try session.protect(buffer, length: length, rtcp: true)
    }

    /// Protects an RTP packet held in an array, appending the trailer. Does not allocate
    /// when the array has `suite.rtpTrailerLength` bytes of spare capacity.
    public func protect(_ packet: inout [UInt8]) throws(SRTPError) {
        try grow(&packet, by: suite.rtpTrailerLength, rtcp: false)
    }

    /// Protects an RTCP packet held in an array, appending the trailer.
    public func protectRTCP(_ packet: inout [UInt8]) throws(SRTPError) {
        try grow(&packet, by: suite.rtcpTrailerLength, rtcp: true)
    }

    private func grow(_ packet: inout [UInt8], by trailer: Int, rtcp: Bool) throws(SRTPError) {
        let length = packet.count
        packet.append(contentsOf: repeatElement(0, count: trailer))
        let result = packet.withUnsafeMutableBytes { bytes in
            Result { () throws(SRTPError) -> Int in try session.protect(bytes, length: length, rtcp: rtcp) }
        }
        switch result {
        case .success(let n): packet.removeLast(packet.count - n)
        case .failure(let error):
            packet.removeLast(trailer)
            throw error
        }
    }
}
