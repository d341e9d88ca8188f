import Testing

@testable import SIPMessage

@Suite("Messages as real products send them")
struct RealWorldMessageTests {
    @Test("parses and round-trips byte-exact", arguments: RealWorldMessages.all.map(\.0))
    func roundTrips(_ name: String) throws {
        let bytes = try #require(RealWorldMessages.all.first { $0.0 == name }?.1)
        let m = try coreRoundTrip(bytes, exact: true)
        #expect(m.missingMandatoryHeaders.isEmpty || m.response != nil)
        #expect(m.headers.first("Content-Length").flatMap { Int($0) } == m.body.count)
    }

    @Test func asteriskListsSplitAndPAIStaysWhole() throws {
        let m = try SIPMessage.parse(RealWorldMessages.asteriskInvite)
        #expect(m.headers.values("Allow").count == 13)
        #expect(m.headers.values("Supported") == ["100rel", "timer", "replaces", "norefersub"])
        #expect(m.headers.first("Content-Length") == "\(m.body.count)")
        #expect(m.request?.method == .invite)
    }

    @Test func kamailioRecordRouteChainSplitsAcrossFieldsAndCommas() throws {
        let m = try SIPMessage.parse(RealWorldMessages.kamailioForwardedInvite)
        #expect(m.headers.values("Record-Route") == [
            "<sip:203.0.113.5;transport=tcp;r2=on;lr;ftag=as1f2e3d4c>",
            "<sip:10.1.1.5;r2=on;lr;ftag=as1f2e3d4c>",
            "<sip:10.1.1.6;lr;did=3a1.b2c1>",
        ])
        #expect(m.headers.values("Via").count == 3)
    }

    @Test func digestChallengeIsNeverSplit() throws {
        let m = try SIPMessage.parse(RealWorldMessages.opensipsProxyAuth)
        let challenge = m.headers.values("Proxy-Authenticate")
        #expect(challenge.count == 1)
        #expect(challenge.first?.hasSuffix("algorithm=MD5") == true)
        #expect(m.response?.statusCode == 407)
        #expect(m.response?.reasonPhrase == "Proxy Authentication Required")
    }

    @Test func quotedCommasInContactParamsDoNotSplit() throws {
        let m = try SIPMessage.parse(RealWorldMessages.baresipRegister)
        #expect(m.headers.values("Contact").count == 1)
        #expect(m.headers.values("Allow").count == 11)
    }

    @Test func dateKeepsItsComma() throws {
        let m = try SIPMessage.parse(RealWorldMessages.ciscoInvite)
        #expect(m.headers.values("Date") == ["Sat, 21 Nov 2026 10:04:37 GMT"])
        #expect(m.headers.values("Supported").count == 15)
    }

    @Test func compactAndLowercaseNamesAreFoundByLongNames() throws {
        let m = try SIPMessage.parse(RealWorldMessages.grandstreamCompact)
        #expect(m.headers.first("Via")?.hasPrefix("SIP/2.0/UDP 203.0.113.80") == true)
        #expect(m.headers.first("Call-ID") == "1250361187-5080-1@BJC.BGI.D.BFB")
        #expect(m.headers.first("Session-Expires") == "1800;refresher=uac")
        #expect(m.headers.values("Supported") == ["replaces", "path", "timer"])
        #expect(m.headers.first("Max-Forwards") == "70")
        #expect(m.headers.field("user-agent")?.canonicalName == "User-Agent")
        #expect(m.headers.field("p-preferred-identity")?.canonicalName == "P-Preferred-Identity")
        #expect(m.headers.map(\.name).prefix(5) == ["v", "f", "t", "i", "CSeq"])
    }

    @Test func carrierMultipartSplitsWithQuotedBoundaryPreambleAndEpilogue() throws {
        let m = try SIPMessage.parse(RealWorldMessages.carrierSBCSessionProgress)
        #expect(m.headers.values("Record-Route").count == 4)
        #expect(m.headers.first("P-Charging-Vector")?.hasSuffix("; icid-generated-at=198.51.100.1") == true)
        let multipart = try #require(try m.multipartBody())
        #expect(multipart.parts.count == 2)
        #expect(multipart.parts[0].headers.first("Content-Type") == "application/sdp")
        #expect(multipart.parts[0].body.starts(with: Array("v=0\r\n".utf8)))
        #expect(multipart.parts[0].body.suffix(2) == [0x0D, 0x0A])
        #expect(multipart.parts[1].headers.first("Content-Disposition") == "signal;handling=optional")
        #expect(multipart.parts[1].body == [0x06, 0x00, 0x01, 0x02] + Array("ISUP-ACM".utf8))
    }

    @Test func utf8BodyAndTightColonSurvive() throws {
        let m = try SIPMessage.parse(RealWorldMessages.linphoneMessage)
        #expect(m.headers.first("Content-Type") == "text/plain;charset=UTF-8")
        #expect(String(decoding: m.body, as: UTF8.self) == "Salut Bob ! Ça va ? 🙂")
    }
}
