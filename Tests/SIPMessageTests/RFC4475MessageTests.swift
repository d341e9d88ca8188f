import Testing

@testable import SIPMessage

/// RFC 4475 §3, every message, with the verdict the RFC gives it.
let rfc4475MessageCases: [MessageTortureCase] = [
    // §3.1.1 Valid messages
    MessageTortureCase(name: "wsinv", section: "3.1.1.1", verdict: .parses),
    MessageTortureCase(name: "intmeth", section: "3.1.1.2", verdict: .parses),
    MessageTortureCase(name: "esc01", section: "3.1.1.3", verdict: .parses),
    MessageTortureCase(name: "escnull", section: "3.1.1.4", verdict: .parses),
    MessageTortureCase(name: "esc02", section: "3.1.1.5", verdict: .parses),
    MessageTortureCase(name: "lwsdisp", section: "3.1.1.6", verdict: .parses),
    MessageTortureCase(name: "longreq", section: "3.1.1.7", verdict: .parses),
    // The datagram holds a second "message" after Content-Length: 0; it is noise (§18.3).
    MessageTortureCase(name: "dblreq", section: "3.1.1.8", verdict: .parses, exactRoundTrip: false),
    MessageTortureCase(name: "semiuri", section: "3.1.1.9", verdict: .parses),
    MessageTortureCase(name: "transports", section: "3.1.1.10", verdict: .parses),
    MessageTortureCase(name: "mpart01", section: "3.1.1.11", verdict: .parses),
    MessageTortureCase(name: "unreason", section: "3.1.1.12", verdict: .parses),
    MessageTortureCase(name: "noreason", section: "3.1.1.13", verdict: .parses),
    // §3.1.2 Invalid messages
    MessageTortureCase(name: "badinv01", section: "3.1.2.1", verdict: .parsesButValueInvalid("Via")),
    MessageTortureCase(name: "clerr", section: "3.1.2.2", verdict: .rejects(.badContentLength)),
    MessageTortureCase(name: "ncl", section: "3.1.2.3", verdict: .rejects(.badContentLength)),
    MessageTortureCase(name: "scalar02", section: "3.1.2.4", verdict: .parsesButValueInvalid("CSeq")),
    MessageTortureCase(name: "scalarlg", section: "3.1.2.5", verdict: .parsesButValueInvalid("CSeq")),
    MessageTortureCase(name: "quotbal", section: "3.1.2.6", verdict: .parsesButValueInvalid("To")),
    MessageTortureCase(name: "ltgtruri", section: "3.1.2.7", verdict: .rejects(.malformedStartLine)),
    MessageTortureCase(name: "lwsruri", section: "3.1.2.8", verdict: .rejects(.malformedStartLine)),
    MessageTortureCase(name: "lwsstart", section: "3.1.2.9", verdict: .rejects(.malformedStartLine)),
    MessageTortureCase(name: "trws", section: "3.1.2.10", verdict: .rejects(.malformedStartLine)),
    MessageTortureCase(name: "escruri", section: "3.1.2.11", verdict: .parsesButValueInvalid("Request-URI")),
    MessageTortureCase(name: "baddate", section: "3.1.2.12", verdict: .parsesButValueInvalid("Date")),
    MessageTortureCase(name: "regbadct", section: "3.1.2.13", verdict: .parsesButValueInvalid("Contact")),
    // "Elements attempting to be liberal … may choose to ignore the spaces": pipit does.
    MessageTortureCase(name: "badaspec", section: "3.1.2.14", verdict: .parses),
    MessageTortureCase(name: "baddn", section: "3.1.2.15", verdict: .parsesButValueInvalid("From")),
    MessageTortureCase(
        name: "badvers", section: "3.1.2.16",
        verdict: .parsesButSemanticallyInvalid("SIP/7.0: answer 505 Version Not Supported")),
    MessageTortureCase(
        name: "mismatch01", section: "3.1.2.17",
        verdict: .parsesButSemanticallyInvalid("CSeq method differs from the request method: 400")),
    MessageTortureCase(
        name: "mismatch02", section: "3.1.2.18",
        verdict: .parsesButSemanticallyInvalid("unknown method, CSeq method differs: 501")),
    MessageTortureCase(name: "bigcode", section: "3.1.2.19", verdict: .rejects(.malformedStartLine)),
    // §3.2 Transaction layer semantics
    MessageTortureCase(
        name: "badbranch", section: "3.2.1",
        verdict: .parsesButTransactionInvalid("branch is only the z9hG4bK cookie")),
    // §3.3 Application layer semantics
    MessageTortureCase(
        name: "insuf", section: "3.3.1",
        verdict: .parsesButSemanticallyInvalid("missing Call-ID, From, To, Max-Forwards: 400")),
    MessageTortureCase(name: "unkscm", section: "3.3.2", verdict: .parses),
    MessageTortureCase(name: "novelsc", section: "3.3.3", verdict: .parses),
    MessageTortureCase(name: "unksm2", section: "3.3.4", verdict: .parses),
    MessageTortureCase(name: "bext01", section: "3.3.5", verdict: .parses),
    MessageTortureCase(name: "invut", section: "3.3.6", verdict: .parses),
    MessageTortureCase(name: "regaut01", section: "3.3.7", verdict: .parses),
    MessageTortureCase(
        name: "multi01", section: "3.3.8",
        verdict: .parsesButSemanticallyInvalid("several values for single-valued headers: 400")),
    MessageTortureCase(name: "mcl01", section: "3.3.9", verdict: .rejects(.badContentLength)),
    MessageTortureCase(name: "bcast", section: "3.3.10", verdict: .parses),
    MessageTortureCase(name: "zeromf", section: "3.3.11", verdict: .parses),
    MessageTortureCase(name: "cparam01", section: "3.3.12", verdict: .parses),
    MessageTortureCase(name: "cparam02", section: "3.3.13", verdict: .parses),
    MessageTortureCase(name: "regescrt", section: "3.3.14", verdict: .parses),
    MessageTortureCase(name: "sdp01", section: "3.3.15", verdict: .parses),
    // §3.4 Backward compatibility: RFC 2543 style, no Content-Length on a datagram.
    MessageTortureCase(name: "inv2543", section: "3.4.1", verdict: .parses, exactRoundTrip: false),
]

