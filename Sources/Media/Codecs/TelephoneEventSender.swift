/// The packets that carry one RFC 4733 event, as a pure schedule: call `next()` once per
/// packet interval and send what it returns.
///
/// - The first packet has the RTP marker bit set (§2.5.1.2).
/// - Every later packet repeats the event's timestamp with the duration so far (§2.5.1.2).
/// - The end is sent three times with E set and the final duration (§2.5.1.4).
/// - Durations cannot pass 0xFFFF: a longer event is split into segments (§2.5.1.3). The
///   packet that reaches 0xFFFF closes a segment without E; the next segment starts at
///   timestamp + 0xFFFF without the marker and counts its duration from there.
public struct TelephoneEventSender: Sendable {
    /// One packet to send.
    public struct Packet: Hashable, Sendable {
        public var event: TelephoneEvent
        public var timestamp: UInt32
        public var marker: Bool
    }

    public let event: UInt8
    public let volume: UInt8
    /// Timestamp units between packets (the packet interval, e.g. 160 for 20 ms at 8 kHz).
    public let interval: Int
    /// Total duration in timestamp units; nil until `stop()` for a key still held.
    public private(set) var total: Int?

    /// Time elapsed since the event began, at the last packet.
    private var elapsed = 0
    /// Where the current segment began, relative to the event's start, and its timestamp.
    private var segmentStart = 0
    private var segmentTimestamp: UInt32
    private var sentFirst = false
    private var endsSent = 0
    private static let endRepeats = 3
    private static let maxDuration = 0xFFFF

    /// An event that starts at RTP `timestamp` and lasts `duration` timestamp units (nil:
    /// until `stop()`), reported every `interval` units.
    public init(event: UInt8, volume: UInt8 = 10, duration: Int?, interval: Int, timestamp: UInt32) {
        self.event = event
        self.volume = volume & 0x3F
        self.interval = max(1, interval)
        self.total = duration.map { max(1, $0) }
        self.segmentTimestamp = timestamp
    }

    /// Ends an open-ended event at the time reported so far plus one interval.
    public mutating func stop() {
        if total == nil { total = max(1, elapsed + interval) }
    }

    /// True once the three end packets have been produced.
    public var isFinished: Bool { endsSent >= Self.endRepeats }

    /// The packet for the next interval, nil when finished.
    public mutating func next() -> Packet? {
        guard !isFinished else { return nil }
        if endsSent > 0 {  // repeat the end
            endsSent += 1
            return packet(duration: elapsed - segmentStart, end: true)
        }
        var now = elapsed + interval
        if let total { now = min(now, total) }
        elapsed = now
        let segmentDuration = elapsed - segmentStart
        if segmentDuration >= Self.maxDuration, !(elapsed == total && segmentDuration == Self.maxDuration) {
            // Close this segment at the limit; the rest counts in the next one.
            let closing = packet(duration: Self.maxDuration, end: false)
            segmentStart += Self.maxDuration
            segmentTimestamp &+= UInt32(Self.maxDuration)
            return closing
        }
        if elapsed == total {
            endsSent = 1
            return packet(duration: segmentDuration, end: true)
        }
        return packet(duration: segmentDuration, end: false)
    }

    private mutating func packet(duration: Int, end: Bool) -> Packet {
        let marker = !sentFirst
        sentFirst = true
        return Packet(
            event: TelephoneEvent(event: event, end: end, volume: volume, duration: UInt16(clamping: duration)),
            timestamp: segmentTimestamp, marker: marker)
    }
}
