/// Appends RTCP packets to a caller-provided buffer (RFC 3550 §6.4–6.6), building a
/// compound packet in place. Allocation-free when given collections that are (e.g.
/// `CollectionOfOne`, or an array the caller keeps).
public struct RTCPWriter {
    private let buffer: UnsafeMutableRawBufferPointer
    /// Bytes written so far: the length of the compound packet.
    public private(set) var count = 0

    public init(_ buffer: UnsafeMutableRawBufferPointer) {
        self.buffer = buffer
    }

    /// The most report blocks (or BYE sources) one packet's 5-bit count field holds.
    public static let maxCount = 31

    /// SR with our sender information and up to 31 reception reports.
    public mutating func senderReport(ssrc: UInt32, info: RTCPSenderInfo,
                                      blocks: some Collection<RTCPReportBlock>) throws(PacketWriteError) {
        guard blocks.count <= Self.maxCount else { throw .valueTooLong("\(blocks.count) report blocks") }
        let length = 8 + RTCPSenderInfo.size + blocks.count * RTCPReportBlock.size
        let at = try reserve(length)
        writeCommonHeader(at: at, count: blocks.count, type: RTCPPacketType.senderReport, length: length)
        buffer.storeBE32(ssrc, at: at + 4)
        info.write(into: buffer, at: at + 8)
        for (i, block) in blocks.enumerated() {
            block.write(into: buffer, at: at + 8 + RTCPSenderInfo.size + i * RTCPReportBlock.size)
        }
    }

    /// RR with up to 31 reception reports (none is valid: an empty RR heads a compound
    /// from a receiver that has heard nobody yet).
    public mutating func receiverReport(ssrc: UInt32, blocks: some Collection<RTCPReportBlock>) throws(PacketWriteError) {
        guard blocks.count <= Self.maxCount else { throw .valueTooLong("\(blocks.count) report blocks") }
        let length = 8 + blocks.count * RTCPReportBlock.size
        let at = try reserve(length)
        writeCommonHeader(at: at, count: blocks.count, type: RTCPPacketType.receiverReport, length: length)
        buffer.storeBE32(ssrc, at: at + 4)
        for (i, block) in blocks.enumerated() {
            block.write(into: buffer, at: at + 8 + i * RTCPReportBlock.size)
        }
    }

    /// SDES with one chunk carrying our CNAME (RFC 3550 §6.5.1).
    public mutating func sourceDescription(ssrc: UInt32, cname: String) throws(PacketWriteError) {
        let utf8 = cname.utf8
        guard utf8.count <= 255 else { throw .valueTooLong("CNAME of \(utf8.count) bytes") }
        // SSRC + type + length + value + at least one null octet, rounded up to a word.
        let chunk = (4 + 2 + utf8.count + 1 + 3) / 4 * 4
        let length = 4 + chunk
        let at = try reserve(length)
        writeCommonHeader(at: at, count: 1, type: RTCPPacketType.sourceDescription, length: length)
        buffer.storeBE32(ssrc, at: at + 4)
        buffer[at + 8] = RTCPSourceDescriptionChunk.cnameItem
        buffer[at + 9] = UInt8(utf8.count)
        var i = at + 10
        for byte in utf8 {
            buffer[i] = byte
            i += 1
        }
        while i < at + length {
            buffer[i] = 0
            i += 1
        }
    }

    /// BYE for `ssrcs` with an optional reason (at most 255 bytes).
    public mutating func goodbye(ssrcs: some Collection<UInt32>, reason: String? = nil) throws(PacketWriteError) {
        guard ssrcs.count <= Self.maxCount else { throw .valueTooLong("\(ssrcs.count) SSRCs") }
        let reasonBytes = reason?.utf8.count ?? 0
        guard reasonBytes <= 255 else { throw .valueTooLong("BYE reason of \(reasonBytes) bytes") }
        let reasonLength = reason == nil ? 0 : (1 + reasonBytes + 3) / 4 * 4
        let length = 4 + 4 * ssrcs.count + reasonLength
        let at = try reserve(length)
        writeCommonHeader(at: at, count: ssrcs.count, type: RTCPPacketType.goodbye, length: length)
        for (i, ssrc) in ssrcs.enumerated() {
            buffer.storeBE32(ssrc, at: at + 4 + 4 * i)
        }
        if let reason {
            var i = at + 4 + 4 * ssrcs.count
            buffer[i] = UInt8(reasonBytes)
            i += 1
            for byte in reason.utf8 {
                buffer[i] = byte
                i += 1
            }
            while i < at + length {
                buffer[i] = 0
                i += 1
            }
        }
    }

    private mutating func reserve(_ length: Int) throws(PacketWriteError) -> Int {
        guard count + length <= buffer.count else { throw .bufferTooSmall(needed: count + length) }
        let at = count
        count += length
        return at
    }

    private func writeCommonHeader(at offset: Int, count: Int, type: UInt8, length: Int) {
        buffer[offset] = 0x80 | UInt8(count)
        buffer[offset + 1] = type
        buffer.storeBE16(UInt16(length / 4 - 1), at: offset + 2)
    }
}
