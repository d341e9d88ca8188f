/// A `b=<modifier>:<value>` line (e.g. `AS:64`, `TIAS:64000`, `RR:0`).
public struct Bandwidth: Hashable, Sendable {
    public var modifier: String
    public var value: UInt64

    public init(modifier: String, value: UInt64) {
        self.modifier = modifier
        self.value = value
    }
}
