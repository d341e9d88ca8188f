import Testing
@testable import SIPMessage

/// Large and adversarial inputs: each parser must answer (value or error) without
/// trapping, and its work must stay linear (these sizes would take minutes if any
/// parser were quadratic).
@Suite("Hostile header values")
struct HostileValueTests {
    static let count = 20_000

    @Test func manyParameters() throws {
        let params = String(repeating: ";p=1", count: Self.count)
        #expect(try Via.parse("SIP/2.0/UDP h" + params).parameters.count == Self.count)
        #expect(try SIPURI.parse("sip:a@b" + params).parameters.count == Self.count)
        #expect(try NameAddress.parse("<sip:a@b>" + params).parameters.count == Self.count)
        let uri = try SIPURI.parse("sip:a@b" + params)
        #expect(uri.isEquivalent(to: uri))
        let headers = "sip:a@b?" + (0..<Self.count).map { "h\($0)=v" }.joined(separator: "&")
        #expect(try SIPURI.parse(headers).headers.count == Self.count)
    }

    @Test func manyAuthParameters() throws {
        let params = (0..<Self.count).map { "p\($0)=\"v\"" }.joined(separator: ", ")
        let c = try DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", " + params)
        #expect(c.otherParameters.count == Self.count)
        #expect(throws: SIPParseError.self) {
            try DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", " + params + ", p7=x")
        }
    }

    @Test func longListsAndRuns() throws {
        let tokens = Array(repeating: "INVITE", count: Self.count).joined(separator: ",")
        #expect(try HeaderToken.parseList(tokens).count == Self.count)
        #expect(try ProductList.parse(String(repeating: "a/1 (c) ", count: Self.count)).items.count == 2 * Self.count)
        #expect(throws: SIPParseError.self) { try Via.parse("SIP/2.0/UDP h" + String(repeating: ";", count: 100_000)) }
        #expect(throws: SIPParseError.self) { try NameAddress.parse(String(repeating: "\\", count: 100_000)) }
        #expect(throws: SIPParseError.self) { try NameAddress.parse("\"" + String(repeating: "\\\"", count: 50_000)) }
        #expect(throws: SIPParseError.self) { try RetryAfter.parse("1 " + String(repeating: "(", count: 100_000)) }
        #expect(throws: SIPParseError.self) { try SIPURI.parse("sip:" + String(repeating: "%", count: 100_000) + "@h") }
        #expect(throws: SIPParseError.self) { try Host.parse("[" + String(repeating: ":", count: 100_000) + "]") }
        #expect(throws: SIPParseError.self) { try CSeq.parse(String(repeating: "9", count: 100_000) + " INVITE") }
        #expect(throws: SIPParseError.self) { try Expires.parse(String(repeating: "0", count: 100_000)) }
    }

    @Test func deepCommentsAreRefused() {
        let deep = "1 " + String(repeating: "(", count: 40) + String(repeating: ")", count: 40)
        #expect(throws: SIPParseError.self) { try RetryAfter.parse(deep) }
        let ok = "1 " + String(repeating: "(", count: 30) + String(repeating: ")", count: 30)
        #expect((try? RetryAfter.parse(ok)) != nil)
    }
}
