/// Splits a TCP (or TLS) byte stream from a TURN server into STUN messages and ChannelData
/// frames (RFC 8656 §12.5: over streams, ChannelData is padded to 4 bytes). The buffer is
/// allocated once at `capacity`; frames are handed out in place.
///
/// Use: `let taken = framer.append(chunk)`, then `while let r = try framer.nextFrame({ … })`,
/// then append the rest of the chunk if `taken` was short.
public struct TURNStreamFramer: Sendable {
    public enum Error: Swift.Error, Equatable, Sendable {
        /// A frame starts with neither STUN's 00 nor ChannelData's 01 bits, or a STUN
        /// length that is not a multiple of 4: the stream is out of step; close it.
        case desynchronised(firstByte: UInt8)
    }

    private var buffer: [UInt8]
    private var start = 0
    private var end = 0

    /// The default fits the largest frame (4 + 65,535 + padding) twice over.
    public init(capacity: Int = 2 * 65_544) {
        buffer = [UInt8](repeating: 0, count: max(capacity, 65_544))
    }

    /// Bytes buffered but not yet handed out as a frame.
    public var buffered: Int { end - start }

    /// Copies in as much of `bytes` as fits; returns how many were taken.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        if buffer.count - end < bytes.count, start > 0 {
            // Move the unread tail to the front (one memmove, no allocation).
            let count = end - start
            buffer.withUnsafeMutableBytes { raw in
                if let base = raw.baseAddress { base.copyMemory(from: base + start, byteCount: count) }
            }
            start = 0
            end = count
        }
        let taken = min(bytes.count, buffer.count - end)
        buffer.withUnsafeMutableBytes { raw in
            if let out = raw.baseAddress, let source = bytes.baseAddress { (out + end).copyMemory(from: source, byteCount: taken) }
        }
        end += taken
        return taken
    }

    /// Calls `body` with the next whole frame (a STUN message, or a ChannelData message
    /// without its padding) and consumes it; nil when no whole frame is buffered yet.
    public mutating func nextFrame<R>(_ body: (UnsafeRawBufferPointer) -> R) throws(Error) -> R? {
        let available = end - start
        guard available >= 4 else { return nil }
        let (first, length) = buffer.withUnsafeBytes { raw in (raw[start], Int(STUNWire.u16(raw, start + 2))) }
        let frame: Int, consumed: Int
        switch first & 0xc0 {
        case 0x00:
            guard length % 4 == 0 else { throw .desynchronised(firstByte: first) }
            frame = STUNWire.headerSize + length
            consumed = frame
        case 0x40:
            frame = 4 + length
            consumed = (frame + 3) & ~3
        default:
            throw .desynchronised(firstByte: first)
        }
        guard available >= consumed else { return nil }
        let from = start
        start += consumed
        if start == end { start = 0; end = 0 }
        return buffer.withUnsafeBytes { raw in body(UnsafeRawBufferPointer(rebasing: raw[from..<(from + frame)])) }
    }
}
