/// Settings of a `JitterBuffer`. Delays are in milliseconds; the buffer works in RTP
/// timestamp units internally (`clockRate` per second).
public struct JitterBufferConfiguration: Sendable, Equatable {
    /// RTP timestamp units per second (8000 for PCMU/PCMA/G.722, 48000 for Opus).
    public var clockRate: Int
    /// Length of one output frame (one playout tick): 10 or 20 ms.
    public var frameMs: Int
    /// Most packets held at once; the oldest is dropped beyond it.
    public var capacity: Int
    /// Largest payload accepted; larger ones are discarded (counted).
    public var maxPayloadBytes: Int
    /// Bounds of the target delay.
    public var minDelayMs: Int
    public var maxDelayMs: Int
    /// Fraction of recent packets that should arrive in time (0.97: 3 % may be late).
    public var quantile: Double
    /// Added to the quantile, so that packets near it are not late by a millisecond.
    public var marginMs: Int
    /// Per-packet forgetting factor of the delay histogram (0.995: about 200 packets).
    public var forgetFactor: Double
    /// How fast the target may fall when jitter goes away (it rises at once).
    public var targetFallMsPerSecond: Int
    /// How long the minimum transit time is remembered (tracks clock drift and routes).
    public var transitWindowMs: Int
    /// Accelerate when the delay exceeds the target by more than this.
    public var accelerateAboveMs: Int
    /// Stretch (preemptive expand) when the delay is below the target by more than this.
    public var expandBelowMs: Int
    /// Concealment of an empty buffer lasts this long; after it the gap is taken as
    /// silence (DTX, outage) and playout restarts at the target delay.
    public var maxConcealMs: Int
    /// Packet duration assumed until one is known.
    public var defaultPacketMs: Int
    /// Payload type of RFC 3389 comfort noise, or nil.
    public var comfortNoisePayloadType: UInt8?
    /// While the peer sends redundant copies (RFC 2198), the target delay is at least
    /// their span plus the jitter and `marginMs`, so a lost packet's copy can come in
    /// time; the floor goes this long after the last copy arrived.
    public var redundancyHoldMs: Int = 4000

    public init(
        clockRate: Int, frameMs: Int = 20, capacity: Int = 100, maxPayloadBytes: Int = 1500,
        minDelayMs: Int = 20, maxDelayMs: Int = 500, quantile: Double = 0.97, marginMs: Int = 5,
        forgetFactor: Double = 0.995, targetFallMsPerSecond: Int = 10, transitWindowMs: Int = 2000,
        accelerateAboveMs: Int = 15, expandBelowMs: Int = 5, maxConcealMs: Int = 100,
        defaultPacketMs: Int = 20, comfortNoisePayloadType: UInt8? = 13
    ) {
        self.clockRate = max(clockRate, 1000)
        self.frameMs = min(max(frameMs, 5), 60)
        self.capacity = max(capacity, 4)
        self.maxPayloadBytes = max(maxPayloadBytes, 1)
        self.minDelayMs = max(minDelayMs, 0)
        self.maxDelayMs = max(maxDelayMs, self.minDelayMs)
        self.quantile = min(max(quantile, 0.5), 0.999)
        self.marginMs = max(marginMs, 0)
        self.forgetFactor = min(max(forgetFactor, 0.9), 0.99999)
        self.targetFallMsPerSecond = max(targetFallMsPerSecond, 0)
        self.transitWindowMs = max(transitWindowMs, 100)
        self.accelerateAboveMs = max(accelerateAboveMs, 1)
        self.expandBelowMs = max(expandBelowMs, 1)
        self.maxConcealMs = max(maxConcealMs, self.frameMs)
        self.defaultPacketMs = min(max(defaultPacketMs, 5), 120)
        self.comfortNoisePayloadType = comfortNoisePayloadType
    }

    /// RTP units in `ms` milliseconds.
    func units(ms: Int) -> Int { ms * clockRate / 1000 }
    /// Milliseconds in `units` RTP units.
    func ms(units: Int64) -> Double { Double(units) * 1000 / Double(clockRate) }
}
