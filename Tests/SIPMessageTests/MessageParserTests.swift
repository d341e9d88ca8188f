import Foundation
import Testing

@testable import SIPMessage

@Suite("Datagram parsing: start lines, folding, framing, serialization")
struct MessageParserTests {
    @Test("malformed start lines are refused", arguments: [
        "INVITE sip:a@b SIP/2.0 \r\n\r\n",
        "INVITE  sip:a@b SIP/2.0\r\n\r\n",
        "INVITE sip:a@b\r\n\r\n",
        "INVITE <sip:a@b> SIP/2.0\r\n\r\n",
        "INVITE sip:a@b SIP/2\r\n\r\n",
        "INVITE sip:a@b HTTP/1.1\r\n\r\n",
        " INVITE sip:a@b SIP/2.0\r\n\r\n",
        "INV(ITE sip:a@b SIP/2.0\r\n\r\n",
        "SIP/2.0 20 OK\r\n\r\n",
        "SIP/2.0 2000 OK\r\n\r\n",
        "SIP/2.0 099 Low\r\n\r\n",
        "SIP/2.0 700 High\r\n\r\n",
        "SIP/2.0 200OK\r\n\r\n",
        "SIP/2.0  200 OK\r\n\r\n",
        "SIP/x.0 200 OK\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\rX\r\n\r\n",
    ])
    func badStartLines(_ text: String) throws {
        let e = try #require(coreParseError(Array(text.utf8)))
        #expect(e.kind == .malformedStartLine)
    }

    @Test func responsesAcceptAnyStatusInRangeAndAMissingReason() throws {
        for code in [100, 199, 200, 486, 599, 699] {
            let m = try SIPMessage.parse(Array("SIP/2.0 \(code) Whatever it is\r\nl: 0\r\n\r\n".utf8))
            #expect(m.response?.statusCode == code)
        }
        let bare = try SIPMessage.parse(Array("SIP/2.0 180\r\n\r\n".utf8))
        #expect(bare.response?.reasonPhrase == "")
        #expect(bare.serialized() == Array("SIP/2.0 180 \r\nContent-Length: 0\r\n\r\n".utf8))
    }

    @Test func everyKnownMethodParses() throws {
        for method in SIPMethod.known {
            let m = try SIPMessage.parse(Array("\(method) sip:x@y SIP/2.0\r\nContent-Length: 0\r\n\r\n".utf8))
            #expect(m.request?.method == method)
            #expect(m.request?.method.isKnown == true)
        }
        let ext = try SIPMessage.parse(Array("FOO-BAR sip:x@y SIP/2.0\r\n\r\n".utf8))
        #expect(ext.request?.method == SIPMethod("FOO-BAR"))
        #expect(ext.request?.method.isKnown == false)
        #expect(SIPMethod("invite") != .invite)
    }

    @Test func headerLinesMustBeWellFormed() throws {
        let cases: [(String, SIPParseError.Kind)] = [
            ("OPTIONS sip:a@b SIP/2.0\r\n continuation first\r\n\r\n", .malformedHeader),
            ("OPTIONS sip:a@b SIP/2.0\r\nNoColon\r\n\r\n", .malformedHeader),
            ("OPTIONS sip:a@b SIP/2.0\r\n: empty name\r\n\r\n", .malformedHeader),
            ("OPTIONS sip:a@b SIP/2.0\r\nBad Name: x\r\n\r\n", .malformedHeader),
            ("OPTIONS sip:a@b SIP/2.0\r\nVia: x\rY\r\n\r\n", .malformedHeader),
            ("OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n", .truncated),
            ("OPTIONS sip:a@b SIP/2.0\r\nVia: x", .truncated),
            ("OPTIONS sip:a@b SIP/2.0", .truncated),
            ("", .truncated),
            ("\r\n\r\n", .truncated),
        ]
        for (text, kind) in cases {
            let e = try #require(coreParseError(Array(text.utf8)), "\(text.debugDescription) must fail")
            #expect(e.kind == kind, "\(text.debugDescription): \(e)")
        }
    }

