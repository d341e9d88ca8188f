import Testing
@testable import SIPMessage

@Suite("SIP URI")
struct SIPURITests {
    /// RFC 3261 §19.1.3 examples, RFC 4475 and RFC 5118 URIs, and URIs real peers send.
    static let valid = [
        "sip:alice@atlanta.com",
        "sip:alice:secretword@atlanta.com;transport=tcp",
        "sips:alice@atlanta.com?subject=project%20x&priority=urgent",
        "sip:+1-212-555-1212:1234@gateway.com;user=phone",
        "sips:1212@gateway.com",
        "sip:alice@192.0.2.4",
        "sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com",
        "sip:alice;day=tuesday@atlanta.com",
        "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com",
        "sip:sips%3Auser%40example.com@example.net",
        "sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31",
        "sip:null-%00-null@example.com",
        "sip:user;par=u%40example.net@example.com",
        "sip:vivekg@chair-dnrc.example.com;unknownparam",
        "sip:[2001:db8::10]",
        "sip:[2001:db8::10]:5070",
        "sip:[2001:db8::10:5070]",
        "sip:caller@[2001:db8::1]",
        "sip:user@[::ffff:192.0.2.10]",
        "sip:ss2.biloxi.example.com;lr",
        "sip:p1.example.com;lr=on;maddr=239.255.255.1;ttl=15",
        "sip:200@10.0.0.5:5060;transport=udp;x-ast-orig-host=10.0.0.5:5060",
        "sip:pbx.example.com;transport=tls;lr;ftag=as7c3a5b2d;did=2b1.f1e3",
        "sip:0012345@sip.provider.example;user=phone",
        "SIP:ALICE@AtLanTa.CoM;Transport=udp",
        "sip:*97#@pbx.example.com",
        "sip:%2A67%23@pbx.example.com",
    ]

    @Test(arguments: valid)
    func parsesAndRoundTrips(_ text: String) {
        guard let uri = valueRoundTrip(SIPURI.self, text) else { return }
        // A parsed URI prints as it came, except that the scheme is written in lower case.
        #expect(uri.description == (text.hasPrefix("SIP:") ? "sip:" + text.dropFirst(4) : text))
    }

    @Test func fieldsOfTheRFC3261Examples() throws {
        let a = try SIPURI.parse("sip:alice:secretword@atlanta.com;transport=tcp")
        #expect(a.user == "alice")
        #expect(a.password == "secretword")
        #expect(a.host == .domain("atlanta.com"))
        #expect(a.port == nil)
        #expect(a.transport == .tcp)
        #expect(!a.isSecure)

        let b = try SIPURI.parse("sips:alice@atlanta.com?subject=project%20x&priority=urgent")
        #expect(b.isSecure)
        #expect(b.headers.map(\.decodedName) == ["subject", "priority"])
        #expect(b.headers.map(\.decodedValue) == ["project x", "urgent"])

        let c = try SIPURI.parse("sip:+1-212-555-1212:1234@gateway.com;user=phone")
        #expect(c.user == "+1-212-555-1212")
        #expect(c.password == "1234")
        #expect(c.userParameter == "phone")

        let d = try SIPURI.parse("sip:alice@192.0.2.4")
        #expect(d.host == .ipv4(.init(192, 0, 2, 4)))

        let e = try SIPURI.parse("sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com")
        #expect(e.user == nil)
        #expect(e.method == "REGISTER")
        #expect(e.headers.first?.decodedValue == "alice@atlanta.com")

        let f = try SIPURI.parse("sip:alice;day=tuesday@atlanta.com")
        #expect(f.user == "alice;day=tuesday")
        #expect(f.parameters.isEmpty)
    }

    @Test func torture4475UserParts() throws {
        let wide = try SIPURI.parse(
            "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com")
        #expect(wide.user == "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*")
        #expect(wide.password == "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)")
        #expect(wide.host == .domain("example.com"))
        #expect(wide.parameters.isEmpty && wide.headers.isEmpty)

        let esc = try SIPURI.parse("sip:sips%3Auser%40example.com@example.net")
        #expect(esc.user == "sips:user@example.com")
        #expect(esc.rawUser == "sips%3Auser%40example.com")
        #expect(esc.host == .domain("example.net"))

        let contact = try SIPURI.parse("sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31")
        #expect(contact.user == "caller")
        #expect(contact.isLooseRouting)
        #expect(contact.parameter("name") == .some("value%41"))

        let null = try SIPURI.parse("sip:null-%00-null@example.com")
        #expect(null.user == "null-\u{0}-null")

        let semi = try SIPURI.parse("sip:user;par=u%40example.net@example.com")
        #expect(semi.user == "user;par=u@example.net")
        #expect(semi.host == .domain("example.com"))
        #expect(semi.parameters.isEmpty)
    }

