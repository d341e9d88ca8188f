import Testing
@testable import SIPMessage

@Suite("Hosts and tel URIs")
struct HostAndTelTests {
    struct V6: CustomTestStringConvertible, Sendable {
        var text: String, canonical: String
        var testDescription: String { text }
    }

    /// RFC 4291 §2.2 text forms with their RFC 5952 canonical form.
    static let ipv6 = [
        V6(text: "2001:db8::10", canonical: "2001:db8::10"),
        V6(text: "2001:0DB8:0000:0000:0000:0000:0000:0010", canonical: "2001:db8::10"),
        V6(text: "::", canonical: "::"),
        V6(text: "::1", canonical: "::1"),
        V6(text: "1::", canonical: "1::"),
        V6(text: "2001:db8:0:0:1:0:0:1", canonical: "2001:db8::1:0:0:1"),
        V6(text: "2001:db8:0:1:1:1:1:1", canonical: "2001:db8:0:1:1:1:1:1"),
        V6(text: "::ffff:192.0.2.10", canonical: "::ffff:192.0.2.10"),
        V6(text: "::192.0.2.10", canonical: "::c000:20a"),
        V6(text: "1:2:3:4:5:6:192.0.2.10", canonical: "1:2:3:4:5:6:c000:20a"),
        V6(text: "fe80::1:2:3:4:5:6", canonical: "fe80:0:1:2:3:4:5:6"),
    ]

    @Test(arguments: ipv6)
    func ipv6Forms(_ v: V6) throws {
        let a = try #require(Host.parseIPv6(Array(v.text.utf8)[...]))
        #expect(a.description == v.canonical)
        #expect(Host.parseIPv6(Array(v.canonical.utf8)[...]) == a)
        #expect(try Host.parse("[\(v.text)]") == .ipv6(a))
    }

    static let badIPv6 = [
        "", ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::1",
        "1:2:3:4:5:6:7:8::", "::1.2.3", "::1.2.3.256", "1.2.3.4::", "1:", ":1", "1::2:", "::ffff:1.2.3.4:5",
    ]

    @Test(arguments: badIPv6)
    func refusesBadIPv6(_ text: String) {
        #expect(Host.parseIPv6(Array(text.utf8)[...]) == nil)
        expectRefusal(Host.self, InvalidValue("[\(text)]", .malformedURI, at: 0))
    }

    @Test func hostsAndAddresses() throws {
        #expect(try Host.parse("192.0.2.1") == .ipv4(.init(192, 0, 2, 1)))
        #expect(try Host.parse("Example.COM.") == .domain("Example.COM."))
        #expect(try Host.parse("_sip._udp.example.com") == .domain("_sip._udp.example.com"))
        #expect(Host.domain("Example.COM").isEquivalent(to: .domain("example.com")))
        #expect(!Host.domain("example.com.").isEquivalent(to: .domain("example.com")))
        #expect(!Host.domain("example.com").isEquivalent(to: .ipv4(.init(192, 0, 2, 1))))
        #expect(Host.parseAddress("2001:db8::9:255") == Host.parseAddress("[2001:db8::9:255]"))
        #expect(Host.parseAddress("example.com") == nil)
        expectRefusal(Host.self, InvalidValue("1.2.3", .malformedURI, at: 0))
        expectRefusal(Host.self, InvalidValue("a.b-", .malformedURI, at: 3))
        expectRefusal(Host.self, InvalidValue("a b", .malformedURI, at: 1))
        expectRefusal(Host.self, InvalidValue(String(repeating: "a.", count: 130), .malformedURI, at: 0))
    }

    // MARK: tel URIs (RFC 3966)

    static let tel = [
        "tel:+1-201-555-0123",
        "tel:7042;phone-context=example.com",
        "tel:863-1234;phone-context=+1-914-555",
        "tel:+358-555-1234567;postd=pp22",
        "tel:+1-212-555-1212;ext=1234",
        "tel:+1(212)555.1212;isub=1411",
        "tel:*67#;phone-context=example.com",
        "tel:+49-30-1234567;x-foo=bar%20baz",
    ]

