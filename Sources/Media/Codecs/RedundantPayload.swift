/// RFC 2198 redundant audio payloads ("red"): one packet carries the current frame (the
/// primary block) and copies of earlier ones, each with its own payload type and its
/// timestamp offset back from the packet's timestamp.
///
///     redundant block header (4 bytes):       primary block header (1 byte):
///     |1|  block PT  | timestamp offset (14) | block length (10) |     |0|  block PT  |
///
/// The headers come first, oldest block first, then the blocks' data in the same order.
/// The parser reads hostile input: it never traps, never loops beyond `maxBlocks`, and
/// writes only into the caller's preallocated array.
public enum RedundantPayload {
    /// A block: its payload type, how far back its timestamp lies, and where its bytes are
    /// in the parsed payload.
    public struct Block: Sendable, Equatable {
        public var payloadType: UInt8
        /// Zero for the primary block.
        public var timestampOffset: UInt32
        public var range: Range<Int>

        public init(payloadType: UInt8, timestampOffset: UInt32, range: Range<Int>) {
            self.payloadType = payloadType
            self.timestampOffset = timestampOffset
            self.range = range
        }
    }

    /// Most blocks taken from one packet (three redundant copies and the primary is more
    /// than any sender needs; RFC 2198 sets no limit, we do).
    public static let maxBlocks = 4
    /// The largest block length and timestamp offset a redundant header can carry.
    public static let maxBlockLength = 1023
    public static let maxTimestampOffset: UInt32 = 16383

    /// Why a red payload was refused.
    public enum ParseError: Error, Sendable, Equatable {
        /// Nothing at all, or a header cut short.
        case truncatedHeader
        /// More than `maxBlocks` headers.
        case tooManyBlocks
        /// A block's length goes beyond the packet.
        case blockBeyondPayload(index: Int)
        /// A block claims to be red itself.
        case nestedRedundancy
        /// A redundant block with a zero timestamp offset (it would be the primary).
        case zeroOffset(index: Int)
    }

    /// Parses `payload` into `blocks` (emptied first, capacity kept), oldest first, the
    /// primary last. Zero-length blocks are legal (a sender with nothing to repeat) and
    /// left out. `redPayloadType` is red's own number: a block that carries it is refused.
    public static func parse(_ payload: UnsafeRawBufferPointer, redPayloadType: UInt8,
                             into blocks: inout [Block]) throws(ParseError) {
        blocks.removeAll(keepingCapacity: true)
        var position = 0
        var lengths: (Int, Int, Int) = (0, 0, 0)
        var headers = 0
        // Headers: bounded by maxBlocks, each consumes at least one byte.
        while true {
            guard position < payload.count else { throw .truncatedHeader }
            let first = payload[position]
            let type = first & 0x7F
            if type == redPayloadType & 0x7F { throw .nestedRedundancy }
            if first & 0x80 == 0 {
                position += 1
                break
            }
            guard headers < maxBlocks - 1 else { throw .tooManyBlocks }
            guard position + 4 <= payload.count else { throw .truncatedHeader }
            let b1 = UInt32(payload[position + 1]), b2 = UInt32(payload[position + 2]), b3 = UInt32(payload[position + 3])
            let offset = (b1 << 6) | (b2 >> 2)
            let length = Int(((b2 & 0x03) << 8) | b3)
            if offset == 0 { throw .zeroOffset(index: headers) }
            switch headers {
            case 0: lengths.0 = length
            case 1: lengths.1 = length
            default: lengths.2 = length
            }
            blocks.append(Block(payloadType: type, timestampOffset: offset, range: 0..<0))
            headers += 1
            position += 4
        }
        let primaryType = payload[position - 1] & 0x7F
        for index in 0..<headers {
            let length = index == 0 ? lengths.0 : index == 1 ? lengths.1 : lengths.2
            guard length <= payload.count - position else { throw .blockBeyondPayload(index: index) }
            blocks[index].range = position..<(position + length)
            position += length
        }
        blocks.append(Block(payloadType: primaryType, timestampOffset: 0, range: position..<payload.count))
        blocks.removeAll { $0.range.isEmpty }
    }

    /// Bytes a red payload takes for `redundantLengths` copies and a primary of
    /// `primaryLength`.
    public static func size(redundantLengths: Int, count: Int, primaryLength: Int) -> Int {
        count * 4 + 1 + redundantLengths + primaryLength
    }

    /// Writes one redundant block's header at `offset` in `out` (which must hold 4 bytes
    /// there); values beyond the fields' widths are refused by the caller (`fits`).
    static func writeHeader(payloadType: UInt8, timestampOffset: UInt32, length: Int,
                            into out: UnsafeMutableRawBufferPointer, at offset: Int) {
        out[offset] = 0x80 | (payloadType & 0x7F)
        out[offset + 1] = UInt8(truncatingIfNeeded: timestampOffset >> 6)
        out[offset + 2] = UInt8(truncatingIfNeeded: (timestampOffset & 0x3F) << 2) | UInt8(truncatingIfNeeded: (length >> 8) & 0x03)
        out[offset + 3] = UInt8(truncatingIfNeeded: length & 0xFF)
    }

    /// Whether a block of `length` bytes `timestampOffset` back can be described.
    public static func fits(length: Int, timestampOffset: UInt32) -> Bool {
        length > 0 && length <= maxBlockLength && timestampOffset > 0 && timestampOffset <= maxTimestampOffset
    }
}
