/// A `t=` line with the `r=` lines that follow it. Repeat lines are kept as sent: a
/// softphone only ever sees `t=0 0`.
public struct Timing: Hashable, Sendable {
    public var start: UInt64
    public var stop: UInt64
    /// Values of the `r=` lines, in order.
    public var repeats: [String]

    public init(start: UInt64 = 0, stop: UInt64 = 0, repeats: [String] = []) {
        self.start = start
        self.stop = stop
        self.repeats = repeats
    }

    /// `t=0 0`: a session that is not bounded in time.
    public static let unbounded = Timing()
}
