import SIPMessage

extension ServerLocator {
    /// One location's DNS steps; it remembers the first lookup error for the report.
    struct Lookup {
        let locator: ServerLocator
        let domain: String
        var firstError: DNSError?

        init(locator: ServerLocator, domain: String) {
            self.locator = locator
            self.domain = domain
        }

        /// NAPTR → SRV → A/AAAA, then SRV per transport without NAPTR, then A/AAAA.
        mutating func viaNAPTR<G: RandomNumberGenerator>(secure: Bool, using rng: inout G) async throws(ServerLocationError) -> [SIPTarget] {
            let usable = naptrChoices(await records(domain, .naptr), secure: secure)
            var targets: [SIPTarget] = []
            for (transport, replacement) in usable {
                // A replacement without servers ("." or no SRV) only removes that choice.
                if let found = try? await viaSRV(replacement, transport: transport, using: &rng) {
                    append(found, to: &targets)
                }
            }
            if !usable.isEmpty, !targets.isEmpty { return targets }
            var sawSRV = false
            var unavailable = false
            let order = secure ? locator.options.sipsSRVOrder : locator.options.sipSRVOrder
            for transport in order where locator.options.supportedTransports.contains(transport) && (!secure || transport == .tls) {
                do {
                    if let found = try await viaSRV(ServerLocator.srvName(transport, domain: domain), transport: transport, using: &rng) {
                        sawSRV = true
                        append(found, to: &targets)
                    }
                } catch {
                    unavailable = true  // "." for this transport: say so only if nothing else works
                }
            }
            if sawSRV { return targets }
            if unavailable { throw .serviceUnavailable(domain: domain) }
            let transport: SIPTransport = secure ? .tls : .udp
            guard locator.options.supportedTransports.contains(transport) else { throw .unsupportedTransport(transport) }
            return await addresses(of: domain, transport: transport, port: ServerLocator.defaultPort(transport))
        }

        /// Usable NAPTR records as (transport, SRV name), by order then preference.
        func naptrChoices(_ records: [DNSRecord], secure: Bool) -> [(SIPTransport, String)] {
            let naptrs = records.compactMap { record -> NAPTRRecord? in
                if case .naptr(let n) = record.data { n } else { nil }
            }
            return naptrs
                .filter { $0.flags.lowercased() == "s" && $0.replacement != "." }
                .sorted { ($0.order, $0.preference) < ($1.order, $1.preference) }
                .compactMap { naptr -> (SIPTransport, String)? in
                    guard let t = ServerLocator.naptrServices[naptr.services.lowercased()],
                          locator.options.supportedTransports.contains(t), !secure || t == .tls else { return nil }
                    return (t, naptr.replacement)
                }
        }

        /// The targets of the SRV records at `name`; nil when there are none, so the caller
        /// falls back; throws when the only record is the "." of RFC 2782.
        mutating func viaSRV<G: RandomNumberGenerator>(_ name: String, transport: SIPTransport,
                                                       using rng: inout G) async throws(ServerLocationError) -> [SIPTarget]? {
            let srvs = await records(name, .srv).compactMap { record -> SRVRecord? in
                if case .srv(let s) = record.data { s } else { nil }
            }
            guard !srvs.isEmpty else { return nil }
            let offered = srvs.filter { $0.target != "." }
            guard !offered.isEmpty else { throw .serviceUnavailable(domain: domain) }
            var targets: [SIPTarget] = []
            for srv in SRVOrdering.order(offered, using: &rng) {
                append(await addresses(of: srv.target, transport: transport, port: srv.port), to: &targets)
            }
            return targets
        }

        /// A and AAAA of `host`, each address a target; `serverName` is the SIP domain
        /// (RFC 5922 §4: certificates are checked against it, not the SRV target).
        mutating func addresses(of host: String, transport: SIPTransport, port: UInt16) async -> [SIPTarget] {
            let families: [DNSRecordType] = locator.options.preferIPv6 ? [.aaaa, .a] : [.a, .aaaa]
            var targets: [SIPTarget] = []
            for family in families {
                for record in await records(host, family) {
                    switch record.data {
                    case .a(let address), .aaaa(let address):
                        append([SIPTarget(transport: transport, address: address, port: port, serverName: domain)], to: &targets)
                    default: continue
                    }
                }
            }
            return targets
        }

        /// A lookup whose failure counts as "no records", remembered for the error report.
        private mutating func records(_ name: String, _ type: DNSRecordType) async -> [DNSRecord] {
            do {
                return try await locator.resolver.resolve(name, type)
            } catch {
                if firstError == nil, let dnsError = error as? DNSError { firstError = dnsError }
                return []
            }
        }

        private func append(_ new: [SIPTarget], to targets: inout [SIPTarget]) {
            for target in new where !targets.contains(target) { targets.append(target) }
        }
    }
}
