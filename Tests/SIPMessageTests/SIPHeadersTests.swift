import Testing

@testable import SIPMessage

@Suite("SIPHeaders lookup, splitting and mutation")
struct SIPHeadersTests {
    static let compactPairs: [(String, String)] = [
        ("i", "Call-ID"), ("m", "Contact"), ("e", "Content-Encoding"), ("l", "Content-Length"),
        ("f", "From"), ("t", "To"), ("v", "Via"), ("s", "Subject"), ("k", "Supported"),
        ("c", "Content-Type"), ("o", "Event"), ("u", "Allow-Events"), ("r", "Refer-To"),
        ("b", "Referred-By"), ("x", "Session-Expires"), ("y", "Identity"), ("j", "Reject-Contact"),
        ("a", "Accept-Contact"), ("d", "Request-Disposition"),
    ]

    @Test("compact form equals its long form", arguments: compactPairs.map(\.0))
    func compactForms(_ letter: String) throws {
        let long = try #require(Self.compactPairs.first { $0.0 == letter }?.1)
        let headers = SIPHeaders([(letter.uppercased(), "x1"), (long.lowercased(), "x2")])
        #expect(headers.fields(named: long).count == 2)
        #expect(headers.fields(named: letter).count == 2)
        #expect(headers[0].canonicalName == long)
        #expect(headers[1].canonicalName == long)
        #expect(headers[0].name == letter.uppercased())
    }

    @Test func canonicalCaseFollowsTheRFCs() {
        let headers = SIPHeaders([
            ("cseq", "1 INVITE"), ("CALL-ID", "a"), ("www-authenticate", "Digest x"), ("mime-version", "1.0"),
            ("rack", "1 1 INVITE"), ("sip-etag", "e"), ("X-Custom-thing", "y"), ("min-se", "90"),
        ])
        #expect(headers.map(\.canonicalName) == [
            "CSeq", "Call-ID", "WWW-Authenticate", "MIME-Version", "RAck", "SIP-ETag", "X-Custom-thing", "Min-SE",
        ])
    }

    @Test func unknownNamesMatchCaseInsensitivelyButNotByPrefix() {
        let headers = SIPHeaders([("X-Foo", "1"), ("x-foo", "2"), ("X-Foobar", "3")])
        #expect(headers.values("X-FOO") == ["1", "2"])
        #expect(headers.first("x-foobar") == "3")
        #expect(headers.first("X-Fo") == nil)
    }

    @Test func listSplittingHonoursQuotesEscapesAndAngles() {
        let headers = SIPHeaders([
            ("Contact", #""Doe, John" <sip:j@a.example;x=1,2>;q=0.5, <sip:b@b.example>"#),
            ("Contact", #""esc \" , still quoted" <sip:c@c.example>"#),
            ("Route", "<sip:p1;lr>,<sip:p2;lr> ,  <sip:p3;lr>,,"),
        ])
        #expect(headers.values("m") == [
            #""Doe, John" <sip:j@a.example;x=1,2>;q=0.5"#, "<sip:b@b.example>",
            #""esc \" , still quoted" <sip:c@c.example>"#,
        ])
        #expect(headers.values("Route") == ["<sip:p1;lr>", "<sip:p2;lr>", "<sip:p3;lr>"])
    }

    @Test("single-valued headers are never split", arguments: [
        "WWW-Authenticate", "Authorization", "Proxy-Authenticate", "Proxy-Authorization", "Date", "Call-ID",
        "CSeq", "Content-Type", "From", "To", "Subject", "User-Agent", "Server", "Organization", "Reply-To",
        "Content-Disposition", "Session-Expires", "Event", "Subscription-State", "Refer-To", "Referred-By",
        "Replaces", "Retry-After", "Timestamp", "Priority", "MIME-Version", "Min-SE", "RSeq", "RAck",
    ])
    func singleValued(_ name: String) {
        let headers = SIPHeaders([(name, "a, b, c")])
        #expect(headers.values(name) == ["a, b, c"])
    }

    @Test func unknownHeadersSplitLikeLists() {
        let headers = SIPHeaders([("P-Associated-URI", "<sip:a@x>, <sip:b@x;p=1,2>"), ("X-Odd", ";;,,;;,;")])
        #expect(headers.values("p-associated-uri") == ["<sip:a@x>", "<sip:b@x;p=1,2>"])
        #expect(headers.values("X-Odd") == [";;", ";;", ";"])
    }

    @Test func listHeadersSplitAcrossOccurrences() {
        let headers = SIPHeaders([("Allow", "INVITE, ACK"), ("Via", "SIP/2.0/UDP a"), ("Allow", "BYE")])
        #expect(headers.values("Allow") == ["INVITE", "ACK", "BYE"])
    }

    @Test func mutationKeepsTheOrderOfTheRest() {
        var headers = SIPHeaders([("Via", "1"), ("To", "t"), ("v", "2"), ("From", "f"), ("Via", "3")])
        headers.set("VIA", "only")
        #expect(headers.map(\.name) == ["VIA", "To", "From"])
        #expect(headers.values("Via") == ["only"])
        headers.append(name: "Route", value: "<sip:r;lr>")
        headers.insert(SIPHeaderField(name: "Max-Forwards", value: "70"), at: 1)
        #expect(headers.map(\.name) == ["VIA", "Max-Forwards", "To", "From", "Route"])
        #expect(headers.remove("to") == 1)
        headers.remove(at: 0)
        #expect(headers.map(\.name) == ["Max-Forwards", "From", "Route"])
        headers.set("Contact", "<sip:c>")
        #expect(headers.last?.name == "Contact")
    }

    @Test func builtValuesCannotInjectHeaders() throws {
        var headers = SIPHeaders()
        headers.append(name: "Subject", value: "hi\r\nVia: SIP/2.0/UDP evil")
        let message = SIPMessage.request(SIPRequest(method: .message, requestURI: "sip:a@b", headers: headers))
        let parsed = try SIPMessage.parse(message.serialized())
        #expect(parsed.headers.count == 2)  // Subject and the added Content-Length
        #expect(!parsed.headers.contains("Via"))
    }

    @Test func builtNamesAndStartLinesCannotInjectEither() throws {
        var headers = SIPHeaders()
        headers.append(name: "X-Bad: evil\r\nVia", value: "v")
        headers.append(name: "", value: "empty name")
        #expect(headers.map(\.name) == ["X-Bad--evil--Via", "-"])
        var response = SIPResponse(statusCode: 200, reasonPhrase: "OK", headers: headers)
        response.reasonPhraseBytes = Array("OK\r\nVia: injected".utf8)
        let parsed = try SIPMessage.parse(SIPMessage.response(response).serialized())
        #expect(!parsed.headers.contains("Via"))
        #expect(parsed.response?.reasonPhrase == "OK  Via: injected")
        let request = SIPRequest(method: .options, requestURI: "sip:a@b SIP/2.0\r\nVia: x\r\n")
        #expect(coreParseError(SIPMessage.request(request).serialized())?.kind == .malformedStartLine)
    }

    @Test func parsedFieldsKnowTheirOffsets() throws {
        let bytes = coreWire("OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h\nl: 0\n\n")
        let m = try SIPMessage.parse(bytes)
        #expect(m.headers.map(\.offset) == [25, 45])
        #expect(SIPHeaderField(name: "To", value: "x").offset == nil)
    }
}
