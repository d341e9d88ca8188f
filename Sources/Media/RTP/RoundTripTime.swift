/// Round-trip time from a report block's LSR and DLSR (RFC 3550 §6.4.1):
/// RTT = A − LSR − DLSR, all in the middle 32 bits of NTP time (1/65536 s), where A is
/// when the report arrived by our wall clock — the same clock our SRs were stamped with.
public enum RoundTripTime {
    /// Small negative results come from the peer rounding DLSR; up to this many
    /// 1/65536 s units (about 1 ms) read as zero, anything more negative is nonsense.
    static let roundingSlack: Int32 = 66

    /// RTT in milliseconds, or nil when the report cannot give one: LSR 0 (the peer has
    /// had no SR from us yet), a negative result (clock or peer error), or more than a
    /// minute (a stale or forged LSR).
    public static func milliseconds(arrival: NTPTimestamp, lastSR: UInt32, delaySinceLastSR: UInt32) -> Double? {
        guard lastSR != 0 else { return nil }
        // Wrapping arithmetic: the middle 32 bits wrap every 18 hours.
        let units = Int32(bitPattern: arrival.middle32 &- lastSR &- delaySinceLastSR)
        if units < 0 {
            return units >= -roundingSlack ? 0 : nil
        }
        let ms = Double(units) * 1000 / 65536
        return ms <= 60_000 ? ms : nil
    }
}
