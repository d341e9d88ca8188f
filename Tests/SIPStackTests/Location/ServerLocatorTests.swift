import SIPMessage
import Testing
@testable import SIPStack

private func locate(_ uri: String, _ resolver: FakeDNSResolver, options: ServerLocator.Options = .init(),
                    seed: UInt64 = 1) async throws -> [SIPTarget] {
    var rng = DNSTestRNG(seed: seed)
    return try await ServerLocator(resolver: resolver, options: options).locate(try SIPURI.parse(uri), using: &rng)
}

/// A domain with NAPTR → SRV → A/AAAA for UDP, TCP and TLS.
private func fullDomain() async -> FakeDNSResolver {
    let r = FakeDNSResolver()
    await r.add("example.test",
                .naptr(NAPTRRecord(order: 20, preference: 10, flags: "s", services: "SIP+D2U", regexp: "", replacement: "_sip._udp.example.test")),
                .naptr(NAPTRRecord(order: 10, preference: 20, flags: "S", services: "SIP+D2T", regexp: "", replacement: "_sip._tcp.example.test")),
                .naptr(NAPTRRecord(order: 10, preference: 10, flags: "s", services: "SIPS+D2T", regexp: "", replacement: "_sips._tcp.example.test")),
                .naptr(NAPTRRecord(order: 5, preference: 10, flags: "s", services: "SIP+D2S", regexp: "", replacement: "_sip._sctp.example.test")),
                .a("192.0.2.99"))
    await r.add("_sip._udp.example.test", .srv(SRVRecord(priority: 10, weight: 0, port: 5070, target: "udp.example.test")))
    await r.add("_sip._tcp.example.test", .srv(SRVRecord(priority: 10, weight: 0, port: 5080, target: "tcp.example.test")))
    await r.add("_sips._tcp.example.test", .srv(SRVRecord(priority: 10, weight: 0, port: 5091, target: "tls.example.test")))
    await r.add("_sip._sctp.example.test", .srv(SRVRecord(priority: 10, weight: 0, port: 5090, target: "sctp.example.test")))
    await r.add("udp.example.test", .a("192.0.2.1"), .aaaa("2001:db8::1"))
    await r.add("tcp.example.test", .a("192.0.2.2"))
    await r.add("tls.example.test", .a("192.0.2.3"))
    await r.add("sctp.example.test", .a("192.0.2.4"))
    return r
}

@Test func numericHostSkipsDNS() async throws {
    let r = FakeDNSResolver()
    #expect(try await locate("sip:alice@192.0.2.7", r) == [SIPTarget(transport: .udp, address: "192.0.2.7", port: 5060)])
    #expect(try await locate("sips:alice@192.0.2.7", r) == [SIPTarget(transport: .tls, address: "192.0.2.7", port: 5061)])
    #expect(try await locate("sip:alice@[2001:db8::7]:5099;transport=tcp", r)
        == [SIPTarget(transport: .tcp, address: "2001:db8::7", port: 5099)])
    #expect(try await locate("sip:alice@192.0.2.7;transport=tls", r) == [SIPTarget(transport: .tls, address: "192.0.2.7", port: 5061)])
    #expect(await r.asked.isEmpty)
}

@Test func maddrOverridesTheHost() async throws {
    let r = await fullDomain()
    #expect(try await locate("sip:alice@example.test;maddr=198.51.100.5", r) == [SIPTarget(transport: .udp, address: "198.51.100.5", port: 5060)])
    await r.add("other.test", .a("198.51.100.6"))
    #expect(try await locate("sip:alice@example.test:5999;maddr=other.test", r)
        == [SIPTarget(transport: .udp, address: "198.51.100.6", port: 5999, serverName: "other.test")])
}

@Test func naptrOrderThenPreferenceFiltersUnsupported() async throws {
    let r = await fullDomain()
    #expect(try await locate("sip:alice@example.test", r) == [
        Located.tls("192.0.2.3", 5091), Located.tcp("192.0.2.2", 5080), Located.udp("192.0.2.1", 5070), Located.udp("2001:db8::1", 5070),
    ])
    let asked = await r.asked
    #expect(asked.first == DNSQuestion(name: "example.test", type: .naptr))
    #expect(!asked.contains(DNSQuestion(name: "_sip._sctp.example.test", type: .srv)))
}

@Test func sipsKeepsOnlyTLS() async throws {
    let r = await fullDomain()
    #expect(try await locate("sips:alice@example.test", r) == [Located.tls("192.0.2.3", 5091)])
}

@Test func supportedTransportsAndIPv6PreferenceAreOptions() async throws {
    let r = await fullDomain()
    let udpOnly = ServerLocator.Options(supportedTransports: [.udp], preferIPv6: true)
    #expect(try await locate("sip:alice@example.test", r, options: udpOnly) == [Located.udp("2001:db8::1", 5070), Located.udp("192.0.2.1", 5070)])
    await #expect(throws: ServerLocationError.unsupportedTransport(.tcp)) {
        try await locate("sip:alice@example.test;transport=tcp", r, options: udpOnly)
    }
    await #expect(throws: ServerLocationError.unsupportedTransport(.udp)) { try await locate("sips:alice@example.test;transport=udp", r) }
    await #expect(throws: ServerLocationError.unsupportedTransport(.sctp)) { try await locate("sip:alice@192.0.2.1;transport=sctp", r) }
}

@Test func explicitPortSkipsNAPTRAndSRV() async throws {
    let r = await fullDomain()
    #expect(try await locate("sip:alice@example.test:5062", r) == [Located.udp("192.0.2.99", 5062)])
    #expect(try await locate("sips:alice@example.test:5063", r) == [Located.tls("192.0.2.99", 5063)])
    #expect(try await locate("sip:alice@example.test:5064;transport=tcp", r) == [Located.tcp("192.0.2.99", 5064)])
    #expect(await r.asked.allSatisfy { $0.type == .a || $0.type == .aaaa })
}

