/// The sending side of one RTP stream: SSRC, sequence numbers, timestamps, and the
/// packet and octet counts for SRs (RFC 3550 §5.1, §6.4.1). Pure and allocation-free;
/// the media thread calls `nextPacket` once per encoded frame and writes the header it
/// returns in front of the payload.
///
/// Timestamps follow the sampling clock: each packet advances them by its duration,
/// frames not sent (DTX) by `skip(units:)`, and a pause (hold, no capture) by the
/// elapsed time when sending resumes, so the receiver sees real time pass. The first
/// packet after any gap carries the marker bit (RFC 3551 §4.1).
///
/// A change to a payload format with another clock rate starts a new SSRC by default
/// (RFC 7160 §4.1: one clock rate per SSRC when RTCP is on), with fresh random sequence
/// and timestamp, or keeps the SSRC and continues the timestamp at the new rate (§4.2).
/// Either way `rtpTimestamp(at:)` maps the stream to the same media timeline, so SRs
/// stay consistent across the change.
public struct RTPSender: Sendable {
    public private(set) var ssrc: UInt32
    public private(set) var payloadType: UInt8
    public private(set) var clockRate: Int
    /// Packet duration (ptime); 20 ms by default.
    public var packetDuration: Duration
    public private(set) var sequenceNumber: UInt16
    /// The timestamp the next packet will carry.
    public private(set) var timestamp: UInt32
    /// Packets and payload octets sent by this SSRC, for the SR (wrap as the SR fields do).
    public private(set) var packetCount: UInt32 = 0
    public private(set) var octetCount: UInt32 = 0

    var markerPending = true
    var pausedAt: ContinuousClock.Instant?
    /// The media timeline: `timestamp` is sampled at `timelineOrigin` plus
    /// `unitsSinceOrigin` clock units (kept as a count so it never drifts).
    var timelineOrigin: ContinuousClock.Instant
    var unitsSinceOrigin: Int64 = 0

    /// Starts a stream at `now` with random SSRC, sequence and timestamp (RFC 3550 §5.1).
    public init(payloadType: UInt8, clockRate: Int, packetDuration: Duration = .milliseconds(20),
                now: ContinuousClock.Instant, random: inout some RandomNumberGenerator) {
        self.ssrc = random.next()
        self.payloadType = payloadType & 0x7F
        self.clockRate = max(clockRate, 1)
        self.packetDuration = packetDuration
        self.sequenceNumber = random.next()
        self.timestamp = random.next()
        self.timelineOrigin = now
    }

    /// RTP timestamp units in one packet at the current ptime and clock rate.
    public var unitsPerPacket: Int {
        Int(DurationUnits.ticks(in: packetDuration, rate: clockRate))
    }

    /// The header for the next packet carrying `payloadBytes` covering `units` of RTP
    /// time (default: one ptime), then advances sequence and timestamp. Resumes first if
    /// paused.
    public mutating func nextPacket(payloadBytes: Int, units: Int? = nil, now: ContinuousClock.Instant) -> RTPHeader {
        if pausedAt != nil { resume(now: now) }
        let header = RTPHeader(marker: markerPending, payloadType: payloadType,
                               sequenceNumber: sequenceNumber, timestamp: timestamp, ssrc: ssrc)
        markerPending = false
        sequenceNumber &+= 1
        packetCount &+= 1
        octetCount &+= UInt32(truncatingIfNeeded: max(payloadBytes, 0))
        advance(units: units ?? unitsPerPacket)
        return header
    }

    /// A frame was captured but not sent (DTX, silence suppression): time moves on and
    /// the next packet starts a talk spurt.
    public mutating func skip(units: Int? = nil) {
        advance(units: units ?? unitsPerPacket)
        markerPending = true
    }

    /// Sending stops (hold, capture stopped). Sequence numbers will continue without a
    /// gap; timestamps will jump by the paused time.
    public mutating func pause(now: ContinuousClock.Instant) {
        guard pausedAt == nil else { return }
        pausedAt = now
    }

    /// Sending resumes at `now`.
    public mutating func resume(now: ContinuousClock.Instant) {
        guard let since = pausedAt else { return }
        pausedAt = nil
        let elapsed = DurationUnits.ticks(in: now - since, rate: clockRate)
        advance(units: Int(max(elapsed, 0)))
        markerPending = true
    }

    /// The RTP timestamp corresponding to wall-clock `now` on this stream's timeline,
    /// for the SR (RFC 3550 §6.4.1). While paused, time still runs.
    public func rtpTimestamp(at now: ContinuousClock.Instant) -> UInt32 {
        let offset = DurationUnits.ticks(in: now - timelineOrigin, rate: clockRate) - unitsSinceOrigin
        return timestamp &+ UInt32(truncatingIfNeeded: offset)
    }

    /// The SR sender information at `now` (`ntp` is the wall clock at the same instant).
    public func senderInfo(ntp: NTPTimestamp, now: ContinuousClock.Instant) -> RTCPSenderInfo {
        RTCPSenderInfo(ntp: ntp, rtpTimestamp: rtpTimestamp(at: now), packetCount: packetCount, octetCount: octetCount)
    }

    /// Switches the payload format. With the same clock rate the stream simply goes on
    /// (same SSRC, sequence and timeline); returns nil.
    ///
    /// With another clock rate, by default (RFC 7160 §4.1) a new SSRC starts with fresh
    /// random sequence and timestamp and its own counts; the old SSRC is returned so
    /// that the engine can send a BYE for it. With `keepSSRC` (RFC 7160 §4.2, for peers
    /// that cannot follow an SSRC change) the stream keeps its SSRC and sequence, and
    /// timestamps go on from the current one at the new rate; returns nil.
    /// Either way the media timeline stays one, and the next packet has the marker.
    public mutating func changeFormat(payloadType: UInt8, clockRate: Int, keepSSRC: Bool = false,
                                      random: inout some RandomNumberGenerator) -> UInt32? {
        self.payloadType = payloadType & 0x7F
        let rate = max(clockRate, 1)
        guard rate != self.clockRate else { return nil }
        // Move the timeline origin to the media time reached, then count in the new rate.
        timelineOrigin = timelineOrigin + DurationUnits.duration(ofTicks: unitsSinceOrigin, rate: self.clockRate)
        unitsSinceOrigin = 0
        self.clockRate = rate
        markerPending = true
        guard !keepSSRC else { return nil }
        let old = ssrc
        let fresh: UInt32 = random.next()
        ssrc = fresh == old ? fresh &+ 1 : fresh
        sequenceNumber = random.next()
        timestamp = random.next()
        packetCount = 0
        octetCount = 0
        return old
    }

    private mutating func advance(units: Int) {
        timestamp &+= UInt32(truncatingIfNeeded: units)
        unitsSinceOrigin &+= Int64(units)
    }
}
