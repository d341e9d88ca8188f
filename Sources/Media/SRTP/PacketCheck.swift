/// Header checks done before handing a packet to libsrtp2, so that hostile input is
/// refused with a typed error instead of relying on the library's own bounds checks.
enum PacketCheck {
    /// The RTP header length (fixed part, CSRCs and extension), or nil when the first
    /// `length` bytes are not a version-2 RTP header that fits.
    static func rtpHeaderLength(_ p: UnsafeMutableRawBufferPointer, length: Int) -> Int? {
        guard length >= 12, length <= p.count, p[0] >> 6 == 2 else { return nil }
        var header = 12 + Int(p[0] & 0x0F) * 4
        if p[0] & 0x10 != 0 {
            guard length >= header + 4 else { return nil }
            let words = Int(p[header + 2]) << 8 | Int(p[header + 3])
            header += 4 + words * 4
        }
        return header <= length ? header : nil
    }

    /// True when the first `length` bytes start with a version-2 RTCP header.
    static func rtcpHeaderValid(_ p: UnsafeMutableRawBufferPointer, length: Int) -> Bool {
        length >= 8 && length <= p.count && p[0] >> 6 == 2
    }
}
