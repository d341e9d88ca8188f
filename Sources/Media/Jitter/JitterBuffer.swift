/// The adaptive jitter buffer of one receive stream: RTP packets in, one playout
/// decision at a time out. Pure: times are passed in (milliseconds of any monotonic
/// clock), nothing is allocated after init.
///
/// Timeline: the buffer keeps the sequence number and RTP timestamp of the next audio
/// to play. When the playout needs audio it asks `nextAction`; the answer decodes the
/// next packet, conceals a gap (later packets are here but not this one, or the buffer
/// ran dry), rebuilds a single lost packet from the next one's FEC, or plays silence
/// when nothing is lost (start, DTX, comfort noise). While the buffer runs dry the
/// timeline waits: a packet that turns up late but before its successors is still
/// played, and the delay grows by the concealed time. After `maxConcealMs` of that, or
/// at a timestamp jump (a new talk-spurt after DTX), playout restarts once the head
/// packet has waited the target delay: that is where the delay adapts without time
/// stretching. In between, `timeScaleAdvice` compares the current delay with the
/// target and asks the playout to accelerate or expand, which also absorbs clock drift.
public struct JitterBuffer {
    enum Phase: Equatable { case buffering, playing }

    public let configuration: JitterBufferConfiguration
    var store: PacketStore
    var estimator: DelayEstimator
    var phase: Phase = .buffering
    var ssrc: UInt32?
    var sequences = SequenceUnwrapper(bits: 16)
    var timestamps = SequenceUnwrapper(bits: 32)
    /// Next packet and timestamp to play; nil before the first packet.
    var nextSequence: Int64?
    var nextTimestamp: Int64 = 0
    /// Units concealed at `nextTimestamp` while waiting for its packet.
    var credit = 0
    var lastDuration: Int
    var noiseLevel: UInt8?
    /// The latest RFC 3389 payload (level and reflection coefficients), kept for the
    /// comfort noise generator; `noiseGeneration` changes whenever a new one arrives.
    var noisePayload = [UInt8](repeating: 0, count: 1 + ComfortNoisePayload.maxOrder)
    var noisePayloadCount = 0
    var noiseGeneration = 0
    /// Bit i set: sequence nextSequence-1-i was played (to tell duplicates from late).
    var played: UInt64 = 0
    var counters = JitterBufferStatistics()
    /// Span of the redundant copies the peer sends (RTP units) and when the last one
    /// arrived (ms); the floor they put under the target delay, updated per action.
    var redundancyUnits = 0
    var redundancyArrival = Int.min / 2
    var redundancyFloorMs = 0

    /// Sequence jumps larger than this restart the stream.
    static let maxSequenceJump: Int64 = 1000

    public init(configuration: JitterBufferConfiguration) {
        self.configuration = configuration
        store = PacketStore(capacity: configuration.capacity, maxPayloadBytes: configuration.maxPayloadBytes)
        estimator = DelayEstimator(settings: .init(
            minDelayMs: configuration.minDelayMs, maxDelayMs: configuration.maxDelayMs,
            quantile: configuration.quantile, marginMs: configuration.marginMs,
            forgetFactor: configuration.forgetFactor, fallMsPerSecond: configuration.targetFallMsPerSecond,
            windowMs: configuration.transitWindowMs))
        lastDuration = configuration.units(ms: configuration.defaultPacketMs)
    }

    /// What happened to an inserted packet.
    public enum InsertOutcome: Sendable, Equatable {
        case stored
        case duplicate
        /// Its playout time has passed.
        case late
        /// Full buffer or oversized payload.
        case discarded
    }

