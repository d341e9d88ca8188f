import Testing
@testable import SIPMessage

@Suite("Reason, Retry-After, Warning, User-Agent, Call-Info")
struct InformationalValueTests {
    @Test func reasons() throws {
        let q850 = try #require(valueRoundTrip(ReasonValue.self, "Q.850;cause=16;text=\"Terminated\""))
        #expect(q850.protocol == "Q.850" && q850.cause == 16 && q850.text == "Terminated")
        let sip = try ReasonValue.parse("SIP ;cause=200 ;text=\"Call completed elsewhere\"")
        #expect(sip.cause == 200 && sip.text == "Call completed elsewhere")
        #expect(ReasonValue(protocol: "SIP", cause: 487, text: "Request \"Terminated\"").description
                == "SIP;cause=487;text=\"Request \\\"Terminated\\\"\"")
        #expect(try ReasonValue.parseList("SIP;cause=580;text=\"Precondition Failure\", Q.850;cause=47").count == 2)
        expectRefusal(ReasonValue.self, InvalidValue("SIP;cause=abc", .malformedValue, at: 4))
        expectRefusal(ReasonValue.self, InvalidValue(";cause=1", .malformedValue, at: 0))
        expectRefusal(ReasonValue.self, InvalidValue("SIP;text=\"open", .truncated, at: 9))
    }

    @Test func retryAfter() throws {
        let r = try #require(valueRoundTrip(RetryAfter.self, "18000;duration=3600"))
        #expect(r.seconds == 18000 && r.duration == 3600 && r.comment == nil)
        let c = try #require(valueRoundTrip(RetryAfter.self, "120 (I'm in a meeting)"))
        #expect(c.comment == "I'm in a meeting")
        let nested = try RetryAfter.parse("5 (busy (really)) ;duration=10")
        #expect(nested.comment == "busy (really)" && nested.duration == 10)
        // RFC 4475 §3.1.2.5: far too many digits
        expectRefusal(RetryAfter.self, InvalidValue("949302838503028349304023988", .malformedValue, at: 0))
        expectRefusal(RetryAfter.self, InvalidValue("120 (unclosed", .truncated, at: 4))
        expectRefusal(RetryAfter.self, InvalidValue("soon", .malformedValue, at: 0))
        expectRefusal(RetryAfter.self, InvalidValue("1;duration=x", .malformedValue, at: 2))
    }

    @Test func warnings() throws {
        let w = try #require(valueRoundTrip(WarningValue.self, "307 isi.edu \"Session parameter 'foo' not understood\""))
        #expect(w.code == 307 && w.agent == "isi.edu" && w.text == "Session parameter 'foo' not understood")
        #expect(try WarningValue.parse("301 [2001:db8::1]:5060 \"Incompatible network address formats\"").agent
                == "[2001:db8::1]:5060")
        #expect(valueRoundTrip(WarningValue.self, "399 pbx.example.com:5060 \"Codec mismatch\"") != nil)
        #expect(try WarningValue.parseList("370 devnull \"Choose a bigger pipe\", 370 devnull \"CHOOSE A BIGGER PIPE\"").count == 2)
        // RFC 4475 §3.1.2.5: a four-digit code
        expectRefusal(WarningValue.self, InvalidValue("1812 overture \"In Progress\"", .malformedValue, at: 0))
        expectRefusal(WarningValue.self, InvalidValue("39 a \"b\"", .malformedValue, at: 0))
        expectRefusal(WarningValue.self, InvalidValue("399 a b", .malformedValue, at: 6))
        expectRefusal(WarningValue.self, InvalidValue("399 \"b\"", .malformedValue, at: 4))
        expectRefusal(WarningValue.self, InvalidValue("399 host:99999 \"b\"", .malformedURI, at: 9))
    }

    @Test func productLists() throws {
        let ua = try #require(valueRoundTrip(ProductList.self, "Asterisk PBX 20.5.0"))
        #expect(ua.items == [.product(name: "Asterisk", version: nil), .product(name: "PBX", version: nil),
                             .product(name: "20.5.0", version: nil)])
        let poly = try ProductList.parse("PolycomVVX-VVX_411-UA/6.4.3.5018")
        #expect(poly.firstProduct?.name == "PolycomVVX-VVX_411-UA" && poly.firstProduct?.version == "6.4.3.5018")
        let cisco = try ProductList.parse("Cisco-SIPGateway/IOS-15.6.3.M2 (compatible; x (y))")
        #expect(cisco.items.last == .comment("compatible; x (y)"))
        #expect(valueRoundTrip(ProductList.self, "kamailio (5.7.4 (x86_64/linux))") != nil)
        #expect(valueRoundTrip(ProductList.self, "baresip v3.10.1 (x86_64/Linux)") != nil)
        #expect(valueRoundTrip(ProductList.self, "  Grandstream   GXP2170  1.0.11.3 ")?.text == "Grandstream   GXP2170  1.0.11.3")
        #expect(ProductList([.product(name: "pipit", version: "0.1"), .comment("Linux")]).description == "pipit/0.1 (Linux)")
        expectRefusal(ProductList.self, InvalidValue("", .malformedValue, at: 0))
        expectRefusal(ProductList.self, InvalidValue("foo/", .malformedValue, at: 4))
        expectRefusal(ProductList.self, InvalidValue("foo (bar", .truncated, at: 4))
        expectRefusal(ProductList.self, InvalidValue("foo \"bar\"", .malformedValue, at: 4))
    }

    @Test func infoValues() throws {
        let icon = try #require(valueRoundTrip(InfoValue.self, "<http://wwww.example.com/alice/photo.jpg> ;purpose=icon"))
        #expect(icon.purpose == "icon")
        #expect(icon.uri == .other(scheme: "http", text: "//wwww.example.com/alice/photo.jpg"))
        let auto = try InfoValue.parse("<sip:127.0.0.1>;answer-after=0")
        #expect(auto.answerAfter == 0)
        #expect(valueRoundTrip(InfoValue.self, "<http://www.notused.com>;info=alert-autoanswer;delay=0") != nil)
        #expect(valueRoundTrip(InfoValue.self, "<urn:alert:tone:internal>") != nil)
        #expect(try InfoValue.parseList("<http://a.example/x>;purpose=info, <sip:b@c>;purpose=card").count == 2)
        expectRefusal(InfoValue.self, InvalidValue("http://a.example/x", .malformedValue, at: 0))
        expectRefusal(InfoValue.self, InvalidValue("<http://a.example/x", .truncated, at: 0))
        expectRefusal(InfoValue.self, InvalidValue("<sip:a@b>;answer-after=x", .malformedValue, at: 10))
    }

    @Test func mutationNeverTraps() {
        mutateValues(ReasonValue.self, seeds: ["Q.850;cause=16;text=\"Terminated\"", "SIP;cause=200;text=\"Call completed elsewhere\""])
        mutateValues(RetryAfter.self, seeds: ["18000;duration=3600", "5 (busy (really)) ;duration=10"])
        mutateValues(WarningValue.self, seeds: ["307 isi.edu \"Session parameter 'foo' not understood\"",
                                          "301 [2001:db8::1]:5060 \"x\"", "399 pbx.example.com:5060 \"Codec mismatch\""])
        mutateValues(ProductList.self, seeds: ["Asterisk PBX 20.5.0", "Cisco-SIPGateway/IOS-15.6.3.M2 (compatible; x (y))"])
        mutateValues(InfoValue.self, seeds: ["<http://wwww.example.com/alice/photo.jpg> ;purpose=icon", "<sip:127.0.0.1>;answer-after=0"])
    }
}