    @Test func rfc5118Hosts() throws {
        let v6 = try SIPURI.parse("sip:[2001:db8::10]:5070")
        #expect(v6.host == .ipv6(try #require(Host.parseIPv6(Array("2001:db8::10".utf8)[...]))))
        #expect(v6.port == 5070)
        // RFC 5118 §4.3: the port inside the brackets is part of the address.
        let ambiguous = try SIPURI.parse("sip:[2001:db8::10:5070]")
        #expect(ambiguous.port == nil)
        #expect(ambiguous.host.description == "[2001:db8::10:5070]")
        let mapped = try SIPURI.parse("sip:user@[::ffff:192.0.2.10]")
        #expect(mapped.host.description == "[::ffff:192.0.2.10]")
    }

    @Test func unescapedHashIsTolerated() throws {
        let raw = try SIPURI.parse("sip:*97#@pbx.example.com")
        #expect(raw.user == "*97#" && raw.rawUser == "*97#")
        let escaped = try SIPURI.parse("sip:%2A67%23@pbx.example.com")
        #expect(escaped.user == "*67#")
        #expect(SIPURI(user: "*97#", host: .domain("pbx.example.com")).description == "sip:*97%23@pbx.example.com")
        #expect(raw.isEquivalent(to: SIPURI(user: "*97#", host: .domain("pbx.example.com"))))
    }

    @Test func typedParameters() throws {
        let u = try SIPURI.parse("sip:p1.example.com;lr=on;maddr=239.255.255.1;ttl=15;transport=SCTP;method=INVITE")
        #expect(u.isLooseRouting)
        #expect(u.maddr == .ipv4(.init(239, 255, 255, 1)))
        #expect(u.ttl == 15)
        #expect(u.transport == .sctp)
        #expect(u.method == "INVITE")
        #expect(try SIPURI.parse("sip:a@b;transport=foo").transport == .other("foo"))
        #expect(try SIPURI.parse("sip:a@b").transport == nil)
    }

    @Test func buildingEscapesTheUser() throws {
        var u = SIPURI(user: "alice smith@home", host: .domain("example.com"), port: 5061)
        #expect(u.description == "sip:alice%20smith%40home@example.com:5061")
        #expect(try SIPURI.parse(u.description) == u)
        u.user = "bob"
        u.password = "p@ss"
        #expect(u.description == "sip:bob:p%40ss@example.com:5061")
        #expect(try SIPURI.parse(u.description).password == "p@ss")
    }

    static let invalid = [
        InvalidValue("", .malformedURI, at: 0),
        InvalidValue("alice@atlanta.com", .malformedURI, at: 0),
        InvalidValue("http://example.com", .malformedURI, at: 0),
        InvalidValue("sip:", .malformedURI, at: 4),
        InvalidValue("sip:@atlanta.com", .malformedURI, at: 4),
        InvalidValue("sip:al%4gice@atlanta.com", .malformedURI, at: 6),
        InvalidValue("sip:alice%@atlanta.com", .malformedURI, at: 9),
        InvalidValue("sip:al ice@atlanta.com", .malformedURI, at: 6),
        InvalidValue("sip:alice@atlanta.com:", .malformedURI, at: 22),
        InvalidValue("sip:alice@atlanta.com:65536", .malformedURI, at: 22),
        InvalidValue("sip:alice@atlanta.com:99999999999999999999", .malformedURI, at: 22),
        InvalidValue("sip:alice@atlanta.com:50x", .malformedURI, at: 24),
        InvalidValue("sip:2001:db8::10", .malformedURI, at: 4),
        InvalidValue("sip:[2001:db8::10", .malformedURI, at: 4),
        InvalidValue("sip:[2001:db8:::10]", .malformedURI, at: 4),
        InvalidValue("sip:[1:2:3:4:5:6:7:8:9]", .malformedURI, at: 4),
        InvalidValue("sip:alice@256.0.0.1", .malformedURI, at: 10),
        InvalidValue("sip:alice@exa_mple..com", .malformedURI, at: 19),
        InvalidValue("sip:alice@-example.com", .malformedURI, at: 10),
        InvalidValue("sip:alice@atlanta.com;", .malformedURI, at: 22),
        InvalidValue("sip:alice@atlanta.com;ttl=256", .malformedURI, at: 22),
        InvalidValue("sip:alice@atlanta.com;transport=", .malformedURI, at: 32),
        InvalidValue("sip:alice@atlanta.com;maddr=a..b", .malformedURI, at: 22),
        InvalidValue("sip:alice@atlanta.com;p=%zz", .malformedURI, at: 24),
        InvalidValue("sip:alice@atlanta.com?subject", .malformedURI, at: 22),
        InvalidValue("sip:alice@atlanta.com?=x", .malformedURI, at: 22),
        InvalidValue("sip:alice@atlanta.com?a=<b>", .malformedURI, at: 24),
        InvalidValue("sip:alice@atlanta.com>", .malformedURI, at: 21),
    ]

    @Test(arguments: invalid)
    func refuses(_ c: InvalidValue) { expectRefusal(SIPURI.self, c) }

    @Test func mutationNeverTraps() {
        mutateValues(SIPURI.self, seeds: Self.valid, iterations: 4000)
    }
}
