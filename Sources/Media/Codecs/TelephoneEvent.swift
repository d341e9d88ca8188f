/// One RFC 4733 event report (§2.3): the payload of a telephone-event RTP packet.
///
///      0                   1                   2                   3
///      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///     |     event     |E|R| volume    |          duration             |
///     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
public struct TelephoneEvent: Hashable, Sendable {
    /// Event code: 0–9 digits, 10 `*`, 11 `#`, 12–15 A–D, 16 flash (§3.2).
    public var event: UInt8
    /// E: this packet reports the end of the event.
    public var end: Bool
    /// R: reserved; sent as 0, ignored on receipt but kept for round trips.
    public var reserved: Bool
    /// Power level in -dBm0, 0…63 (larger is quieter).
    public var volume: UInt8
    /// Duration so far in RTP timestamp units, from the packet's timestamp.
    public var duration: UInt16

    /// Bytes of one event report.
    public static let size = 4

    public init(event: UInt8, end: Bool = false, reserved: Bool = false, volume: UInt8 = 10, duration: UInt16 = 0) {
        self.event = event
        self.end = end
        self.reserved = reserved
        self.volume = volume & 0x3F
        self.duration = duration
    }

    /// Reads the first report of a payload. A payload may carry several reports (§2.5.1.5);
    /// the first is the one in progress for our purposes.
    public init(parsing payload: UnsafeRawBufferPointer) throws(CodecError) {
        guard payload.count >= Self.size else { throw .badPayload("telephone-event payload of \(payload.count) bytes") }
        self.init(
            event: payload[0], end: payload[1] & 0x80 != 0, reserved: payload[1] & 0x40 != 0,
            volume: payload[1] & 0x3F, duration: UInt16(payload[2]) << 8 | UInt16(payload[3]))
    }

    /// Writes the 4 bytes into `payload`; returns 4.
    public func write(into payload: UnsafeMutableRawBufferPointer) throws(CodecError) -> Int {
        guard payload.count >= Self.size else { throw .bufferTooSmall(needed: Self.size) }
        payload[0] = event
        payload[1] = (end ? 0x80 : 0) | (reserved ? 0x40 : 0) | (volume & 0x3F)
        payload[2] = UInt8(duration >> 8)
        payload[3] = UInt8(duration & 0xFF)
        return Self.size
    }
}
