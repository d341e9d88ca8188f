/// Reception statistics for the remote source (RFC 3550 A.1, A.3, A.8): sequence
/// validation with probation, the extended highest sequence, loss, interarrival
/// jitter, and the LSR/DLSR bookkeeping for our report blocks.
///
/// Fed once per received RTP packet on the media thread (allocation-free); read once
/// per RTCP interval by `makeReportBlock(now:)`. One value follows one SSRC: another
/// SSRC that sends MIN_SEQUENTIAL packets in sequence replaces it and restarts the
/// statistics (the peer changed codec clock, or a PBX bridged in another source).
///
/// Beyond A.1, a 64-packet window behind the highest sequence recognises duplicates, so
/// they neither count as received (which would hide real loss) nor as loss.
public struct ReceiverStatistics: Sendable {
    /// What became of one packet.
    public enum Verdict: Equatable, Sendable {
        /// In sequence (or an acceptable gap): play it.
        case accepted
        /// Arrived after a later packet but within the window: play it if still useful.
        case reordered
        /// Seen already: drop it.
        case duplicate
        /// Still proving the source (MIN_SEQUENTIAL): not counted. Playable at the
        /// engine's choice.
        case probation
        /// A jump too large to be loss; dropped unless the next packet follows it, in
        /// which case the source restarted.
        case badSequence
        /// The sender restarted its sequence (two sequential packets after a big
        /// jump): statistics start again from this packet, which is accepted.
        case restarted
        /// Another SSRC took over (it sent MIN_SEQUENTIAL packets in sequence):
        /// statistics start again for it from this packet, which is accepted. The
        /// jitter buffer should start afresh too.
        case newSource
    }

    static let minSequential = 2
    static let maxDropout: UInt16 = 3000
    static let maxMisorder: UInt16 = 100
    static let sequenceModulo: UInt32 = 65536

    /// The source being followed; nil before the first packet.
    public internal(set) var ssrc: UInt32?
    /// RTP clock of the current payload format, for jitter in milliseconds.
    public internal(set) var clockRate: Int

    var maxSequence: UInt16 = 0
    var cycles: UInt32 = 0
    var baseSequence: UInt32 = 0
    var badSequence: UInt32 = sequenceModulo + 1
    var probation = 0
    /// Bit i set: extended sequence (highest − i) has arrived.
    var seenWindow: UInt64 = 0

    /// Packets counted as received (duplicates excluded).
    public internal(set) var packetsReceived: Int64 = 0
    /// Payload octets of counted packets.
    public internal(set) var octetsReceived: Int64 = 0
    public internal(set) var duplicates: Int64 = 0
    public internal(set) var reorderedPackets: Int64 = 0
    var expectedPrior: Int64 = 0
    var receivedPrior: Int64 = 0
    /// The fraction lost computed by the last report block, 0…1.
    public internal(set) var lastFractionLost: Double = 0

    /// Interarrival jitter in timestamp units (A.8 keeps it as a float to avoid the
    /// rounding bias of the integer version).
    public internal(set) var jitter: Double = 0
    var lastTransit: Int64?
    var arrivalOrigin: ContinuousClock.Instant?

    /// Another SSRC proving itself before it replaces the current one.
    var candidate: (ssrc: UInt32, sequence: UInt16, count: Int)?

    var lastSRMiddle: UInt32 = 0
    var lastSRArrival: ContinuousClock.Instant?

    public init(clockRate: Int) {
        self.clockRate = max(clockRate, 1)
    }

    /// The extended highest sequence number received (cycles in the high 16 bits).
    public var extendedHighestSequence: UInt32 { cycles &+ UInt32(maxSequence) }

    /// Packets expected since the base sequence (A.3).
    public var packetsExpected: Int64 {
        guard ssrc != nil, probation == 0 else { return 0 }
        return Int64(extendedHighestSequence) - Int64(baseSequence) + 1
    }

    /// Cumulative packets lost; negative when late packets of a restarted count arrive.
    public var cumulativeLost: Int64 { packetsExpected - packetsReceived }

    /// Jitter in milliseconds at the current clock rate.
    public var jitterMilliseconds: Double { jitter * 1000 / Double(clockRate) }

    /// Changes the clock rate (new payload format on the same SSRC): jitter continues,
    /// but the next transit time starts afresh since timestamps changed meaning.
    public mutating func setClockRate(_ rate: Int) {
        guard rate != clockRate, rate > 0 else { return }
        jitter = jitter * Double(rate) / Double(clockRate)
        clockRate = rate
        lastTransit = nil
    }

    /// Records an SR from the source: its NTP time (for LSR) and when it arrived (for DLSR).
    public mutating func senderReportReceived(ntp: NTPTimestamp, at arrival: ContinuousClock.Instant) {
        lastSRMiddle = ntp.middle32
        lastSRArrival = arrival
    }
}
