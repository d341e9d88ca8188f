import NIOCore
import NIOPosix
import SIPMessage
import Testing
import TestLab
@testable import SIPStack

/// The DNS client and the locator against a real dnsmasq on a loopback port.
@Suite(.serialized) struct DnsmasqLocationTests {
    /// 30 SRV records with long targets do not fit in 512 bytes: the UDP answer comes
    /// truncated and the client must ask again over TCP.
    static let bigSRV = (1...30).map {
        Dnsmasq.SRV("_sip._udp.big.test", target: "server-number-\($0)-of-a-large-farm.big.test", port: 5000 + $0)
    }

    static let records = Dnsmasq.Records(
        srv: [
            .init("_sip._udp.example.test", target: "primary.example.test", port: 5070, priority: 10, weight: 10),
            .init("_sip._udp.example.test", target: "backup.example.test", port: 5071, priority: 20, weight: 10),
            .init("_sip._tcp.example.test", target: "primary.example.test", port: 5080, priority: 10, weight: 10),
            .init("_sips._tcp.example.test", target: "tls.example.test", port: 5091, priority: 10, weight: 10),
        ] + DnsmasqLocationTests.bigSRV,
        naptr: [
            .init("example.test", order: 10, preference: 10, service: "SIP+D2U", replacement: "_sip._udp.example.test"),
            .init("example.test", order: 20, preference: 10, service: "SIP+D2T", replacement: "_sip._tcp.example.test"),
            .init("example.test", order: 30, preference: 10, service: "SIPS+D2T", replacement: "_sips._tcp.example.test"),
        ],
        hosts: [
            "example.test": ["127.0.0.9"],
            "primary.example.test": ["127.0.0.1", "::1"],
            "backup.example.test": ["127.0.0.2"],
            "tls.example.test": ["127.0.0.3"],
        ])

    func client(_ dns: Dnsmasq) -> DNSClient {
        DNSClient(configuration: ResolvConf(nameservers: [.init(address: "127.0.0.1", port: UInt16(dns.port))],
                                            timeout: .seconds(2), attempts: 1))
    }

    @Test(.timeLimit(.minutes(1)))
    func locatesThroughNAPTRSRVAndAddresses() async throws {
        try await Lab.run { lab in
            let dns = try await lab.startDnsmasq(Self.records)
            let locator = ServerLocator(resolver: client(dns))
            var rng = DNSTestRNG(seed: 5)
            let name = "example.test"
            let all = try await locator.locate(try SIPURI.parse("sip:alice@example.test"), using: &rng)
            try #require(all == [
                SIPTarget(transport: .udp, address: "127.0.0.1", port: 5070, serverName: name),
                SIPTarget(transport: .udp, address: "::1", port: 5070, serverName: name),
                SIPTarget(transport: .udp, address: "127.0.0.2", port: 5071, serverName: name),
                SIPTarget(transport: .tcp, address: "127.0.0.1", port: 5080, serverName: name),
                SIPTarget(transport: .tcp, address: "::1", port: 5080, serverName: name),
                SIPTarget(transport: .tls, address: "127.0.0.3", port: 5091, serverName: name),
            ], "\(all)")
            let secure = try await locator.locate(try SIPURI.parse("sips:alice@example.test"), using: &rng)
            try #require(secure == [SIPTarget(transport: .tls, address: "127.0.0.3", port: 5091, serverName: name)])
            let tcp = try await locator.locate(try SIPURI.parse("sip:alice@example.test;transport=tcp"), using: &rng)
            try #require(tcp == [SIPTarget(transport: .tcp, address: "127.0.0.1", port: 5080, serverName: name),
                                 SIPTarget(transport: .tcp, address: "::1", port: 5080, serverName: name)])
            let port = try await locator.locate(try SIPURI.parse("sip:alice@example.test:6000"), using: &rng)
            try #require(port == [SIPTarget(transport: .udp, address: "127.0.0.9", port: 6000, serverName: name)])
            #expect(dns.process.log().contains("query[NAPTR] example.test from 127.0.0.1"))
            #expect(dns.process.log().contains("query[SRV] _sips._tcp.example.test from 127.0.0.1"))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func truncatedAnswerIsAskedAgainOverTCP() async throws {
        try await Lab.run { lab in
            let dns = try await lab.startDnsmasq(Self.records)
            let query = DNSQuery(id: 1, question: DNSQuestion(name: "_sip._udp.big.test", type: .srv))
            let overUDP = try await DNSExchange.udp(query, bytes: try query.encoded(),
                                                    to: try SocketAddress(ipAddress: "127.0.0.1", port: dns.port),
                                                    timeout: .seconds(2), on: MultiThreadedEventLoopGroup.singleton.next())
            try #require(overUDP.isTruncated && overUDP.answers.count < 30)
            let records = try await client(dns).resolve("_sip._udp.big.test", .srv)
            try #require(records.count == 30, "\(records)")
            #expect(Set(records.map(\.data)) == Set(Self.bigSRV.map {
                DNSRecordData.srv(SRVRecord(priority: 10, weight: 10, port: UInt16($0.port), target: $0.target))
            }))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func answersWithoutTTLAreNotCached() async throws {
        try await Lab.run { lab in
            let dns = try await lab.startDnsmasq(Self.records)
            let resolver = client(dns)
            let first = try await resolver.resolve("backup.example.test", .a)
            let second = try await resolver.resolve("backup.example.test", .a)
            try #require(first == second && first.map(\.data) == [.a("127.0.0.2")], "\(first)")
            // dnsmasq's local records carry TTL 0 (its --local-ttl default): both went out.
            let log = dns.process.log()
            let asked = log.components(separatedBy: "query[A] backup.example.test from 127.0.0.1").count - 1
            #expect(asked == (first.first?.ttl == 0 ? 2 : 1), "\(log)")
        }
    }
}
