/// Symmetric RTP (RFC 4961) with latching: media goes back to the address the peer's
/// packets really come from, which behind a NAT is not the one its SDP names.
///
/// It latches on the first valid packet (valid: parsed as RTP, and authenticated when the
/// stream is SRTP — never on bytes anyone could send). Once latched it moves only when the
/// latched address has been quiet for `rebindAfter` and another one sends valid packets
/// (the peer's NAT rebinding), so two sources at once (forked early media, an attacker
/// spraying packets) cannot make it flap.
public struct RemoteLatch: Sendable {
    /// Where to send now; nil until SDP names an address.
    public private(set) var destination: SocketAddress?
    public private(set) var isLatched = false
    public let rebindAfter: Duration
    private var signalled: SocketAddress?
    private var lastFromDestination: ContinuousClock.Instant?

    public init(signalled: SocketAddress?, rebindAfter: Duration = .seconds(1)) {
        self.signalled = signalled
        self.destination = signalled
        self.rebindAfter = rebindAfter
    }

    /// A valid packet came from `source` at `now`. True when the destination changed.
    public mutating func validPacket(from source: SocketAddress, now: ContinuousClock.Instant) -> Bool {
        if source == destination {
            isLatched = true
            lastFromDestination = now
            return false
        }
        if isLatched, let last = lastFromDestination, last.duration(to: now) < rebindAfter { return false }
        destination = source
        isLatched = true
        lastFromDestination = now
        return true
    }

    /// New SDP from the peer: a new address starts over from it; the same one keeps the latch.
    public mutating func signalled(_ address: SocketAddress?) {
        guard address != signalled else { return }
        signalled = address
        destination = address
        isLatched = false
    }
}