    @Test(arguments: tel)
    func telRoundTrip(_ text: String) {
        guard let t = valueRoundTrip(TelURI.self, text) else { return }
        #expect(t.description == text)
        #expect(valueRoundTrip(URI.self, text) == .tel(t))
    }

    @Test func telFields() throws {
        let g = try TelURI.parse("tel:+1-212-555-1212;ext=1234")
        #expect(g.isGlobal)
        #expect(g.digits == "+12125551212")
        #expect(g.extensionNumber == "1234")
        let l = try TelURI.parse("tel:863-1234;phone-context=+1-914-555")
        #expect(!l.isGlobal)
        #expect(l.phoneContext == "+1-914-555")
        #expect(try TelURI.parse("tel:+1(212)555.1212;isub=1411").isdnSubaddress == "1411")
    }

    @Test func telComparison() throws {
        func same(_ a: String, _ b: String) throws -> Bool { try TelURI.parse(a).isEquivalent(to: TelURI.parse(b)) }
        #expect(try same("tel:+1-201-555-0123", "tel:+1(201)555.0123"))
        #expect(try same("tel:7042;phone-context=EXAMPLE.com", "tel:7042;phone-context=example.com"))
        #expect(try same("tel:+1-212-555-1212;ext=1;isub=2", "tel:+12125551212;isub=2;ext=1"))
        #expect(try !same("tel:+1-201-555-0123", "tel:+1-201-555-0124"))
        #expect(try !same("tel:+1-201-555-0123", "tel:+1-201-555-0123;ext=1"))
        #expect(try !same("tel:1234;phone-context=+1", "tel:+1234"))
    }

    static let badTel = [
        InvalidValue("tel:", .malformedURI, at: 4),
        InvalidValue("tel:+", .malformedURI, at: 4),
        InvalidValue("tel:+1-20x", .malformedURI, at: 9),
        InvalidValue("tel:7042", .malformedURI, at: 4),
        InvalidValue("tel:7042;phone-context=", .malformedURI, at: 23),
        InvalidValue("tel:7042;phone-context=exa mple", .malformedURI, at: 26),
        InvalidValue("tel:+1;ext=", .malformedURI, at: 11),
        InvalidValue("tel:+1;ext=12a", .malformedURI, at: 7),
        InvalidValue("tel:+1;=x", .malformedURI, at: 7),
        InvalidValue("tel:+1;a_b=x", .malformedURI, at: 7),
        InvalidValue("tel:+1;a=%4", .malformedURI, at: 9),
    ]

    @Test(arguments: badTel)
    func refusesBadTel(_ c: InvalidValue) { expectRefusal(TelURI.self, c) }

    @Test func otherSchemesStayOpaque() throws {
        let urn = try URI.parse("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
        #expect(urn == .other(scheme: "urn", text: "uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"))
        #expect(valueRoundTrip(URI.self, "http://www.example.com/alice/photo.jpg") != nil)
        #expect(valueRoundTrip(URI.self, "mailto:alice@atlanta.com") != nil)
        #expect(urn.scheme == "urn")
        #expect(URI.other(scheme: "URN", text: "a").isEquivalent(to: .other(scheme: "urn", text: "a")))
        expectRefusal(URI.self, InvalidValue("http://a b", .malformedURI, at: 8))
        expectRefusal(URI.self, InvalidValue("1http://a", .malformedURI, at: 0))
        expectRefusal(URI.self, InvalidValue("http:", .malformedURI, at: 5))
        expectRefusal(URI.self, InvalidValue("http://a/%g0", .malformedURI, at: 9))
        expectRefusal(URI.self, InvalidValue("noscheme", .malformedURI, at: 0))
    }

    @Test func mutationNeverTraps() {
        mutateValues(TelURI.self, seeds: Self.tel)
        mutateValues(URI.self, seeds: Self.tel + SIPURITests.valid + ["urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"])
        mutateValues(Host.self, seeds: ["[2001:db8::10]", "192.0.2.1", "example.com", "[::ffff:192.0.2.10]"])
    }
}
