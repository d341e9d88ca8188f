import Testing
@testable import SIPMessage

@Suite("List header splitting")
struct ValueListTests {
    func elements(_ text: String) throws -> [String] {
        let bytes = Array(text.utf8)
        return try SIPValueList.elementRanges(of: text[...]).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func splitsOnlyAtSeparatingCommas() throws {
        #expect(try elements("INVITE, ACK ,BYE") == ["INVITE", "ACK", "BYE"])
        #expect(try elements("\"Watson, Thomas\" <sip:a,b@c>;tag=1, <sip:d@e>")
                == ["\"Watson, Thomas\" <sip:a,b@c>;tag=1", "<sip:d@e>"])
        #expect(try elements("120 (busy, really), 5") == ["120 (busy, really)", "5"])
        #expect(try elements("\"a\\\",b\", c") == ["\"a\\\",b\"", "c"])
        #expect(try elements(" , ,a,, ") == ["a"])
        #expect(try elements("") == [])
        #expect(throws: SIPParseError.self) { try elements("a, \"b") }
    }

    @Test func parseListReportsOffsetsInTheWholeValue() {
        #expect(throws: SIPParseError(.malformedValue, at: 13, "expected a token")) {
            try HeaderToken.parseList("INVITE, ACK, @")
        }
        #expect(throws: SIPParseError(.malformedValue, at: 35, "expected white space before sent-by")) {
            try Via.parseList("SIP/2.0/UDP a;branch=1, SIP/2.0/UDP")
        }
    }

    @Test func unicodeBeforeAnElementKeepsOffsetsInBytes() throws {
        let vias = try Via.parseList("SIP/2.0/UDP a;x=\"é\", SIP/2.0/TCP b")
        #expect(vias.map(\.transport) == [.udp, .tcp])
        #expect(throws: SIPParseError(.malformedValue, at: 29, "expected \"/\" after the protocol version")) {
            try Via.parseList("SIP/2.0/UDP a;x=\"é\", SIP/2.0 TCP b")
        }
    }
}
