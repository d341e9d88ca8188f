/// The Gilbert–Elliott two-state loss model: a Good and a Bad state, each with its own
/// loss probability; each packet first moves the chain (Good→Bad with `p`, Bad→Good
/// with `r`), then is lost with the new state's probability. With `lossInGood` 0 and
/// `lossInBad` 1 it is the simple Gilbert model: mean burst length 1/r, mean loss
/// p/(p+r).
public struct GilbertElliott: Hashable, Sendable {
    public var p: Double
    public var r: Double
    public var lossInGood: Double
    public var lossInBad: Double
    public private(set) var inBadState = false

    public init(p: Double, r: Double, lossInGood: Double = 0, lossInBad: Double = 1) {
        self.p = p
        self.r = r
        self.lossInGood = lossInGood
        self.lossInBad = lossInBad
    }

    /// Long-run fraction of packets lost.
    public var meanLoss: Double {
        let bad = p + r > 0 ? p / (p + r) : 0
        return bad * lossInBad + (1 - bad) * lossInGood
    }

    /// Advances one packet; true when that packet is lost.
    public mutating func nextIsLost(using random: inout RelayRandom) -> Bool {
        let move = random.unit()
        inBadState = inBadState ? move >= r : move < p
        return random.unit() < (inBadState ? lossInBad : lossInGood)
    }
}