@Suite("RFC 4475 torture messages")
struct RFC4475MessageTests {
    @Test("every message has its verdict", arguments: rfc4475MessageCases)
    func verdict(_ c: MessageTortureCase) throws {
        let bytes = try CoreVectors.load(c.name, in: "rfc4475")
        try checkMessageVerdict(c, bytes)
    }

    @Test func tableCoversEveryMessageOfTheRFC() {
        #expect(rfc4475MessageCases.count == 49)
        #expect(Set(rfc4475MessageCases.map(\.name)).count == 49)
    }

    @Test func wsinvHeadersAreReadThroughFoldingAndOddSpacing() throws {
        let m = try SIPMessage.parse(CoreVectors.load("wsinv", in: "rfc4475"))
        let r = try #require(m.request)
        #expect(r.method == .invite)
        #expect(r.requestURI == "sip:vivekg@chair-dnrc.example.com;unknownparam")
        #expect(m.headers.first("To") == "sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n")
        #expect(m.headers.first("CSeq") == "0009 INVITE")
        #expect(m.headers.first("Max-Forwards") == "0068")
        #expect(m.headers.first("Subject") == "")
        #expect(m.headers.first("NewFangledHeader") == "newfangled value continued newfangled value")
        #expect(m.headers.first("UnknownHeaderWithUnusualValue") == ";;,,;;,;")
        #expect(m.headers.values("Via").count == 3)
        #expect(m.headers.values("Via")[1] == "SIP  / 2.0  / TCP     spindle.example.com   ; branch  =   z9hG4bK9ikj8")
        #expect(m.headers.values("v").count == 3)
        #expect(m.headers.first("Contact") == "\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam = newvalue ; secondparam ; q = 0.33")
        #expect(m.headers.first("from")?.hasPrefix("\"J Rosenberg \\\\\\\"\"") == true)
        #expect(m.body.count == 150)
        #expect(m.headers.map(\.canonicalName).contains("Via"))
        #expect(m.headers.filter { $0.name == "v" }.first?.canonicalName == "Via")
    }

    @Test func intmethKeepsEveryOddCharacter() throws {
        let m = try SIPMessage.parse(CoreVectors.load("intmeth", in: "rfc4475"))
        let r = try #require(m.request)
        #expect(r.method.rawValue == "!interesting-Method0123456789_*+`.%indeed'~")
        #expect(!r.method.isKnown)
        #expect(m.headers.first("Call-ID") == "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{")
        let ext = try #require(m.headers.field("extensionHeader-!.%*+_`'~"))
        #expect(ext.valueBytes == [0xEF, 0xBB, 0xBF, 0xE5, 0xA4, 0xA7, 0xE5, 0x81, 0x9C, 0xE9, 0x9B, 0xBB])
        let to = try #require(m.headers.field("To"))
        #expect(to.valueBytes.contains(0x00))
        #expect(to.valueBytes.contains(0x07))
    }

