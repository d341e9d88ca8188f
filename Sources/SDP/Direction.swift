/// Which way media flows, from the point of view of the side that wrote the description
/// (RFC 8866 §6.7, RFC 3264 §5.1).
public enum Direction: String, Hashable, Sendable, CaseIterable {
    case sendrecv
    case sendonly
    case recvonly
    case inactive

    public var sends: Bool { self == .sendrecv || self == .sendonly }
    public var receives: Bool { self == .sendrecv || self == .recvonly }

    public init(sends: Bool, receives: Bool) {
        switch (sends, receives) {
        case (true, true): self = .sendrecv
        case (true, false): self = .sendonly
        case (false, true): self = .recvonly
        case (false, false): self = .inactive
        }
    }

    /// The same flow seen from the other side: sendonly ⇄ recvonly.
    public var reversed: Direction { Direction(sends: receives, receives: sends) }
}
