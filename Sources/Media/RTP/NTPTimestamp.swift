/// A 64-bit NTP timestamp (RFC 3550 §4): seconds since 1900-01-01 and a binary
/// fraction. Built from a wall-clock time the caller reads; never reads a clock itself.
public struct NTPTimestamp: Equatable, Hashable, Sendable {
    /// Seconds between the NTP epoch (1900) and the Unix epoch (1970).
    public static let unixEpochOffset: Int64 = 2_208_988_800

    public var seconds: UInt32
    public var fraction: UInt32

    public init(seconds: UInt32, fraction: UInt32) {
        self.seconds = seconds
        self.fraction = fraction
    }

    /// The timestamp for `unixTime`, a wall-clock time since 1970 (e.g. from
    /// `clock_gettime(CLOCK_REALTIME)`). Seconds wrap in 2036 as NTP era 0 does.
    public init(unixTime: Duration) {
        let (secs, attos) = unixTime.components
        // 2^32 / 1e9 per nanosecond; the product stays below 2^63.
        let nanos = UInt64(clamping: max(attos, 0) / 1_000_000_000)
        self.seconds = UInt32(truncatingIfNeeded: secs &+ Self.unixEpochOffset)
        self.fraction = UInt32(truncatingIfNeeded: (nanos << 32) / 1_000_000_000)
    }

    /// The 64-bit wire value.
    public init(_ value: UInt64) {
        self.init(seconds: UInt32(truncatingIfNeeded: value >> 32), fraction: UInt32(truncatingIfNeeded: value))
    }

    public var value: UInt64 { UInt64(seconds) << 32 | UInt64(fraction) }

    /// The middle 32 bits, in units of 1/65536 s: what LSR and the RTT arithmetic use.
    public var middle32: UInt32 { UInt32(truncatingIfNeeded: value >> 16) }
}
