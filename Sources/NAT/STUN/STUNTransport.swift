/// The transport a STUN or TURN client talks to its server over.
public enum STUNTransport: Sendable, Equatable {
    case udp
    /// TCP (or TLS over TCP): one send, reliability is the stream's.
    case tcp
}
