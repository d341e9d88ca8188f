import SIPMessage

/// The Via rules a transport applies (RFC 3261 §18.1.1, §18.2.1; RFC 3581). Pure functions.
public enum ViaRules {
    /// Stamps an incoming request's top Via (RFC 3261 §18.2.1, RFC 3581 §4): `received=`
    /// with the source address when the sent-by host differs from it, or whenever the
    /// client asked for `rport`; `rport=` filled with the source port when asked for.
    /// Requests without a parseable top Via are returned unchanged (the UA answers 400).
    public static func stampReceived(_ message: SIPMessage, sourceAddress: String, sourcePort: UInt16) -> SIPMessage {
        guard message.request != nil, var via = TopVia.read(message) else { return message }
        let source = Host.parseAddress(Substring(sourceAddress))
        let rportRequested = via.rport == .requested
        let sentByMatches = source.map { via.host.isEquivalent(to: $0) } ?? false
        if !sentByMatches || rportRequested {
            via.parameters.set("received", sourceAddress)
        }
        if rportRequested {
            via.parameters.set("rport", String(sourcePort))
        }
        var out = message
        TopVia.replace(in: &out, with: via)
        return out
    }

    /// The top Via a client puts on a request it sends (RFC 3261 §8.1.1.7, §18.1.1):
    /// `SIP/2.0/<TRANSPORT> <sent-by>;branch=z9hG4bK<random>;rport` (RFC 3581 §3).
    public static func clientVia(transport: SIPTransport, sentBy: SentBy, branch: String = newBranch()) -> Via {
        Via(transport: transport, host: sentBy.host, port: sentBy.port,
            parameters: [GenericParameter("branch", branch), GenericParameter("rport")])
    }

    /// Adds `clientVia(...)` as the topmost Via of `message`.
    public static func stampTopVia(_ message: SIPMessage, transport: SIPTransport, sentBy: SentBy,
                                   branch: String = newBranch()) -> SIPMessage {
        var out = message
        var headers = out.headers
        let via = clientVia(transport: transport, sentBy: sentBy, branch: branch)
        let at = headers.firstIndex(where: { $0.hasName("Via") }) ?? 0
        headers.insert(SIPHeaderField(name: "Via", value: via.description), at: at)
        out.headers = headers
        return out
    }

    /// A fresh RFC 3261 branch: the magic cookie and 64 random bits in hex.
    public static func newBranch() -> String {
        var rng = SystemRandomNumberGenerator()
        let bits = rng.next() as UInt64
        let hex = String(bits, radix: 16)
        return "z9hG4bK" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Where the server saw a response's request come from, when the top Via carries
    /// `received` or `rport=<port>`; nil when it carries neither.
    public static func publicAddress(fromResponse message: SIPMessage) -> PublicAddress? {
        guard message.response != nil, let via = TopVia.read(message) else { return nil }
        var port: UInt16?
        if case .port(let p) = via.rport { port = p }
        let received = via.received
        guard received != nil || port != nil else { return nil }
        let host = received ?? via.host
        return PublicAddress(transport: via.transport, address: host.bareAddress,
                             port: port ?? via.port ?? defaultPort(via.transport),
                             differsFromSentBy: !(host.isEquivalent(to: via.host)) || (port != nil && port != via.port))
    }

    /// 5061 for TLS, 5060 otherwise (RFC 3261 §19.1.2).
    public static func defaultPort(_ transport: SIPTransport) -> UInt16 {
        switch transport {
        case .tls, .wss: 5061
        default: 5060
        }
    }
}

/// The host and port a Via sent-by names.
public struct SentBy: Sendable, Hashable {
    public var host: Host
    public var port: UInt16?
    public init(host: Host, port: UInt16?) {
        self.host = host
        self.port = port
    }
}

/// How the outside sees us, as a server reported it in `received`/`rport`.
public struct PublicAddress: Sendable, Hashable {
    public var transport: SIPTransport
    public var address: String
    public var port: UInt16
    /// Whether it differs from the sent-by we wrote (we are behind a NAT, or bound a wildcard).
    public var differsFromSentBy: Bool
}
