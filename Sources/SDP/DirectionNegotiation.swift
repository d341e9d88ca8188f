/// RFC 3264 §6.1 direction rules, and the RFC 2543 hold form.
public enum DirectionNegotiation {
    /// What `description` means for `media`, with `c=0.0.0.0` (RFC 2543 hold, RFC 3264
    /// §8.4) read as "do not send to me": the receive half is removed. Not with ICE: an
    /// ICE offer carries 0.0.0.0 (port 9) before its candidates are known (trickle ICE,
    /// RFC 8840), and that is no hold.
    public static func declared(_ media: MediaDescription, in description: SessionDescription) -> Direction {
        let d = description.effectiveDirection(for: media)
        guard description.connection(for: media)?.isHoldAddress == true,
              description.iceCredentials(for: media) == nil, media.candidates.isEmpty else { return d }
        return Direction(sends: d.sends, receives: false)
    }

    /// The direction to answer with: we send only if the offerer receives and we want to
    /// send; we receive only if the offerer sends and we want to receive. So sendonly →
    /// recvonly (or inactive when we hold too), recvonly → sendonly, inactive → inactive,
    /// sendrecv → what we want.
    public static func answer(offered: Direction, wanted: Direction) -> Direction {
        Direction(sends: offered.receives && wanted.sends, receives: offered.sends && wanted.receives)
    }
}
