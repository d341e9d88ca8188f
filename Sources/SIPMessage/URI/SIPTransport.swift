/// A SIP transport as named in a Via header or a `transport` URI parameter.
public enum SIPTransport: Sendable, Hashable, CustomStringConvertible {
    case udp, tcp, tls, sctp, ws, wss
    /// Any other token, as received.
    case other(String)

    /// Recognizes the names case-insensitively.
    public init(_ name: String) {
        switch ValueChars.lower(name) {
        case "udp": self = .udp
        case "tcp": self = .tcp
        case "tls": self = .tls
        case "sctp": self = .sctp
        case "ws": self = .ws
        case "wss": self = .wss
        default: self = .other(name)
        }
    }

    /// Upper case, as Via headers write it (`UDP`, `TLS` …).
    public var description: String {
        switch self {
        case .udp: "UDP"
        case .tcp: "TCP"
        case .tls: "TLS"
        case .sctp: "SCTP"
        case .ws: "WS"
        case .wss: "WSS"
        case .other(let name): name
        }
    }
}
