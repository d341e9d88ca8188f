import Testing
@testable import SIPMessage

@Suite("name-addr and addr-spec")
struct NameAddressTests {
    /// From/To/Contact/Route values from RFC 3261, RFC 4475, RFC 5118 and real peers.
    static let valid = [
        "Bob <sip:bob@biloxi.com>;tag=a6c85cf",
        "Alice <sip:alice@atlanta.com>;tag=1928301774",
        "sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n",
        "\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>;tag = 98asjd8",
        "\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\r\n      newvalue ;\r\n  secondparam ; q = 0.33",
        "\"BEL:\\\u{07} NUL:\\\u{00} DEL:\\\u{7F}\" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com>",
        "token1~` token2'+_ token3*%!.- <sip:mundane@example.com> ;fromParam''~+*_!.-%=\"работающий\";tag=_token~1'+`*%!-.",
        "<sip:I%20have%20spaces@example.net>;tag=938",
        "<sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>",
        "\"%Z%45\" <sip:resource@example.com>",
        "caller<sip:caller@example.com>;tag=323",
        "\"Caller\" <sip:caller@[2001:db8::1]>",
        "<sip:[2001:db8::10]:5070>",
        "<sip:user;par=u%40example.net@example.com>",
        "\"Alice\" <sip:alice@192.0.2.10:5060;transport=tcp;ob>;expires=3600;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";reg-id=1",
        "\"1001\" <sip:1001@pbx.example.com>;tag=as5f3c7a21",
        "<sip:1001@192.168.1.20:5060;line=abc123>;reg-id=1;q=1.0;+sip.instance=\"<urn:uuid:0d9e1a42-1b4e-4f5e-8c3e-0004f2a1b2c3>\";audio;mobility=\"fixed\"",
        "<sip:192.0.2.5;lr;ftag=8a7f2c;nat=yes>",
        "<sip:10.0.0.1:5060;transport=tcp;lr;r2=on>",
        "\"SEP00112233445\" <sip:2001@10.1.1.1:5060;transport=tcp>;+u.sip!devicename.ccm.cisco.com=\"SEP001122334455\";+sip.instance=\"<urn:uuid:00000000-0000-0000-0000-001122334455>\"",
        "<tel:+1-201-555-0123>;tag=abc",
        "sip:caller@example.net;tag=93334",
        "\"Watson, Thomas\" < sip:t.watson@example.org >",
        "Anonymous <sip:anonymous@anonymous.invalid>;tag=x",
        "<urn:service:sos>",
        // Polycom: a quoted parameter with commas in it
        "<sip:2001@192.168.1.50:5060;transport=tls>;methods=\"INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, MESSAGE, SUBSCRIBE, NOTIFY, PRACK, UPDATE, REFER\"",
        // Asterisk and Kamailio
        "<sip:asterisk@10.0.0.5:5060>",
        "\"Front Desk\" <sip:100@pbx.example.com>;tag=as6f1b2c3d",
        "<sip:203.0.113.10;transport=udp;r2=on;lr;ftag=as6f1b2c3d;nat=yes>",
        "<sip:alice@198.51.100.7:49152;transport=TCP;ob>;+sip.ice;reg-id=1;expires=600",
    ]

    @Test(arguments: valid)
    func parsesAndRoundTrips(_ text: String) {
        valueRoundTrip(NameAddress.self, text)
    }

