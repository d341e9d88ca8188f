/// Turns received RFC 4733 packets into one "began" and one "ended" report per event.
///
/// An event is known by its RTP timestamp (§2.5.2): the first packet seen with a new
/// timestamp begins it, whether or not its start packet (marker) arrived; retransmitted
/// ends and late packets of older events are ignored; a new event ends the previous one
/// whose end packets were all lost; a new segment of a long event (same code, timestamp
/// within 0xFFFF after the open one's, §2.5.2.3) continues it rather than beginning anew.
/// The price of that rule: the same key pressed again that soon after an event whose end
/// packets were all lost reads as one long event. Time is the caller's: `expire(at:after:)`
/// ends an event whose end never came once the media clock has moved on.
public struct TelephoneEventReceiver: Sendable {
    /// An event heard for the first time.
    public struct Began: Hashable, Sendable {
        public var event: UInt8
        public var timestamp: UInt32
        public var volume: UInt8

        public init(event: UInt8, timestamp: UInt32, volume: UInt8) {
            self.event = event
            self.timestamp = timestamp
            self.volume = volume
        }
    }

    /// An event that ended; `duration` in timestamp units over all its segments.
    public struct Ended: Hashable, Sendable {
        public var event: UInt8
        public var timestamp: UInt32
        public var duration: Int

        public init(event: UInt8, timestamp: UInt32, duration: Int) {
            self.event = event
            self.timestamp = timestamp
            self.duration = duration
        }
    }

    /// What one packet changed, in order: the previous event ended (its end packets were
    /// lost, this packet shows a new one), this event began, this event ended.
    public struct Report: Hashable, Sendable {
        public var previousEnded: Ended?
        public var began: Began?
        public var ended: Ended?

        public init(previousEnded: Ended? = nil, began: Began? = nil, ended: Ended? = nil) {
            self.previousEnded = previousEnded
            self.began = began
            self.ended = ended
        }

        public static let none = Report()
    }

    private struct Current {
        var event: UInt8
        var timestamp: UInt32          // of the first segment: names the event
        var segmentTimestamp: UInt32
        var segmentOffset: Int         // duration of the segments before this one
        var duration: Int              // latest duration in this segment
        var ended: Bool
    }

    private var current: Current?

    public init() {}

    /// Takes one packet's report and its RTP timestamp.
    public mutating func receive(_ report: TelephoneEvent, timestamp: UInt32) -> Report {
        guard var open = current else { return begin(report, timestamp, previous: nil) }
        if timestamp == open.segmentTimestamp {
            // The same segment: a newer duration, or the (first or repeated) end.
            guard !open.ended else { return .none }
            open.duration = max(open.duration, Int(report.duration))
            if report.end {
                open.ended = true
                current = open
                return Report(ended: Ended(event: open.event, timestamp: open.timestamp, duration: open.segmentOffset + open.duration))
            }
            current = open
            return .none
        }
        // Older than the open segment (serial number arithmetic): a late packet.
        let ahead = Int32(bitPattern: timestamp &- open.segmentTimestamp)
        if ahead < 0 { return .none }
        if !open.ended, report.event == open.event, ahead <= 0xFFFF {
            // The next segment of a long event.
            open.segmentOffset += Int(ahead)
            open.segmentTimestamp = timestamp
            open.duration = Int(report.duration)
            if report.end {
                open.ended = true
                current = open
                return Report(ended: Ended(event: open.event, timestamp: open.timestamp, duration: open.segmentOffset + open.duration))
            }
            current = open
            return .none
        }
        let previous = open.ended ? nil : Ended(event: open.event, timestamp: open.timestamp, duration: open.segmentOffset + open.duration)
        return begin(report, timestamp, previous: previous)
    }

    /// Ends the open event when the RTP clock `now` (of any packet of the stream) is more
    /// than `gap` units past the end it last reported: its end packets were lost.
    public mutating func expire(at now: UInt32, after gap: Int) -> Ended? {
        guard let open = current, !open.ended else { return nil }
        let reportedEnd = open.segmentTimestamp &+ UInt32(truncatingIfNeeded: open.duration)
        guard Int(Int32(bitPattern: now &- reportedEnd)) > gap else { return nil }
        return flush()
    }

    /// Ends the open event, if any (the stream stopped or went quiet too long).
    public mutating func flush() -> Ended? {
        guard let open = current, !open.ended else { return nil }
        current?.ended = true
        return Ended(event: open.event, timestamp: open.timestamp, duration: open.segmentOffset + open.duration)
    }

    private mutating func begin(_ report: TelephoneEvent, _ timestamp: UInt32, previous: Ended?) -> Report {
        current = Current(
            event: report.event, timestamp: timestamp, segmentTimestamp: timestamp, segmentOffset: 0,
            duration: Int(report.duration), ended: report.end)
        let began = Began(event: report.event, timestamp: timestamp, volume: report.volume)
        let ended = report.end ? Ended(event: report.event, timestamp: timestamp, duration: Int(report.duration)) : nil
        return Report(previousEnded: previous, began: began, ended: ended)
    }
}
