import SIPMessage

/// Server location of RFC 3263 §4: turns a SIP or SIPS URI into the ordered list of
/// (transport, address, port) to try. The logic is pure over `DNSResolving`; failover
/// between the targets is the caller's, helped by `TargetCursor`.
///
/// ```
/// maddr or host ─ numeric? ──────────────────────────────▶ that address
///        │ domain
///        ├─ explicit port ───────────────────────────────▶ A/AAAA
///        ├─ explicit transport ─▶ SRV _sip(s)._proto ────▶ A/AAAA (default port if no SRV)
///        └─ NAPTR ─▶ SRV ─▶ A/AAAA; no NAPTR: SRV per transport; no SRV: A/AAAA, UDP or TLS
/// ```
public struct ServerLocator: Sendable {
    /// What the locator may choose.
    public struct Options: Sendable, Hashable {
        /// Transports we can send on; NAPTR records and URI parameters naming others are skipped.
        public var supportedTransports: Set<SIPTransport>
        /// The SRV queries made for a `sip:` URI when the domain has no NAPTR, in this order.
        public var sipSRVOrder: [SIPTransport]
        /// The same for a `sips:` URI (TLS only, RFC 3263 §4.1).
        public var sipsSRVOrder: [SIPTransport]
        /// Put AAAA addresses before A addresses.
        public var preferIPv6: Bool

        public init(supportedTransports: Set<SIPTransport> = [.udp, .tcp, .tls], sipSRVOrder: [SIPTransport] = [.udp, .tcp],
                    sipsSRVOrder: [SIPTransport] = [.tls], preferIPv6: Bool = false) {
            self.supportedTransports = supportedTransports
            self.sipSRVOrder = sipSRVOrder
            self.sipsSRVOrder = sipsSRVOrder
            self.preferIPv6 = preferIPv6
        }
    }

    public let resolver: any DNSResolving
    public let options: Options

    public init(resolver: any DNSResolving, options: Options = Options()) {
        self.resolver = resolver
        self.options = options
    }

    /// The targets for `uri`, best first, SRV weights drawn from the system generator.
    public func locate(_ uri: SIPURI) async throws(ServerLocationError) -> [SIPTarget] {
        var rng = SystemRandomNumberGenerator()
        return try await locate(uri, using: &rng)
    }

    /// The targets for `uri`, best first; `rng` draws the SRV weights (RFC 2782).
    public func locate<G: RandomNumberGenerator>(_ uri: SIPURI, using rng: inout G) async throws(ServerLocationError) -> [SIPTarget] {
        let host = uri.maddr ?? uri.host
        let transport = try explicitTransport(of: uri)
        let domain: String
        switch host {
        case .ipv4(let a):
            let t = transport ?? defaultTransport(uri)
            return [SIPTarget(transport: t, address: a.description, port: uri.port ?? Self.defaultPort(t))]
        case .ipv6(let a):
            let t = transport ?? defaultTransport(uri)
            return [SIPTarget(transport: t, address: a.description, port: uri.port ?? Self.defaultPort(t))]
        case .domain(let name):
            domain = DNSName.normalized(name)
        }
        var lookup = Lookup(locator: self, domain: domain)
        let targets: [SIPTarget]
        if let port = uri.port {
            targets = await lookup.addresses(of: domain, transport: transport ?? defaultTransport(uri), port: port)
        } else if let transport {
            if let found = try await lookup.viaSRV(Self.srvName(transport, domain: domain), transport: transport, using: &rng) {
                targets = found
            } else {
                targets = await lookup.addresses(of: domain, transport: transport, port: Self.defaultPort(transport))
            }
        } else {
            targets = try await lookup.viaNAPTR(secure: uri.isSecure, using: &rng)
        }
        guard !targets.isEmpty else { throw .noTargets(domain: domain, cause: lookup.firstError) }
        return targets
    }

    /// The `transport` parameter as the transport to use; on a SIPS URI `tcp` means TLS.
    private func explicitTransport(of uri: SIPURI) throws(ServerLocationError) -> SIPTransport? {
        guard var transport = uri.transport else { return nil }
        if uri.isSecure {
            if transport == .tcp { transport = .tls }
            guard transport == .tls else { throw .unsupportedTransport(transport) }
        }
        guard options.supportedTransports.contains(transport) else { throw .unsupportedTransport(transport) }
        return transport
    }

    private func defaultTransport(_ uri: SIPURI) -> SIPTransport { uri.isSecure ? .tls : .udp }

    /// 5061 for TLS, 5060 otherwise (RFC 3261 §19.1.2).
    public static func defaultPort(_ transport: SIPTransport) -> UInt16 { transport == .tls ? 5061 : 5060 }

    /// `_sips._tcp.`, `_sip._tcp.` or `_sip._udp.` + domain.
    public static func srvName(_ transport: SIPTransport, domain: String) -> String {
        switch transport {
        case .tls: "_sips._tcp." + domain
        case .tcp: "_sip._tcp." + domain
        default: "_sip._udp." + domain
        }
    }

    /// The NAPTR service fields of RFC 3263 §4.1 and the transports they mean.
    static let naptrServices: [String: SIPTransport] = ["sip+d2u": .udp, "sip+d2t": .tcp, "sips+d2t": .tls]
}
