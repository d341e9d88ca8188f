import Testing
@testable import SIPMessage

@Suite("Via")
struct ViaTests {
    static let valid = [
        "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds",
        "SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2",
        "SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101",
        "SIP/2.0/UDP 192.0.2.2;branch=390skdjuw",
        "SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n z9hG4bK30239",
        "  SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ",
        "SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~",
        "SIP/2.0/UDP host1.example.com;rport;branch=z9hG4bK-.!%66*_+`'~",
        "SIP/2.0/SCTP t3.example.com;branch=z9hG4bKkdjuw",
        "SIP/2.0/TLS t2.example.com;branch=z9hG4bKklasjdhf",
        "SIP/2.0/UNKNOWN t1.example.com;branch=z9hG4bKasdf",
        "SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111",
        "SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111;received=[2001:db8::9:255]",
        "SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111;received=2001:db8::9:255",
        "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKjhja8781hjuaij65144;received=[2001:db8::9:255]",
        "SIP/2.0/UDP 10.0.0.5:5060;rport=5062;received=203.0.113.7;branch=z9hG4bKPjd1c3f5a7",
        "SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKasudf;rport",
        "SIP/2.0/TCP 10.1.1.1:5060;branch=z9hG4bK1e2b3c4d5",
        "SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bKb7d84bbae0C75DFB",
        "SIP/2.0/UDP 203.0.113.9;branch=z9hG4bKcydzigwkX;i=1;maddr=224.2.0.1;ttl=16",
        "sip/2.0/udp lower.example.com",
    ]

    @Test(arguments: valid)
    func parsesAndRoundTrips(_ text: String) { valueRoundTrip(Via.self, text) }

    @Test func fields() throws {
        let v = try Via.parse("SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111;received=[2001:db8::9:255]")
        #expect(v.protocolName == "SIP" && v.protocolVersion == "2.0")
        #expect(v.transport == .udp)
        #expect(v.host == Host.parseAddress("2001:db8::9:1"))
        #expect(v.port == 6050)
        #expect(v.branch == "z9hG4bKas3-111")
        #expect(v.received == Host.parseAddress("2001:db8::9:255"))
        #expect(try Via.parse("SIP/2.0/UDP h;received=2001:db8::9:255").received == v.received)

        let ws = try Via.parse("  SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ")
        #expect(ws.transport == .tcp)
        #expect(ws.host == .domain("spindle.example.com"))
        #expect(ws.branch == "z9hG4bK9ikj8")
        #expect(ws.description == "SIP/2.0/TCP spindle.example.com;branch=z9hG4bK9ikj8")

        let nat = try Via.parse("SIP/2.0/UDP 10.0.0.5:5060;rport=5062;received=203.0.113.7;branch=z9hG4bKPjd1c3f5a7")
        #expect(nat.rport == .port(5062))
        #expect(nat.received == .ipv4(.init(203, 0, 113, 7)))
        #expect(try Via.parse("SIP/2.0/UDP h;rport").rport == .requested)
        #expect(try Via.parse("SIP/2.0/UDP h").rport == nil)

        let m = try Via.parse("SIP/2.0/UDP 203.0.113.9;branch=z9hG4bKcydzigwkX;i=1;maddr=224.2.0.1;ttl=16")
        #expect(m.maddr == .ipv4(.init(224, 2, 0, 1)))
        #expect(m.ttl == 16)
        #expect(m.parameters.first(named: "i")?.value == "1")

        #expect(try Via.parse("SIP/2.0/UNKNOWN t1.example.com").transport == .other("UNKNOWN"))
        #expect(try Via.parse("SIP/2.0/wss x.invalid").transport == .wss)
    }

    @Test func listOfVias() throws {
        let vias = try Via.parseList("SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP [::1]:5061;branch=z9hG4bK2")
        #expect(vias.map(\.branch) == ["z9hG4bK1", "z9hG4bK2"])
        #expect(vias.last?.port == 5061)
    }

    static let invalid = [
        // RFC 4475 §3.1.2.1: extraneous separators
        InvalidValue("SIP/2.0/UDP 192.0.2.15;;,;,,", .malformedValue, at: 23),
        InvalidValue("SIP/2.0", .malformedValue, at: 7),
        InvalidValue("SIP/2.0/UDP", .malformedValue, at: 11),
        InvalidValue("SIP/2.0/UDPhost", .malformedValue, at: 15),
        InvalidValue("SIP 2.0/UDP host", .malformedValue, at: 3),
        InvalidValue("SIP/2.0/UDP host:", .malformedURI, at: 17),
        InvalidValue("SIP/2.0/UDP host:70000", .malformedURI, at: 17),
        InvalidValue("SIP/2.0/UDP [2001:db8::9:1", .malformedValue, at: 26),
        InvalidValue("SIP/2.0/UDP 2001:db8::9:1", .malformedURI, at: 12),
        InvalidValue("SIP/2.0/UDP host;received=example.com", .malformedValue, at: 17),
        InvalidValue("SIP/2.0/UDP host;rport=x", .malformedValue, at: 17),
        InvalidValue("SIP/2.0/UDP host;rport=65536", .malformedValue, at: 17),
        InvalidValue("SIP/2.0/UDP host;ttl=300", .malformedValue, at: 17),
        InvalidValue("SIP/2.0/UDP host;branch", .malformedValue, at: 17),
        InvalidValue("SIP/2.0/UDP host;maddr=a..b", .malformedValue, at: 17),
        InvalidValue("SIP/2.0/UDP host branch=1", .malformedValue, at: 17),
    ]

    @Test(arguments: invalid)
    func refuses(_ c: InvalidValue) { expectRefusal(Via.self, c) }

    @Test func mutationNeverTraps() { mutateValues(Via.self, seeds: Self.valid, iterations: 5000) }
}

extension ViaTests {
    @Test func magicCookie() throws {
        #expect(try Via.parse("SIP/2.0/UDP h;branch=z9hG4bK776asdhds").hasRFC3261Branch)
        #expect(try !Via.parse("SIP/2.0/UDP 192.0.2.2;branch=390skdjuw").hasRFC3261Branch)
        #expect(try !Via.parse("SIP/2.0/UDP h").hasRFC3261Branch)
    }
}
