import Testing

@testable import SIPMessage

/// Typed access and message validation on top of the parser and the value parsers.
@Suite("Typed access and validation")
struct ValidationTests {
    private func message(_ name: String, _ set: String = "rfc4475") throws -> SIPMessage {
        try SIPMessage.parse(CoreVectors.load(name, in: set))
    }

    @Test func typedHeadersOfATortuousInvite() throws {
        let m = try message("wsinv")
        let via = try m.via
        #expect(via.count == 3)
        #expect(via[1].branch == "z9hG4bK9ikj8")
        #expect(try m.cseq == CSeq(9, "INVITE"))
        #expect(try m.maxForwards?.value == 68)
        #expect(try m.to?.tag == "1918181833n")
        #expect(try m.callID?.description == "wsinv.ndaksdj@192.0.2.1")
        let contact = try #require(try m.contacts.first)
        guard case .address(let address) = contact else { Issue.record("wildcard"); return }
        #expect(address.displayName == "Quoted string \"\"")
        #expect(try m.request?.uri.description.hasPrefix("sip:vivekg@chair-dnrc.example.com") == true)
    }

    @Test func valueErrorsCarryMessageOffsets() throws {
        let bytes = try CoreVectors.load("scalar02", in: "rfc4475")
        let m = try SIPMessage.parse(bytes)
        do {
            _ = try m.cseq
            Issue.record("CSeq should not parse")
        } catch {
            // The offset points into the CSeq line of the datagram.
            let line = try #require(String(decoding: bytes, as: UTF8.self).range(of: "CSeq:"))
            let start = String(decoding: bytes, as: UTF8.self).utf8.distance(
                from: String(decoding: bytes, as: UTF8.self).startIndex, to: line.lowerBound)
            #expect(error.offset > start && error.offset < start + 40, "\(error)")
        }
    }

    @Test func severitiesAndStatusCodes() throws {
        let vers = try message("badvers").problems
        #expect(vers.contains { $0.statusCode == 505 && $0.severity == .fatal })
        let date = try message("baddate")
        #expect(date.problems.map(\.header) == ["Date"])
        #expect(date.problems.first?.severity == .ignorable)
        #expect(throws: Never.self) { try date.validate() }
        let insuf = try message("insuf")
        #expect(Set(insuf.problems.filter { $0.severity == .fatal }.compactMap(\.header)) == ["To", "From", "Call-ID"])
        let old = try message("inv2543")
        #expect(old.problems.map(\.header) == ["Max-Forwards"])
        #expect(throws: Never.self) { try old.validate() }
    }

    @Test func repeatedSingleValuedHeadersAreNamed() throws {
        let headers = Set(try message("multi01").problems.compactMap(\.header))
        #expect(headers.isSuperset(of: ["From", "To", "Call-ID", "CSeq", "Max-Forwards"]))
    }

    @Test func requestURIProblems() throws {
        #expect(try message("escruri").problems.first?.header == "Request-URI")
        #expect(try message("ipv6-bad", "rfc5118").problems.first?.header == "Request-URI")
        #expect(throws: Never.self) { try message("ipv6-good", "rfc5118").validate() }
    }

    @Test func builtMessagesValidate() throws {
        var headers = SIPHeaders()
        headers.append(name: "Via", value: "SIP/2.0/TCP [2001:db8::1]:5061;branch=z9hG4bK1;rport")
        headers.append(name: "From", value: "<sip:alice@example.com>;tag=1")
        headers.append(name: "To", value: "<sip:bob@example.com>")
        headers.append(name: "Call-ID", value: "a@b")
        headers.append(name: "CSeq", value: "1 OPTIONS")
        headers.append(name: "Max-Forwards", value: "70")
        let m = SIPMessage.request(SIPRequest(method: .options, requestURI: "sip:bob@example.com", headers: headers))
        #expect(m.problems.isEmpty)
        #expect(try m.via.first?.rport == .requested)
        headers.set("CSeq", "1 INVITE")
        let bad = SIPMessage.request(SIPRequest(method: .options, requestURI: "sip:bob@example.com", headers: headers))
        #expect(bad.problems.map(\.header) == ["CSeq"])
    }

    @Test("normalized text reads back as the same message", arguments: ["wsinv", "esc01", "lwsdisp", "longreq", "semiuri", "transports", "regescrt", "mpart01"])
    func normalizedTextReadsBack(_ name: String) throws {
        let m = try message(name)
        let again = try SIPMessage.parse(m.normalizedBytes)
        #expect(throws: Never.self) { try again.validate() }
        #expect(try again.via == m.via)
        #expect(try again.from == m.from)
        #expect(try again.to == m.to)
        #expect(try again.cseq == m.cseq)
        #expect(try again.contacts == m.contacts)
        #expect(again.body == m.body)
        #expect(again.headers.fields(named: "Via").count == (try m.via.count))
    }
}
