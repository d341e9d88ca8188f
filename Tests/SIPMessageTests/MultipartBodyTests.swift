import Testing

@testable import SIPMessage

@Suite("multipart bodies (RFC 2046)")
struct MultipartBodyTests {
    @Test func boundaryComesFromTheContentType() {
        #expect(MultipartBody.boundary(fromContentType: "multipart/mixed;boundary=abc") == "abc")
        #expect(MultipartBody.boundary(fromContentType: #"multipart/mixed; charset=x ;BOUNDARY="a b;c""#) == "a b;c")
        #expect(MultipartBody.boundary(fromContentType: "multipart/mixed") == nil)
        #expect(MultipartBody.boundary(fromContentType: #"multipart/mixed;boundary="""#) == nil)
    }

    @Test func partsWithAndWithoutHeaders() throws {
        let body = Array("--xyz\r\n\r\nno headers\r\n--xyz  \r\nContent-Type: text/plain\r\nContent-ID: <1@x>\r\n\r\nline1\r\nline2\r\n--xyz--".utf8)
        let m = try MultipartBody.parse(body: body, boundary: "xyz")
        #expect(m.parts.count == 2)
        #expect(m.parts[0].headers.isEmpty)
        #expect(m.parts[0].body == Array("no headers".utf8))
        #expect(m.parts[1].headers.first("content-type") == "text/plain")
        #expect(m.parts[1].body == Array("line1\r\nline2".utf8))
    }

    @Test func delimiterLookalikesInsidePartsAreContent() throws {
        let body = Array("--b\r\n\r\n--bx is not mine\r\n---b neither\r\n--b--\r\n".utf8)
        let m = try MultipartBody.parse(body: body, boundary: "b")
        #expect(m.parts.count == 1)
        #expect(m.parts[0].body == Array("--bx is not mine\r\n---b neither".utf8))
    }

    @Test func malformedBodiesAreRefused() {
        let cases: [(String, String)] = [
            ("--b\r\n\r\nunterminated", "b"),
            ("no delimiters at all", "b"),
            ("--b--\r\n", "b"),
            ("--b\r\nbad header line\r\n\r\nx\r\n--b--", "b"),
            ("--b\r\n\r\nx\r\n--b--", ""),
            ("--b\r\n\r\nx\r\n--b--", String(repeating: "b", count: 71)),
        ]
        for (text, boundary) in cases {
            #expect(throws: SIPParseError.self, "\(text.debugDescription)") {
                try MultipartBody.parse(body: Array(text.utf8), boundary: boundary)
            }
        }
    }

    @Test func serializeThenParseGivesTheSameParts() throws {
        let parts = MultipartBody(parts: [
            .init(headers: SIPHeaders([("Content-Type", "application/sdp")]), body: Array("v=0\r\n".utf8)),
            .init(headers: SIPHeaders([("Content-Type", "application/pidf+xml")]), body: [0, 1, 2, 0x0D, 0x0A]),
        ])
        let bytes = parts.serialized(boundary: "boundary42")
        #expect(try MultipartBody.parse(body: bytes, boundary: "boundary42") == parts)
    }

    @Test func nonMultipartBodiesGiveNil() throws {
        let m = try SIPMessage.parse(RealWorldMessages.asteriskInvite)
        #expect(try m.multipartBody() == nil)
    }
}
