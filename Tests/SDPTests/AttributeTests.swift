import Testing
@testable import SDP

/// Single attributes: typed reading, canonical writing, the public one-line entry point.
@Suite struct AttributeTests {
    /// (text after `a=`, expected value, canonical text)
    static let cases: [(String, SDPAttribute, String)] = [
        ("rtpmap:96 opus/48000/2", .rtpmap(RTPMap(payloadType: 96, encodingName: "opus", clockRate: 48000, channels: 2)),
         "rtpmap:96 opus/48000/2"),
        ("rtpmap:0   PCMU/8000", .rtpmap(RTPMap(payloadType: 0, encodingName: "PCMU", clockRate: 8000)), "rtpmap:0 PCMU/8000"),
        ("fmtp:101 0-15", .fmtp(FormatParameters(format: "101", rawParameters: "0-15")), "fmtp:101 0-15"),
        ("fmtp:96\tstereo=1; sprop-stereo=1", .fmtp(FormatParameters(format: "96", rawParameters: "stereo=1; sprop-stereo=1")),
         "fmtp:96 stereo=1; sprop-stereo=1"),
        ("ptime:20", .ptime(20), "ptime:20"),
        ("maxptime:150", .maxptime(150), "maxptime:150"),
        ("ptime:0.125", .other(name: "ptime", value: "0.125"), "ptime:0.125"),
        ("SENDONLY", .direction(.sendonly), "sendonly"),
        ("inactive", .direction(.inactive), "inactive"),
        ("rtcp:53020", .rtcp(RTCPAttribute(port: 53020)), "rtcp:53020"),
        ("rtcp:53020 IN IP6 2001:2345:6789:ABCD:EF01:2345:6789:ABCD",
         .rtcp(RTCPAttribute(port: 53020, networkType: "IN", addressType: .ip6, address: "2001:2345:6789:ABCD:EF01:2345:6789:ABCD")),
         "rtcp:53020 IN IP6 2001:2345:6789:ABCD:EF01:2345:6789:ABCD"),
        ("rtcp-mux", .rtcpMux, "rtcp-mux"),
        ("ice-lite", .iceLite, "ice-lite"),
        ("ice-ufrag:8hhY", .iceUfrag("8hhY"), "ice-ufrag:8hhY"),
        ("ice-pwd:asd88fgpdd777uzjYhagZg", .icePwd("asd88fgpdd777uzjYhagZg"), "ice-pwd:asd88fgpdd777uzjYhagZg"),
        ("ice-options:trickle ice2", .iceOptions(["trickle", "ice2"]), "ice-options:trickle ice2"),
        ("end-of-candidates", .endOfCandidates, "end-of-candidates"),
        ("mid:audio", .mid("audio"), "mid:audio"),
        ("group:LS 1 2", .group(Group(semantics: "LS", ids: ["1", "2"])), "group:LS 1 2"),
        ("label:main", .other(name: "label", value: "main"), "label:main"),
        ("x-custom", .other(name: "x-custom", value: nil), "x-custom"),
        ("fingerprint:sha-1  4A:AD", .other(name: "fingerprint", value: "sha-1  4A:AD"), "fingerprint:sha-1  4A:AD"),
        ("candidate:a0+B/1 2 UDP 1694498815 192.0.2.3 45664 typ relay raddr 10.0.1.1 rport 8998 generation 0",
         .candidate(Candidate(foundation: "a0+B/1", component: 2, transport: "UDP", priority: 1_694_498_815,
                              address: "192.0.2.3", port: 45664, type: .relayed, relatedAddress: "10.0.1.1",
                              relatedPort: 8998, extensions: [.init(name: "generation", value: "0")])),
         "candidate:a0+B/1 2 UDP 1694498815 192.0.2.3 45664 typ relay raddr 10.0.1.1 rport 8998 generation 0"),
        ("crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4",
         .crypto(CryptoAttribute(tag: 1, suite: "AES_CM_128_HMAC_SHA1_80", keyParameters: [
            .init(keySalt: "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", lifetime: "2^20", mki: .init(value: 1, length: 4))])),
         "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4"),
        ("crypto:3 F8_128_HMAC_SHA1_80 MIKEY:xyz", .crypto(CryptoAttribute(tag: 3, suite: "F8_128_HMAC_SHA1_80",
            keyParameters: [.init(method: "MIKEY", keySalt: "xyz")])), "crypto:3 F8_128_HMAC_SHA1_80 MIKEY:xyz"),
    ]

    @Test(arguments: cases.indices) func readAndWrite(index: Int) throws {
        let (text, value, canonical) = Self.cases[index]
        let parsed = try SDPAttribute.parse(text)
        #expect(parsed == value)
        #expect(parsed.text == canonical)
        #expect(try SDPAttribute.parse(parsed.text) == parsed)
    }

    @Test func fmtpParameterList() {
        let f = FormatParameters(format: "96", rawParameters: "minptime=10; useinbandfec=1;;dtx")
        #expect(f.parameters == [.init(name: "minptime", value: "10"), .init(name: "useinbandfec", value: "1"),
                                 .init(name: "dtx", value: nil)])
        #expect(f.value(of: "USEINBANDFEC") == "1")
        #expect(f.payloadType == 96)
        #expect(FormatParameters(format: "0-15", rawParameters: "").parameters == [])
        #expect(FormatParameters(format: "101", rawParameters: "0-15").parameters == [.init(name: "0-15", value: nil)])
    }

    @Test func keySaltDecoding() throws {
        let inline = CryptoAttribute.KeyParameter(keySalt: "QUJDRA==")
        #expect(inline.keySaltBytes == Array("ABCD".utf8))
        #expect(CryptoAttribute.KeyParameter(keySalt: "QU=JD").keySaltBytes == nil)
        #expect(CryptoAttribute.KeyParameter(keySalt: "Q").keySaltBytes == nil)
        #expect(CryptoAttribute.KeyParameter(keySalt: "QUI").keySaltBytes == Array("AB".utf8))
    }

    @Test func oneLineEntryRefusesControlCharacters() {
        #expect(throws: SDPParseError.self) { try SDPAttribute.parse("candidate:1 1 UDP 1 h 1 typ host\r\na=x") }
        #expect(throws: SDPParseError.self) { try SDPAttribute.parse("") }
    }

    @Test func staticPayloadTypes() {
        #expect(StaticPayloadTypes.codec(for: 9) == CodecPreference(name: "G722", clockRate: 8000))
        #expect(StaticPayloadTypes.codec(for: 10)?.channels == 2)
        #expect(StaticPayloadTypes.codec(for: 96) == nil)
        #expect(StaticPayloadTypes.payloadType(for: CodecPreference(name: "pcma", clockRate: 8000)) == 8)
        #expect(StaticPayloadTypes.payloadType(for: .opus) == nil)
    }
}