    /// Adds one received RTP packet; copies `payload`. `arrival` is in milliseconds on
    /// the same clock as `now` in `nextAction`. `units` is the packet's duration in RTP
    /// units when known (from the codec), else it is inferred from timestamps.
    /// `redundancyOffset` > 0 marks a copy from an RFC 2198 redundant block, that many
    /// units before its packet's own timestamp: it only fills a hole (a stored or played
    /// packet wins), is not counted as a received, duplicate or late packet, and does not
    /// feed the delay estimate (its arrival says nothing of its own transit).
    @discardableResult
    public mutating func insert(
        sequence: UInt16, timestamp: UInt32, marker: Bool, ssrc: UInt32, payloadType: UInt8,
        payload: UnsafeRawBufferPointer, arrival: Int, units: Int? = nil, redundancyOffset: Int = 0
    ) -> InsertOutcome {
        let redundant = redundancyOffset > 0
        if redundant {
            guard self.ssrc == ssrc else { return .discarded }
            counters.copiesReceived += 1
            // The deepest copy of recent packets sets the span (one packet carries several).
            let span = min(redundancyOffset, configuration.units(ms: configuration.maxDelayMs))
            let recent = arrival &- redundancyArrival <= configuration.redundancyHoldMs
            redundancyUnits = recent ? max(redundancyUnits, span) : span
            redundancyArrival = arrival
        } else {
            counters.packetsReceived += 1
        }
        if self.ssrc != ssrc {
            if self.ssrc != nil { restart() }
            self.ssrc = ssrc
        }
        if let reference = nextSequence ?? store.first?.sequence {
            let distance = sequences.peek(UInt32(sequence)) - reference
            if distance > Self.maxSequenceJump || distance < -Self.maxSequenceJump { restart() }
        }
        let extendedSequence = sequences.unwrap(UInt32(sequence))
        let extendedTimestamp = timestamps.unwrap(timestamp)

        if !redundant, store.confirmCopy(sequence: extendedSequence) {
            // Reordered behind a later packet that carried its copy: not a loss, not a
            // duplicate, and what plays is not counted as rebuilt.
            estimator.update(arrival: arrival, timestampMs: configuration.ms(units: extendedTimestamp))
            return .stored
        }
        if store.contains(sequence: extendedSequence) || wasPlayed(extendedSequence) {
            if !redundant { counters.packetsDuplicate += 1 }
            return .duplicate
        }
        if let next = nextSequence, extendedSequence < next {
            if !redundant {
                estimator.update(arrival: arrival, timestampMs: configuration.ms(units: extendedTimestamp))
                counters.packetsLate += 1
            }
            return .late
        }
        if !redundant { estimator.update(arrival: arrival, timestampMs: configuration.ms(units: extendedTimestamp)) }
        guard payload.count <= configuration.maxPayloadBytes else {
            counters.packetsDiscarded += 1
            return .discarded
        }
        if store.isFull {
            // Keep the newest audio: the oldest is the one most likely stale.
            guard let oldest = store.first, oldest.sequence < extendedSequence else {
                counters.packetsDiscarded += 1
                return .discarded
            }
            store.remove(at: 0)
            counters.packetsDiscarded += 1
        }
        let validUnits = units.flatMap { $0 > 0 && $0 <= configuration.units(ms: 120) ? $0 : nil }
        let info = PacketInfo(sequence: extendedSequence, timestamp: extendedTimestamp, marker: marker,
                              payloadType: payloadType, duration: validUnits, arrival: arrival, length: payload.count,
                              redundant: redundant)
        return store.insert(info, payload: payload) ? .stored : .discarded
    }

    /// Calls `body` with the payload of a packet from `nextAction`.
    public func withPayload<R>(of packet: JitterPacket, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try store.withPayload(slot: packet.slot, body)
    }

    /// Counters and delays (the playout adds its own frame counters).
    public var statistics: JitterBufferStatistics {
        var s = counters
        s.targetDelayMs = targetDelayMs
        return s
    }

    /// The target delay in milliseconds: the estimator's, or more while redundant copies
    /// arrive (`redundancyFloorMs`).
    public var targetDelayMs: Int { max(estimator.targetDelayMs, redundancyFloorMs) }

    /// Sets the floor redundancy puts under the target delay at `now`, while copies come:
    /// the last copy of a packet arrives the copies' span after it would have, and with
    /// the jitter any packet has, so the span is added to the jitter the target covers.
    mutating func updateRedundancyFloor(now: Int) {
        guard redundancyUnits > 0, now &- redundancyArrival <= configuration.redundancyHoldMs else {
            redundancyFloorMs = 0
            return
        }
        let span = configuration.ms(units: Int64(redundancyUnits))
        redundancyFloorMs = min(Int((span + estimator.jitterQuantileMs).rounded(.up)) + configuration.marginMs,
                                configuration.maxDelayMs)
    }

    /// Forgets the stream (new SSRC or a jump): packets, timeline and timing reference;
    /// what was learned about the network's jitter stays.
    mutating func restart() {
        counters.streamResets += 1
        store.removeAll()
        sequences.reset()
        timestamps.reset()
        estimator.resetReference()
        nextSequence = nil
        credit = 0
        played = 0
        noiseLevel = nil
        phase = .buffering
    }

    func wasPlayed(_ sequence: Int64) -> Bool {
        guard let next = nextSequence, sequence < next else { return false }
        let age = next - 1 - sequence
        return age < 64 && (played >> UInt64(age)) & 1 == 1
    }

    /// Moves the timeline past `sequence`, remembering whether it was played.
    mutating func advance(past sequence: Int64, played wasPlayed: Bool) {
        let step = sequence + 1 - (nextSequence ?? sequence)
        if step >= 64 { played = 0 } else if step > 0 { played <<= UInt64(step) }
        if wasPlayed { played |= 1 }
        nextSequence = sequence + 1
    }
}
