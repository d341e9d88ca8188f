import NAT

/// How one call traverses NATs, resolved from the account and `[network]`.
public struct NATSettings: Sendable, Equatable {
    /// Run ICE (candidates in SDP, connectivity checks) with peers that do it too.
    public var ice: Bool
    /// Where to learn the public address (server-reflexive candidate).
    public var stunServer: TransportAddress?
    /// The TURN relay, how it is reached, and the long-term credentials.
    public var turnServer: TransportAddress?
    public var turnTransport: STUNTransport
    /// TLS on the TCP connection to the TURN server (`turn_transport = "tls"`, RFC 8656
    /// §3.1); nil for plain TCP. Used only with `turnTransport` `.tcp`.
    public var turnTLS: TURNTLSSettings?
    public var turnUser: String?
    public var turnPassword: String?
    /// Signal only the relayed candidate (every path goes through TURN): for privacy, and
    /// for tests that must prove the relay.
    public var relayOnly: Bool
    /// How long gathering may hold up an offer or answer.
    public var gatherTimeout: Duration

    public init(ice: Bool = true, stunServer: TransportAddress? = nil, turnServer: TransportAddress? = nil,
                turnTransport: STUNTransport = .udp, turnUser: String? = nil, turnPassword: String? = nil,
                turnTLS: TURNTLSSettings? = nil, relayOnly: Bool = false, gatherTimeout: Duration = .seconds(2)) {
        self.ice = ice
        self.stunServer = stunServer
        self.turnServer = turnServer
        self.turnTransport = turnTransport
        self.turnUser = turnUser
        self.turnPassword = turnPassword
        self.turnTLS = turnTLS
        self.relayOnly = relayOnly
        self.gatherTimeout = gatherTimeout
    }

    /// Nothing to do: no ICE, no servers.
    public var isEmpty: Bool { !ice && stunServer == nil && turnServer == nil }

    /// Loads the trust store for TURN over TLS, if used, so that the call's media thread
    /// finds it ready; a problem with the CA file, worded for the user, else nil. Call it
    /// off the media thread (it reads files).
    public func prepareTLS() -> String? {
        guard let tls = turnTLS, turnServer != nil else { return nil }
        do {
            _ = try TURNTLSContexts.context(caFile: tls.caFile)
            return nil
        } catch {
            return "TURN over TLS: cannot load the trusted CAs\(tls.caFile.map { " from \($0)" } ?? ""): \(error)"
        }
    }
}

/// TLS to the TURN server: whom the certificate must name, and whom to trust.
public struct TURNTLSSettings: Sendable, Equatable {
    /// The host the user gave for the server: its certificate must carry this DNS name
    /// (sent as SNI too), or, when it is an IP address, this address.
    public var serverName: String
    /// A PEM file of CAs trusted besides the system store (`[network] tls_ca_file`).
    public var caFile: String?

    public init(serverName: String, caFile: String? = nil) {
        self.serverName = serverName
        self.caFile = caFile
    }
}

/// What gathering found, for the SDP of the call's first offer or answer.
public struct NATGathering: Sendable, Equatable {
    /// Our ICE credentials and candidates; nil with ICE off.
    public var ice: ICEDescription?
    /// The address for `c=` and the `m=` port: relayed, else server-reflexive, else the
    /// socket's own (RFC 8839 §4.2.1.2).
    public var defaultAddress: TransportAddress?
    /// Component 2's default address (`a=rtcp`, RFC 3605), while ICE still has two
    /// components; nil once rtcp-mux is agreed or without ICE.
    public var rtcpDefaultAddress: TransportAddress?
    /// The address the STUN server saw (our NAT's public side).
    public var publicAddress: TransportAddress?
    public var relayedAddress: TransportAddress?
    /// Why a server did not help (for the user and the no-media diagnosis).
    public var stunFailure: String?
    public var turnFailure: String?

    public init() {}
}

/// A call's NAT traversal as `nat status` shows it.
public struct NATSnapshot: Sendable, Equatable {
    public var publicAddress: String?
    /// The public address against the socket's own; nil without a public address.
    public var mapping: NATMappingSeen?
    public var relayedAddress: String?
    /// "running", "completed", "failed: …"; nil without ICE.
    public var iceState: String?
    public var role: String?
    public var localCandidates: [String] = []
    public var remoteCandidates: [String] = []
    /// "host 192.0.2.1:4000 -> srflx 198.51.100.7:5000"
    public var selectedPair: String?
    /// Component 2's selected pair (RTCP without rtcp-mux).
    public var selectedRTCPPair: String?
    public var stunFailure: String?
    public var turnFailure: String?
    public var consentLost = false

    public init() {}
}
