/// Walks the packets of an RTCP compound datagram in place (RFC 3550 §6.1, A.2).
///
/// Validation follows A.2 but is lenient where real peers are: every packet must be
/// version 2 and lie wholly inside the datagram, and padding counts must be sane, but
/// the first packet need not be SR/RR (RFC 5506 reduced-size RTCP sends feedback
/// alone) and padding is accepted on any packet. Each step advances at least 4 bytes,
/// so a length field of zero cannot loop; after an error `next()` returns nil.
///
/// The report arrays and SDES values allocate; RTCP arrives once every few seconds.
public struct RTCPReader {
    private let datagram: UnsafeRawBufferPointer
    private var offset = 0

    public init(_ datagram: UnsafeRawBufferPointer) {
        self.datagram = datagram
    }

    /// The next packet, nil at the end. Throws on the first malformed packet; the
    /// packets before it were good and may be used.
    public mutating func next() throws(RTCPParseError) -> RTCPPacket? {
        let remaining = datagram.count - offset
        guard remaining > 0 else { return nil }
        do {
            return try readPacket(remaining: remaining)
        } catch {
            offset = datagram.count
            throw error
        }
    }

    private mutating func readPacket(remaining: Int) throws(RTCPParseError) -> RTCPPacket {
        guard remaining >= 4 else { throw .tooShort(remaining) }
        let start = offset
        let first = datagram[start]
        let version = first >> 6
        guard version == 2 else { throw .badVersion(version) }
        let count = first & 0x1F
        let type = datagram[start + 1]
        let length = 4 * (Int(datagram.be16(start + 2)) + 1)
        guard length <= remaining else { throw .lengthPastEnd(length: length, available: remaining) }
        var end = start + length
        if first & 0x20 != 0 {
            let padding = Int(datagram[end - 1])
            guard padding > 0, padding <= length - 4 else { throw .badPadding(padding) }
            end -= padding
        }
        offset = start + length
        let body = (start + 4)..<end
        switch type {
        case RTCPPacketType.senderReport: return try senderReport(body, count: Int(count))
        case RTCPPacketType.receiverReport: return try receiverReport(body, count: Int(count))
        case RTCPPacketType.sourceDescription: return try sourceDescription(body, count: Int(count), packetStart: start)
        case RTCPPacketType.goodbye: return try goodbye(body, count: Int(count))
        default:
            let ssrc = body.count >= 4 ? datagram.be32(body.lowerBound) : nil
            return .other(type: type, count: count, ssrc: ssrc)
        }
    }

    private func reportBlocks(at offset: Int, count: Int) -> [RTCPReportBlock] {
        var blocks: [RTCPReportBlock] = []
        blocks.reserveCapacity(count)
        for i in 0..<count {
            blocks.append(RTCPReportBlock(reading: datagram, at: offset + i * RTCPReportBlock.size))
        }
        return blocks
    }

    private func senderReport(_ body: Range<Int>, count: Int) throws(RTCPParseError) -> RTCPPacket {
        guard body.count >= 4 + RTCPSenderInfo.size + count * RTCPReportBlock.size else {
            throw .truncatedBody(type: RTCPPacketType.senderReport)
        }
        let at = body.lowerBound
        return .senderReport(RTCPSenderReport(
            ssrc: datagram.be32(at), senderInfo: RTCPSenderInfo(reading: datagram, at: at + 4),
            reportBlocks: reportBlocks(at: at + 4 + RTCPSenderInfo.size, count: count)))
    }

    private func receiverReport(_ body: Range<Int>, count: Int) throws(RTCPParseError) -> RTCPPacket {
        guard body.count >= 4 + count * RTCPReportBlock.size else {
            throw .truncatedBody(type: RTCPPacketType.receiverReport)
        }
        let at = body.lowerBound
        return .receiverReport(RTCPReceiverReport(
            ssrc: datagram.be32(at), reportBlocks: reportBlocks(at: at + 4, count: count)))
    }

    /// SDES chunks: an SSRC, items of (type, length, value), a null item, then zero
    /// padding to the next 32-bit boundary of the packet (RFC 3550 §6.5).
    private func sourceDescription(_ body: Range<Int>, count: Int, packetStart: Int) throws(RTCPParseError) -> RTCPPacket {
        let truncated = RTCPParseError.truncatedBody(type: RTCPPacketType.sourceDescription)
        var chunks: [RTCPSourceDescriptionChunk] = []
        var at = body.lowerBound
        for _ in 0..<count {
            guard at + 4 <= body.upperBound else { throw truncated }
            var chunk = RTCPSourceDescriptionChunk(ssrc: datagram.be32(at), items: [])
            at += 4
            while true {
                // A chunk that runs to the end of the body without its null item is
                // accepted: some stacks omit it when the items end on a word boundary.
                guard at < body.upperBound else { break }
                let itemType = datagram[at]
                if itemType == 0 {
                    at += 1
                    at = packetStart + (at - packetStart + 3) / 4 * 4
                    break
                }
                guard at + 2 <= body.upperBound else { throw truncated }
                let itemLength = Int(datagram[at + 1])
                let valueStart = at + 2
                guard valueStart + itemLength <= body.upperBound else { throw truncated }
                let value = UnsafeRawBufferPointer(rebasing: datagram[valueStart..<(valueStart + itemLength)])
                chunk.items.append(.init(type: itemType, value: Array(value)))
                at = valueStart + itemLength
            }
            chunks.append(chunk)
        }
        return .sourceDescription(chunks)
    }

    private func goodbye(_ body: Range<Int>, count: Int) throws(RTCPParseError) -> RTCPPacket {
        let ssrcEnd = body.lowerBound + 4 * count
        guard ssrcEnd <= body.upperBound else { throw .truncatedBody(type: RTCPPacketType.goodbye) }
        let ssrcs = (0..<count).map { datagram.be32(body.lowerBound + 4 * $0) }
        var reason: String?
        if ssrcEnd < body.upperBound {
            // A reason longer than the packet is cut, not refused: the SSRCs matter more.
            let length = min(Int(datagram[ssrcEnd]), body.upperBound - ssrcEnd - 1)
            reason = String(decoding: UnsafeRawBufferPointer(rebasing: datagram[(ssrcEnd + 1)..<(ssrcEnd + 1 + length)]),
                            as: UTF8.self)
        }
        return .goodbye(RTCPGoodbye(ssrcs: ssrcs, reason: reason))
    }
}

/// Whole-compound helpers over `RTCPReader`.
public enum RTCPCompound {
    /// All packets of `datagram`, or the first error.
    public static func parse(_ datagram: UnsafeRawBufferPointer) throws(RTCPParseError) -> [RTCPPacket] {
        guard datagram.count >= 4 else { throw .tooShort(datagram.count) }
        var reader = RTCPReader(datagram)
        var packets: [RTCPPacket] = []
        while let packet = try reader.next() { packets.append(packet) }
        return packets
    }

    public static func parse(_ bytes: [UInt8]) throws(RTCPParseError) -> [RTCPPacket] {
        let result: Result<[RTCPPacket], RTCPParseError> = bytes.withUnsafeBytes { raw in
            Result { () throws(RTCPParseError) in try parse(raw) }
        }
        return try result.get()
    }
}