@Test func explicitTransportGoesStraightToSRV() async throws {
    let r = await fullDomain()
    #expect(try await locate("sip:alice@example.test;transport=tcp", r) == [Located.tcp("192.0.2.2", 5080)])
    #expect(try await locate("sips:alice@example.test;transport=tcp", r) == [Located.tls("192.0.2.3", 5091)])
    #expect(try await locate("sip:alice@example.test;transport=UDP", r) == [Located.udp("192.0.2.1", 5070), Located.udp("2001:db8::1", 5070)])
    #expect(await !r.asked.contains { $0.type == .naptr })
    // No SRV for the transport: A/AAAA on its default port.
    let bare = FakeDNSResolver()
    await bare.add("bare.test", .a("192.0.2.50"))
    #expect(try await locate("sip:alice@bare.test;transport=tls", bare) == [Located.tls("192.0.2.50", 5061, "bare.test")])
}

@Test func withoutNAPTRQueriesSRVPerTransport() async throws {
    let r = FakeDNSResolver()
    await r.add("_sip._udp.example.test", .srv(SRVRecord(priority: 1, weight: 0, port: 5070, target: "a.example.test")))
    await r.add("_sip._tcp.example.test", .srv(SRVRecord(priority: 1, weight: 0, port: 5080, target: "a.example.test")))
    await r.add("_sips._tcp.example.test", .srv(SRVRecord(priority: 1, weight: 0, port: 5091, target: "a.example.test")))
    await r.add("a.example.test", .a("192.0.2.1"))
    #expect(try await locate("sip:alice@example.test", r) == [Located.udp("192.0.2.1", 5070), Located.tcp("192.0.2.1", 5080)])
    #expect(try await locate("sips:alice@example.test", r) == [Located.tls("192.0.2.1", 5091)])
    let tcpFirst = ServerLocator.Options(sipSRVOrder: [.tcp, .udp, .tls])
    #expect(try await locate("sip:alice@example.test", r, options: tcpFirst)
        == [Located.tcp("192.0.2.1", 5080), Located.udp("192.0.2.1", 5070), Located.tls("192.0.2.1", 5091)])
}

@Test func naptrWhoseSRVIsMissingFallsBackToSRVQueries() async throws {
    let r = FakeDNSResolver()
    await r.add("example.test", .naptr(NAPTRRecord(order: 1, preference: 1, flags: "s", services: "SIP+D2T", regexp: "",
                                                   replacement: "_sip._tcp.gone.test")))
    await r.add("_sip._udp.example.test", .srv(SRVRecord(priority: 1, weight: 0, port: 5070, target: "a.example.test")))
    await r.add("a.example.test", .a("192.0.2.1"))
    #expect(try await locate("sip:alice@example.test", r) == [Located.udp("192.0.2.1", 5070)])
}

@Test func withoutSRVUsesAddressRecords() async throws {
    let r = FakeDNSResolver()
    await r.add("example.test", .a("192.0.2.1"), .aaaa("2001:db8::1"))
    await r.markMissing("_sip._udp.example.test")
    #expect(try await locate("sip:alice@example.test", r) == [Located.udp("192.0.2.1"), Located.udp("2001:db8::1")])
    #expect(try await locate("sips:alice@example.test", r) == [Located.tls("192.0.2.1"), Located.tls("2001:db8::1")])
    #expect(try await locate("sip:alice@example.test", r, options: .init(preferIPv6: true)) == [Located.udp("2001:db8::1"), Located.udp("192.0.2.1")])
}

@Test func srvTargetsOrderedByPriorityAndEachAddressATarget() async throws {
    let r = FakeDNSResolver()
    await r.add("_sip._udp.example.test",
                .srv(SRVRecord(priority: 20, weight: 0, port: 5060, target: "backup.example.test")),
                .srv(SRVRecord(priority: 10, weight: 5, port: 5060, target: "main.example.test")))
    await r.add("main.example.test", .a("192.0.2.1"), .a("192.0.2.2"), .aaaa("2001:db8::1"))
    await r.add("backup.example.test", .a("192.0.2.9"))
    #expect(try await locate("sip:alice@example.test;transport=udp", r)
        == [Located.udp("192.0.2.1"), Located.udp("192.0.2.2"), Located.udp("2001:db8::1"), Located.udp("192.0.2.9")])
}

@Test func srvDotMeansUnavailable() async throws {
    let r = FakeDNSResolver()
    await r.add("example.test", .a("192.0.2.1"))
    await r.add("_sip._udp.example.test", .srv(SRVRecord(priority: 0, weight: 0, port: 0, target: ".")))
    await #expect(throws: ServerLocationError.serviceUnavailable(domain: "example.test")) {
        try await locate("sip:alice@example.test", r)
    }
    await #expect(throws: ServerLocationError.serviceUnavailable(domain: "example.test")) {
        try await locate("sip:alice@example.test;transport=udp", r)
    }
}

@Test func nothingFoundReportsTheCause() async throws {
    let r = FakeDNSResolver()
    await r.markMissing("nowhere.test")
    await #expect(throws: ServerLocationError.noTargets(domain: "nowhere.test",
                                                        cause: .nameNotFound(DNSQuestion(name: "nowhere.test", type: .naptr)))) {
        try await locate("sip:alice@nowhere.test", r)
    }
}

@Test func serverNameIsTheSIPDomainNotTheSRVTarget() async throws {
    let r = await fullDomain()
    let targets = try await locate("sips:alice@Example.TEST", r)
    #expect(targets.map(\.serverName) == ["example.test"])
}
