import SIPMessage
import Testing
@testable import SIPStack

@Suite("Transport rules (pure)")
struct TransportRulesTests {
    @Test func listenSpecs() throws {
        let v4 = try ListenSpec(parsing: "udp:0.0.0.0:5060")
        #expect(v4.transport == .udp && v4.address == "0.0.0.0" && v4.port == 5060)
        let v6 = try ListenSpec(parsing: "tcp:[::]:5060")
        #expect(v6.transport == .tcp && v6.address == "::" && v6.isIPv6)
        let tls = try ListenSpec(parsing: "TLS:[::1]:0")
        #expect(tls.transport == .tls && tls.port == 0 && tls.description == "tls:[::1]:0")
        for bad in ["udp:0.0.0.0", "sctp:0.0.0.0:5060", "udp:example.com:5060", "udp:::1:5060", "udp:[::1]5060",
                    "udp:1.2.3.4:65536", "udp:1.2.3.4:-1", "", "udp:[::1:5060"] {
            #expect(throws: ListenSpecError.self, "\(bad)") { try ListenSpec(parsing: bad) }
        }
    }

    static let request = """
    INVITE sip:b@example.test SIP/2.0\r
    Via: SIP/2.0/UDP pc33.example.test:5066;branch=z9hG4bKnashds8;rport, SIP/2.0/UDP 192.0.2.7;branch=z9hG4bK2\r
    Via: SIP/2.0/TCP 192.0.2.8;branch=z9hG4bK3\r
    Max-Forwards: 70\r
    From: <sip:a@example.test>;tag=1\r
    To: <sip:b@example.test>\r
    Call-ID: c1\r
    CSeq: 1 INVITE\r
    Content-Length: 0\r
    \r

    """

    @Test func receivedAndRport() throws {
        let m = try SIPMessage.parse(Self.request)
        let stamped = ViaRules.stampReceived(m, sourceAddress: "203.0.113.4", sourcePort: 40123)
        let vias = try stamped.via
        #expect(vias.count == 3, "the other Via values are kept")
        #expect(vias[0].received == .ipv4(.init(203, 0, 113, 4)))
        #expect(vias[0].rport == .port(40123))
        #expect(vias[1].received == nil && vias[1].branch == "z9hG4bK2")
        #expect(vias[2].branch == "z9hG4bK3")
    }

    @Test func receivedOnlyWhenDifferent() throws {
        let text = Self.request.replacingOccurrences(of: "pc33.example.test:5066;branch=z9hG4bKnashds8;rport",
                                                     with: "192.0.2.1:5066;branch=z9hG4bKnashds8")
        let m = try SIPMessage.parse(text)
        let same = ViaRules.stampReceived(m, sourceAddress: "192.0.2.1", sourcePort: 5066)
        #expect(try same.via[0].received == nil && same.via[0].rport == nil)
        let other = ViaRules.stampReceived(m, sourceAddress: "2001:db8::9", sourcePort: 5066)
        #expect(try other.via[0].received == .ipv6(.init(octets: [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [9])))
        #expect(try other.via[0].rport == nil)
    }

    @Test func clientVia() throws {
        let sentBy = SentBy(host: .ipv4(.init(192, 0, 2, 1)), port: 5062)
        let via = ViaRules.clientVia(transport: .tls, sentBy: sentBy)
        #expect(via.description.hasPrefix("SIP/2.0/TLS 192.0.2.1:5062;branch=z9hG4bK"))
        #expect(via.rport == .requested)
        #expect(via.branch?.count == 23)
        #expect(ViaRules.newBranch() != ViaRules.newBranch())
        let m = ViaRules.stampTopVia(try SIPMessage.parse(Self.request), transport: .udp, sentBy: sentBy)
        #expect(try m.via.count == 4)
        #expect(try m.via[0].host == .ipv4(.init(192, 0, 2, 1)))
    }

    @Test func publicAddress() throws {
        let response = try SIPMessage.parse("""
        SIP/2.0 200 OK\r
        Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1;rport=61000;received=198.51.100.7\r
        Content-Length: 0\r
        \r

        """)
        let p = try #require(ViaRules.publicAddress(fromResponse: response))
        #expect(p.address == "198.51.100.7" && p.port == 61000 && p.differsFromSentBy)
        let plain = try SIPMessage.parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK1\r\nContent-Length: 0\r\n\r\n")
        #expect(ViaRules.publicAddress(fromResponse: plain) == nil)
    }

    static func via(_ text: String) throws -> Via { try Via.parse(Substring(text)) }