    @Test func esc02HasTwoContactsAndAnUnknownMethod() throws {
        let m = try SIPMessage.parse(CoreVectors.load("esc02", in: "rfc4475"))
        #expect(m.request?.method.rawValue == "RE%47IST%45R")
        #expect(m.request?.method != .register)
        #expect(m.headers.values("Contact").count == 2)
        #expect(m.headers.first("C%6Fntact") == "<sip:alias2@host2.example.com>")
    }

    @Test func longreqHas34ViasAcrossNameSpellings() throws {
        let m = try SIPMessage.parse(CoreVectors.load("longreq", in: "rfc4475"))
        #expect(m.headers.values("VIA").count == 34)
        #expect(m.headers.fields(named: "v").count == 34)
    }

    @Test func dblreqIgnoresTheBytesAfterContentLength() throws {
        let m = try SIPMessage.parse(CoreVectors.load("dblreq", in: "rfc4475"))
        #expect(m.request?.method == .register)
        #expect(m.body.isEmpty)
    }

    @Test func semiuriAcceptSplitsIntoSix() throws {
        let m = try SIPMessage.parse(CoreVectors.load("semiuri", in: "rfc4475"))
        #expect(m.headers.values("Accept") == [
            "application/sdp", "application/pkcs7-mime", "multipart/mixed", "multipart/signed",
            "message/sip", "message/sipfrag",
        ])
    }

    @Test func mpart01SplitsIntoTwoPartsWithBinaryContent() throws {
        let m = try SIPMessage.parse(CoreVectors.load("mpart01", in: "rfc4475"))
        let multipart = try #require(try m.multipartBody())
        #expect(multipart.parts.count == 2)
        #expect(multipart.parts[0].body == Array("Hello".utf8))
        #expect(multipart.parts[0].headers.first("Content-Type") == "text/plain")
        #expect(multipart.parts[1].headers.first("Content-Type") == "application/octet-stream")
        #expect(multipart.parts[1].body.count == 342)
        #expect(multipart.parts[1].body.contains(0x00))
    }

    @Test func unreasonKeepsTheUTF8ReasonPhraseExactly() throws {
        let bytes = try CoreVectors.load("unreason", in: "rfc4475")
        let r = try #require(try SIPMessage.parse(bytes).response)
        #expect(r.statusCode == 200)
        let lineEnd = try #require(bytes.firstIndex(of: 0x0D))
        #expect(r.reasonPhraseBytes == Array(bytes[12..<lineEnd]))
        #expect(r.reasonPhrase.hasPrefix("= 2**3 * 5**2 но сто девяносто девять"))
    }

    @Test func noreasonHasAnEmptyReasonPhrase() throws {
        let r = try #require(try SIPMessage.parse(CoreVectors.load("noreason", in: "rfc4475")).response)
        #expect(r.statusCode == 100)
        #expect(r.reasonPhraseBytes.isEmpty)
    }

    @Test func badversReportsTheVersionForA505() throws {
        let m = try SIPMessage.parse(CoreVectors.load("badvers", in: "rfc4475"))
        #expect(m.request?.version == "SIP/7.0")
        #expect(!m.isSIP20)
    }

    @Test func insufReportsTheMissingHeaders() throws {
        let m = try SIPMessage.parse(CoreVectors.load("insuf", in: "rfc4475"))
        #expect(m.missingMandatoryHeaders == ["To", "From", "Call-ID", "Max-Forwards"])
        let ok = try SIPMessage.parse(CoreVectors.load("wsinv", in: "rfc4475"))
        #expect(ok.missingMandatoryHeaders.isEmpty)
    }

    @Test func mismatchesAreVisibleToTheLayerAbove() throws {
        let m = try SIPMessage.parse(CoreVectors.load("mismatch01", in: "rfc4475"))
        #expect(m.request?.method == .options)
        #expect(m.headers.first("CSeq") == "8 INVITE")
    }

    @Test func inv2543TakesTheRestOfTheDatagramAsBody() throws {
        let bytes = try CoreVectors.load("inv2543", in: "rfc4475")
        let m = try SIPMessage.parse(bytes)
        #expect(m.body.count == 105)
        #expect(!m.headers.contains("Content-Length"))
        let out = m.serialized()
        #expect(try SIPMessage.parse(out).headers.first("Content-Length") == "105")
    }

    @Test func multi01KeepsEveryOccurrenceInOrder() throws {
        let m = try SIPMessage.parse(CoreVectors.load("multi01", in: "rfc4475"))
        #expect(m.headers.values("CSeq") == ["5 INVITE", "59 INVITE"])
        #expect(m.headers.values("Call-ID").count == 2)
    }
}
