import CSRTP

/// One libsrtp2 session with a single wildcard-SSRC policy: `ssrc_any_outbound` for
/// what we send, `ssrc_any_inbound` for what we receive, so the peer's SSRC need not be
/// known in advance and an SSRC change on either side needs no re-keying. libsrtp2
/// sessions are not thread-safe; the owner uses it from one thread at a time.
final class SRTPSession {
    enum Direction { case inbound, outbound }

    let suite: SRTPSuite
    private let srtp: SRTPLibrary
    private let context: OpaquePointer

    init(key: SRTPMasterKey, direction: Direction, replayWindow: Int) throws(SRTPError) {
        let srtp = try SRTPLibrary.load()
        if let error = SRTPError(status: srtp.initStatus) { throw error }
        self.srtp = srtp
        suite = key.suite
        var policy = srtp_policy_t()
        key.suite.setPolicies(rtp: &policy.rtp, rtcp: &policy.rtcp, using: srtp)
        policy.ssrc = srtp_ssrc_t(type: direction == .outbound ? ssrc_any_outbound : ssrc_any_inbound, value: 0)
        // libsrtp2 accepts 64…32767; it keeps its own copy of the key.
        policy.window_size = UInt(min(max(replayWindow, 64), 0x7FFF))
        policy.allow_repeat_tx = 0
        policy.next = nil
        var material = key.keySalt
        // Padding: some libsrtp2 versions read a full 14-byte salt slot even for GCM.
        material.append(contentsOf: repeatElement(0, count: 16))
        var created: OpaquePointer? = nil
        let status = material.withUnsafeMutableBufferPointer { bytes in
            policy.key = bytes.baseAddress
            return srtp.create(&created, &policy)
        }
        for i in material.indices { material[i] = 0 }
        // The library refuses a policy it has no cipher or MAC for (GCM without a backend).
        guard status == srtp_err_status_ok, let created else { throw .unsupportedSuite(key.suite) }
        context = created
    }

    deinit { _ = srtp.dealloc(context) }

    func protect(_ buffer: UnsafeMutableRawBufferPointer, length: Int, rtcp: Bool) throws(SRTPError) -> Int {
        let trailer = rtcp ? suite.rtcpTrailerLength : suite.rtpTrailerLength
        guard length >= 0, length <= buffer.count, length <= Int(Int32.max) - trailer else {
            throw .badLength(length)
        }
        guard buffer.count - length >= trailer else { throw .insufficientCapacity(needed: length + trailer) }
        let header = rtcp ? PacketCheck.rtcpHeaderValid(buffer, length: length)
            : PacketCheck.rtpHeaderLength(buffer, length: length) != nil
        guard header, let base = buffer.baseAddress else { throw .malformedPacket }
        var len = Int32(length)
        let status = rtcp ? srtp.protect_rtcp(context, base, &len) : srtp.protect(context, base, &len)
        if let error = SRTPError(status: status) { throw error }
        return Int(len)
    }

    func unprotect(_ buffer: UnsafeMutableRawBufferPointer, length: Int, rtcp: Bool) throws(SRTPError) -> Int {
        guard length >= 0, length <= buffer.count, length <= Int(Int32.max) else { throw .badLength(length) }
        let trailer = rtcp ? suite.rtcpTrailerLength : suite.rtpTrailerLength
        if rtcp {
            guard length >= 8 + trailer else { throw .badLength(length) }
            guard PacketCheck.rtcpHeaderValid(buffer, length: length) else { throw .malformedPacket }
        } else {
            guard let header = PacketCheck.rtpHeaderLength(buffer, length: length - min(length, trailer)) else {
                throw length < 12 + trailer ? .badLength(length) : .malformedPacket
            }
            guard length >= header + trailer else { throw .badLength(length) }
        }
        guard let base = buffer.baseAddress else { throw .badLength(length) }
        var len = Int32(length)
        let status = rtcp ? srtp.unprotect_rtcp(context, base, &len) : srtp.unprotect(context, base, &len)
        if let error = SRTPError(status: status) { throw error }
        // libsrtp never grows a packet on unprotect; clamp anyway so callers can trust it.
        return min(max(Int(len), 0), length)
    }
}