    @Test func responseRouting() throws {
        let conn = FlowID(.connection(7))
        // Reliable: the same connection, falling back to received + sent-by port.
        #expect(ResponseDestination.forResponse(
            topVia: try Self.via("SIP/2.0/TCP a.example.test:5070;branch=z9hG4bK1;received=192.0.2.3;rport=3000"),
            requestFlow: conn) == .flow(conn, fallback: SIPTarget(transport: .tcp, address: "192.0.2.3", port: 5070)))
        // UDP with received and rport.
        #expect(ResponseDestination.forResponse(
            topVia: try Self.via("SIP/2.0/UDP a.example.test;branch=z9hG4bK1;received=192.0.2.3;rport=3000"),
            requestFlow: nil) == .address(SIPTarget(transport: .udp, address: "192.0.2.3", port: 3000)))
        // UDP with received only: sent-by port, default 5060.
        #expect(ResponseDestination.forResponse(
            topVia: try Self.via("SIP/2.0/UDP a.example.test;branch=z9hG4bK1;received=192.0.2.3"),
            requestFlow: nil) == .address(SIPTarget(transport: .udp, address: "192.0.2.3", port: 5060)))
        // maddr wins over received.
        #expect(ResponseDestination.forResponse(
            topVia: try Self.via("SIP/2.0/UDP a.example.test:5080;branch=z9hG4bK1;maddr=239.1.1.1;received=192.0.2.3"),
            requestFlow: nil) == .address(SIPTarget(transport: .udp, address: "239.1.1.1", port: 5080)))
        // A name in sent-by needs RFC 3263.
        #expect(ResponseDestination.forResponse(
            topVia: try Self.via("SIP/2.0/UDP a.example.test:5080;branch=z9hG4bK1"), requestFlow: nil)
            == .resolve(host: "a.example.test", port: 5080, transport: .udp))
        // IPv6 received.
        #expect(ResponseDestination.forResponse(
            topVia: try Self.via("SIP/2.0/UDP [2001:db8::1];branch=z9hG4bK1;received=2001:db8::2;rport=4000"),
            requestFlow: nil) == .address(SIPTarget(transport: .udp, address: "2001:db8::2", port: 4000)))
    }

    @Test func sizeRule() throws {
        #expect(!MessageSizeRule.exceedsUDPLimit(size: 1300))
        #expect(MessageSizeRule.exceedsUDPLimit(size: 1301))
        #expect(MessageSizeRule.exceedsUDPLimit(size: 1301, pathMTU: 1500))
        #expect(!MessageSizeRule.exceedsUDPLimit(size: 1300, pathMTU: 1500))
        #expect(MessageSizeRule.exceedsUDPLimit(size: 1000, pathMTU: 1100))
        let small = try SIPMessage.parse(Self.request)
        let udp = SIPTarget(transport: .udp, address: "192.0.2.1", port: 5060)
        let (same, sameTarget) = MessageSizeRule.apply(small, to: udp)
        #expect(same == small && sameTarget == udp)
        var big = small
        big.body = Array(repeating: 0x61, count: 1400)
        big.headers.set("Content-Length", "1400")
        let (moved, tcp) = MessageSizeRule.apply(big, to: udp)
        #expect(tcp.transport == .tcp && tcp.port == 5060)
        #expect(try moved.via[0].transport == .tcp)
        #expect(try moved.via[1].transport == .udp, "only the top Via is ours to rewrite")
    }
}

@Suite("TLS name check (RFC 5922 §7.2)")
struct TLSNameCheckTests {
    @Test func wholeNamesOnly() {
        #expect(TLSNameCheck.matches(serverName: "sip.example.com", dnsNames: ["other.test", "SIP.Example.COM"]))
        #expect(TLSNameCheck.matches(serverName: "sip.example.com.", dnsNames: ["sip.example.com"]))
        #expect(!TLSNameCheck.matches(serverName: "sip.example.com", dnsNames: ["*.example.com"]))
        #expect(!TLSNameCheck.matches(serverName: "sip.example.com", dnsNames: ["example.com"]))
        #expect(!TLSNameCheck.matches(serverName: "example.com", dnsNames: ["sip.example.com"]))
        #expect(!TLSNameCheck.matches(serverName: "", dnsNames: [""]))
        #expect(!TLSNameCheck.matches(serverName: "sip.example.com", dnsNames: []))
    }
}

@Suite("Outbound address probe")
struct OutboundAddressTests {
    @Test func loopbackRoutesFromLoopback() {
        #expect(OutboundAddress.toward(SIPTarget(transport: .udp, address: "127.0.0.1", port: 5060)) == "127.0.0.1")
        #expect(OutboundAddress.toward(SIPTarget(transport: .udp, address: "::1", port: 5060)) == "::1")
        #expect(OutboundAddress.toward(SIPTarget(transport: .udp, address: "not-an-address", port: 5060)) == nil)
    }
}