    @Test func displayNames() throws {
        #expect(try NameAddress.parse("Bob <sip:bob@biloxi.com>").displayName == "Bob")
        #expect(try NameAddress.parse("\"J Rosenberg \\\\\\\"\" <sip:jdrosen@example.com>").displayName == "J Rosenberg \\\"")
        #expect(try NameAddress.parse("\"Quoted string \\\"\\\"\" <sip:a@b>").displayName == "Quoted string \"\"")
        #expect(try NameAddress.parse("token1~` token2'+_ token3*%!.- <sip:mundane@example.com>").displayName
                == "token1~` token2'+_ token3*%!.-")
        #expect(try NameAddress.parse("\"BEL:\\\u{07} NUL:\\\u{00} DEL:\\\u{7F}\" <sip:a@b>").displayName
                == "BEL:\u{07} NUL:\u{00} DEL:\u{7F}")
        #expect(try NameAddress.parse("caller<sip:caller@example.com>").displayName == "caller")
        #expect(try NameAddress.parse("\"\" <sip:a@b>").displayName == "")
        #expect(try NameAddress.parse("<sip:a@b>").displayName == nil)
        let n = NameAddress(displayName: "Say \"hi\" \\ bye", uri: .sip(SIPURI(host: .domain("b"))))
        #expect(n.description == "\"Say \\\"hi\\\" \\\\ bye\" <sip:b>")
        #expect(try NameAddress.parse(n.description) == n)
    }

    @Test func parametersBelongToTheHeaderInAddrSpecForm() throws {
        let to = try NameAddress.parse("sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n")
        guard case .sip(let uri) = to.uri else { Issue.record("not sip"); return }
        #expect(uri.parameters.isEmpty)
        #expect(to.tag == "1918181833n")

        let from = try NameAddress.parse("sip:caller@example.net;tag=93334;transport=tcp")
        guard case .sip(let u2) = from.uri else { Issue.record("not sip"); return }
        #expect(u2.transport == nil)
        #expect(from.parameters.map(\.name) == ["tag", "transport"])

        let bracketed = try NameAddress.parse("<sip:caller@example.net;transport=tcp>;tag=1")
        guard case .sip(let u3) = bracketed.uri else { Issue.record("not sip"); return }
        #expect(u3.transport == .tcp)
        #expect(bracketed.tag == "1")
    }

    @Test func contactParameters() throws {
        let c = try NameAddress.parse(
            "\"Alice\" <sip:alice@192.0.2.10:5060;transport=tcp;ob>;expires=3600;q=0.7;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";reg-id=1")
        #expect(c.expires == 3600)
        #expect(c.q == 700)
        #expect(c.instance == "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>")
        #expect(c.regID == 1)
        // RFC 4475 scalar02: an overlarge expires is read as the largest value.
        #expect(try NameAddress.parse("<sip:user@host129.example.com>;expires=280297596632815").expires == UInt32.max)
        #expect(try NameAddress.parse("<sip:a@b>;q=1").q == 1000)
        #expect(try NameAddress.parse("<sip:a@b>;q=0.001").q == 1)
    }

    @Test func contactWildcard() throws {
        #expect(try ContactValue.parse(" * ") == .wildcard)
        #expect(try ContactValue.parse("<sip:a@b>") == .address(NameAddress(uri: .sip(SIPURI(user: "a", host: .domain("b"))))))
        expectRefusal(ContactValue.self, InvalidValue("* <sip:a@b>", .malformedValue, at: 2))
        #expect(valueRoundTrip(ContactValue.self, "*") == .wildcard)
    }

    @Test func listSplitting() throws {
        let list = try NameAddress.parseList("\"Watson, Thomas\" <sip:t.watson@example.org>, <sip:a,1@b>;tag=3 ,, sip:c@d")
        #expect(list.count == 3)
        #expect(list.first?.displayName == "Watson, Thomas")
        #expect(list.last?.uri.description == "sip:c@d")
        // An error in the second element reports its offset in the whole value.
        #expect(throws: SIPParseError(.malformedURI, at: 16, "empty user part")) {
            try NameAddress.parseList("<sip:a@b>, <sip:@b>")
        }
    }

    @Test func polycomContactListKeepsQuotedCommas() throws {
        let list = try ContactValue.parseList(
            "<sip:2001@192.168.1.50:5060;transport=tls>;methods=\"INVITE, ACK, BYE\";expires=300, <sip:2001@10.0.0.9>;expires=0")
        #expect(list.count == 2)
        guard case .address(let first) = list.first else { Issue.record("no address"); return }
        #expect(first.parameters.first(named: "methods")?.value == "INVITE, ACK, BYE")
        #expect(first.expires == 300)
        #expect(first.sipURI?.transport == .tls)
    }

    static let invalid = [
        InvalidValue("", .malformedValue, at: 0),
        // RFC 4475 §3.1.2.6: unterminated quoted display name
        InvalidValue("\"Mr. J. User <sip:j.user@example.com>", .truncated, at: 0),
        // RFC 4475 §3.1.2.15: non-token characters in an unquoted display name
        InvalidValue("Bell, Alexander <sip:a.g.bell@example.com>;tag=43", .malformedURI, at: 0),
        // RFC 4475 §3.1.2.13: a URI with headers needs angle brackets
        InvalidValue("sip:user@example.com?Route=%3Csip:sip.example.com%3E", .malformedValue, at: 20),
        // RFC 4475 §3.1.2.1-style extraneous separators
        InvalidValue("\"Joe\" <sip:joe@example.org>;;;;", .malformedValue, at: 28),
        InvalidValue("<sip:a@b", .truncated, at: 0),
        InvalidValue("<sip:a@b>x", .malformedValue, at: 9),
        InvalidValue("\"Joe\" sip:joe@example.org", .malformedValue, at: 6),
        InvalidValue("<sip:a@b>;tag", .malformedValue, at: 10),
        InvalidValue("<sip:a@b>;q=1.5", .malformedValue, at: 10),
        InvalidValue("<sip:a@b>;expires=soon", .malformedValue, at: 10),
        InvalidValue("<sip:a@b>;tag=\"x", .truncated, at: 14),
        InvalidValue("<sip:al%zice@b>", .malformedURI, at: 7),
        InvalidValue("Bob <sip:bob@[::1>", .malformedURI, at: 13),
        InvalidValue("\"a\\\rb\" <sip:a@b>", .malformedValue, at: 3),
    ]

    @Test(arguments: invalid)
    func refuses(_ c: InvalidValue) { expectRefusal(NameAddress.self, c) }

    @Test func mutationNeverTraps() {
        mutateValues(NameAddress.self, seeds: Self.valid, iterations: 5000)
        mutateValues(ContactValue.self, seeds: ["*", "<sip:a@b>;expires=0"] + Self.valid, iterations: 2000, seed: 7)
    }
}

extension NameAddressTests {
    @Test func editingParameters() throws {
        var to = try NameAddress.parse("<sip:bob@biloxi.com>")
        to.parameters.set("tag", "a6c85cf")
        #expect(to.description == "<sip:bob@biloxi.com>;tag=a6c85cf")
        to.parameters.set("TAG", "b")
        #expect(to.tag == "b" && to.parameters.count == 1)
        to.parameters.set("+sip.instance", "<urn:uuid:1>", quoted: true)
        #expect(to.description == "<sip:bob@biloxi.com>;TAG=b;+sip.instance=\"<urn:uuid:1>\"")
        to.parameters.remove(named: "tag")
        #expect(to.tag == nil)
        #expect(try NameAddress.parse(to.description) == to)

        guard case .sip(var uri) = to.uri else { Issue.record("not sip"); return }
        uri.parameters.set("lr", nil)
        uri.parameters.set("transport", "tcp")
        uri.parameters.set("x", "a b")
        #expect(uri.description == "sip:bob@biloxi.com;lr;transport=tcp;x=a%20b")
        #expect(uri.isLooseRouting && uri.transport == .tcp && uri.parameter("x") == .some("a b"))
        uri.parameters.remove(named: "lr")
        #expect(!uri.isLooseRouting)
    }
}
