import Foundation

/// What the relay does to one direction of traffic. All probabilities are per packet,
/// all delays in milliseconds.
public struct Impairment: Hashable, Sendable {
    /// Extra delay drawn per packet.
    public enum Jitter: Hashable, Sendable {
        case none
        /// Uniform in [0, max].
        case uniform(maxMs: Double)
        /// Heavy-tailed: Pareto type II (Lomax), `scale·(U^(-1/shape) − 1)`, capped at
        /// `capMs`. Mean `scale/(shape−1)` for shape > 1; a few packets come very late.
        case pareto(scaleMs: Double, shape: Double, capMs: Double)
    }

    /// Independent random loss.
    public var loss: Double
    /// Bursty loss, applied after (and in addition to) `loss`.
    public var burstLoss: GilbertElliott?
    /// Fixed delay for every packet.
    public var delayMs: Double
    public var jitter: Jitter
    /// Explicit reordering: this share of packets is held back `reorderDelayMs` more.
    public var reorder: Double
    public var reorderDelayMs: Double
    /// This share of packets is sent twice (the copy `duplicateDelayMs` later).
    public var duplicate: Double
    public var duplicateDelayMs: Double

    public init(loss: Double = 0, burstLoss: GilbertElliott? = nil, delayMs: Double = 0, jitter: Jitter = .none,
                reorder: Double = 0, reorderDelayMs: Double = 40, duplicate: Double = 0, duplicateDelayMs: Double = 1) {
        self.loss = loss
        self.burstLoss = burstLoss
        self.delayMs = delayMs
        self.jitter = jitter
        self.reorder = reorder
        self.reorderDelayMs = reorderDelayMs
        self.duplicate = duplicate
        self.duplicateDelayMs = duplicateDelayMs
    }

    /// Passes everything straight through.
    public static let none = Impairment()
}

/// The relay's per-packet choices for one direction, from one seeded generator: pure,
/// so the same seed and the same packet count always give the same decisions.
public struct ImpairmentDecider: Sendable {
    /// What happens to one packet: dropped, or sent after each of `delaysMs` (two
    /// entries when duplicated).
    public struct Decision: Hashable, Sendable {
        public var dropped: Bool
        public var delaysMs: [Double]
        public var reordered: Bool
    }

    public private(set) var impairment: Impairment
    private var random: RelayRandom

    public init(_ impairment: Impairment, seed: UInt64) {
        self.impairment = impairment
        random = RelayRandom(seed: seed)
    }

    /// The decision for the next packet. Always draws the same number of values per
    /// packet so that one impairment's choices do not shift another's.
    public mutating func next() -> Decision {
        let randomLoss = random.unit() < impairment.loss
        var burst = false
        if var model = impairment.burstLoss {
            burst = model.nextIsLost(using: &random)
            impairment.burstLoss = model
        }
        let jitter = jitterMs(random.unit())
        let reordered = random.unit() < impairment.reorder
        let duplicated = random.unit() < impairment.duplicate
        guard !randomLoss, !burst else { return Decision(dropped: true, delaysMs: [], reordered: false) }
        let delay = impairment.delayMs + jitter + (reordered ? impairment.reorderDelayMs : 0)
        let delays = duplicated ? [delay, delay + impairment.duplicateDelayMs] : [delay]
        return Decision(dropped: false, delaysMs: delays, reordered: reordered)
    }

    private func jitterMs(_ u: Double) -> Double {
        switch impairment.jitter {
        case .none: return 0
        case .uniform(let max): return u * max
        case .pareto(let scale, let shape, let cap):
            guard shape > 0 else { return 0 }
            // 1 − u is in (0, 1], so the power is finite.
            return min(scale * (pow(1 - u, -1 / shape) - 1), cap)
        }
    }
}