    @Test func contentLengthRules() throws {
        let head = "MESSAGE sip:a@b SIP/2.0\r\n"
        #expect(coreParseError(Array((head + "Content-Length: five\r\n\r\n").utf8))?.kind == .badContentLength)
        #expect(coreParseError(Array((head + "Content-Length: -1\r\n\r\n").utf8))?.kind == .badContentLength)
        #expect(coreParseError(Array((head + "Content-Length: 1 2\r\n\r\n12").utf8))?.kind == .badContentLength)
        #expect(coreParseError(Array((head + "Content-Length:\r\n\r\n").utf8))?.kind == .badContentLength)
        #expect(coreParseError(Array((head + "Content-Length: 99999999999999999999999999\r\n\r\n").utf8))?.kind == .tooLarge)
        #expect(coreParseError(Array((head + "Content-Length: 5\r\n\r\nabc").utf8))?.kind == .badContentLength)
        #expect(coreParseError(Array((head + "l: 3\r\nContent-Length: 4\r\n\r\nabcd").utf8))?.kind == .badContentLength)
        let agreeing = try SIPMessage.parse(Array((head + "l: 3\r\nContent-Length: 003\r\n\r\nabcdef").utf8))
        #expect(agreeing.body == Array("abc".utf8))
        let noLength = try SIPMessage.parse(Array((head + "Subject: x\r\n\r\nrest of datagram").utf8))
        #expect(noLength.body == Array("rest of datagram".utf8))
    }

    @Test func bareLFLinesAreAcceptedAndWrittenBackAsCRLF() throws {
        let text = "OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nSubject: one\n two\nContent-Length: 2\n\nhi"
        let m = try SIPMessage.parse(Array(text.utf8))
        #expect(m.headers.first("Subject") == "one two")
        #expect(m.body == Array("hi".utf8))
        let out = m.serialized()
        #expect(out == Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        #expect(try SIPMessage.parse(out) == m)
    }

    @Test func foldingIsRemovedInValuesAndKeptOnTheWire() throws {
        let bytes = coreWire("OPTIONS sip:a@b SIP/2.0\nSubject:   first  \n\t second \n   third\nX-Empty:\nl: 0\n\n")
        let m = try SIPMessage.parse(bytes)
        #expect(m.headers.first("s") == "first second third")
        #expect(m.headers.first("X-Empty") == "")
        #expect(m.serialized() == bytes)
    }

    @Test func leadingCRLFsBeforeTheStartLineAreSkipped() throws {
        let m = try SIPMessage.parse(Array("\r\n\r\nOPTIONS sip:a@b SIP/2.0\r\nl: 0\r\n\r\n".utf8))
        #expect(m.request?.method == .options)
    }

    @Test func serializationFixesContentLength() throws {
        var m = try SIPMessage.parse(coreWire("MESSAGE sip:a@b SIP/2.0\nl: 2\nX-After: 1\n\nhi"))
        m.body = Array("hello".utf8)
        #expect(m.serialized() == Array("MESSAGE sip:a@b SIP/2.0\r\nl: 5\r\nX-After: 1\r\n\r\nhello".utf8))
        var built = SIPMessage.response(SIPResponse(statusCode: 200, reasonPhrase: "OK"))
        built.headers.append(name: "Via", value: "SIP/2.0/UDP h;branch=z9hG4bK2")
        built.body = Array("x".utf8)
        #expect(built.serialized() == Array("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK2\r\nContent-Length: 1\r\n\r\nx".utf8))
        #expect(try SIPMessage.parse(built.serialized()) == built)
    }

    @Test func canonicalTextExpandsNamesAndUnfolds() throws {
        let m = try SIPMessage.parse(coreWire("""
            INVITE sip:bob@example.com SIP/2.0
            v:  SIP/2.0/UDP h;branch=z9hG4bK3
            i :x@y
            cseq: 1 INVITE
            X-Odd:  a
              b
            l: 9
            c: text/plain

            body text
            """))
        #expect(m.canonicalText == """
            INVITE sip:bob@example.com SIP/2.0
            Via: SIP/2.0/UDP h;branch=z9hG4bK3
            Call-ID: x@y
            CSeq: 1 INVITE
            X-Odd: a b
            Content-Length: 9
            Content-Type: text/plain

            body text
            """)
    }

    @Test func canonicalTextAddsAMissingContentLength() throws {
        let m = try SIPMessage.parse(Array("SIP/2.0 200 OK\r\nTo: a\r\n\r\nxy".utf8))
        #expect(m.canonicalText == "SIP/2.0 200 OK\nTo: a\nContent-Length: 2\n\nxy")
    }

    @Test func errorsCarryOffsets() throws {
        let text = "OPTIONS sip:a@b SIP/2.0\r\nVia: ok\r\nBroken line\r\n\r\n"
        let e = try #require(coreParseError(Array(text.utf8)))
        #expect(e.offset == 41)
        #expect(e.description.contains("at byte 41"))
    }

    @Test func versionIsReportedNotRefused() throws {
        let m = try SIPMessage.parse(Array("OPTIONS sip:a@b SIP/3.1\r\nl: 0\r\n\r\n".utf8))
        #expect(m.request?.version == "SIP/3.1")
        #expect(m.request?.isSIP20 == false)
        let lower = try SIPMessage.parse(Array("sip/2.0 200 OK\r\nl: 0\r\n\r\n".utf8))
        #expect(lower.isSIP20)
    }
}
