import Testing
@testable import SDP

@Suite struct ParseTests {
    @Test func rfc8866Example() throws {
        let d = try SessionDescription.parse(Samples.crlf(Samples.rfc8866))
        #expect(d.origin == Origin(username: "jdoe", sessionID: 3_724_394_400, sessionVersion: 3_724_394_405,
                                   address: "198.51.100.1"))
        #expect(d.sessionName == "Call to John Smith")
        #expect(d.information == "SDP Offer #1")
        #expect(d.uri == "http://www.jdoe.example.com/home.html")
        #expect(d.emails == ["Jane Doe <jane@jdoe.example.com>"])
        #expect(d.phones == ["+1 617 555-6011"])
        #expect(d.connection == Connection(address: "198.51.100.1"))
        #expect(d.timings == [.unbounded])
        #expect(d.media.count == 3)
        #expect(d.media.map(\.port) == [49170, 49180, 51372])
        let video = try #require(d.media.last)
        #expect(video.connection == Connection(addressType: .ip6, address: "2001:db8::2"))
        #expect(d.connection(for: video)?.address == "2001:db8::2")
        #expect(d.connection(for: d.media[0])?.address == "198.51.100.1")
        #expect(video.rtpmap(for: 99) == RTPMap(payloadType: 99, encodingName: "h263-1998", clockRate: 90000))
    }

    @Test func typedAttributesFromLinphone() throws {
        let d = try SessionDescription.parse(Samples.crlf(Samples.linphoneICE))
        let audio = try #require(d.media.first)
        #expect(audio.formats == ["96", "97", "98", "0", "8", "18", "101", "99", "100"])
        #expect(audio.payloadTypes == [96, 97, 98, 0, 8, 18, 101, 99, 100])
        #expect(audio.rtpmap(for: 96) == RTPMap(payloadType: 96, encodingName: "opus", clockRate: 48000, channels: 2))
        #expect(audio.formatParameters(for: "18")?.value(of: "annexb") == "yes")
        #expect(audio.rtcp == RTCPAttribute(port: 7079))
        #expect(audio.candidates.count == 4)
        #expect(audio.candidates[2] == Candidate(
            foundation: "2", component: 1, transport: "UDP", priority: 1_694_498_687, address: "203.0.113.77",
            port: 7078, type: .serverReflexive, relatedAddress: "192.168.1.33", relatedPort: 7078))
        let creds = try #require(d.iceCredentials(for: audio))
        #expect(creds.ufrag == "e6fa8c17" && creds.pwd == "31ec21eb38b2ec6d36e8dc7b")
        #expect(d.attributes.contains(.other(name: "record", value: "off")))
        #expect(audio.attributeValues(named: "rtcp-fb") == ["* trr-int 1000", "* ccm tmmbr"])
    }

    @Test func webRTCOffer() throws {
        let d = try SessionDescription.parse(Samples.crlf(Samples.webRTC))
        #expect(d.groups == [Group(semantics: "BUNDLE", ids: ["0", "1", "2"])])
        #expect(d.media.map(\.proto) == [.udpTLSRTPSAVPF, .udpTLSRTPSAVPF, TransportProtocol(rawValue: "UDP/DTLS/SCTP")])
        #expect(d.media[2].formats == ["webrtc-datachannel"])
        #expect(d.media.map(\.mid) == ["0", "1", "2"])
        #expect(d.media[0].hasRTCPMux)
        #expect(d.media[0].rtcp == RTCPAttribute(port: 9, networkType: "IN", addressType: .ip4, address: "0.0.0.0"))
        #expect(d.media[0].candidates[0].extensions == [.init(name: "generation", value: "0"), .init(name: "network-id", value: "1")])
        #expect(d.media[0].candidates[1].transport == "tcp")
        #expect(d.media[1].attributes.contains(.endOfCandidates))
        #expect(d.effectiveDirection(for: d.media[1]) == .recvonly)
        #expect(d.effectiveDirection(for: d.media[2]) == .sendrecv)
        // Kept byte for byte, leading space included.
        #expect(d.attributes.contains(.other(name: "msid-semantic", value: " WMS stream1")))
        #expect(d.media[0].attributes.contains(.iceOptions(["trickle"])))
    }

    @Test func cryptoLines() throws {
        let d = try SessionDescription.parse(Samples.crlf(Samples.srtpOffer))
        let c = d.media[0].cryptos
        #expect(c.count == 2)
        #expect(c[0].tag == 1 && c[0].suite == "AES_CM_128_HMAC_SHA1_80")
        #expect(c[0].keyParameters == [.init(keySalt: "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", lifetime: "2^20",
                                             mki: .init(value: 1, length: 32))])
        #expect(c[0].keyParameters[0].keySaltBytes?.count == 30)
        #expect(c[1].sessionParameters == ["KDR=1", "UNENCRYPTED_SRTCP"])
    }

    @Test func cryptoWithSeveralKeysAndOptionalParts() throws {
        let text = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=audio 1 RTP/SAVP 0\r\n"
            + "a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|1066:4;inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20\r\n"
        let c = try #require(try SessionDescription.parse(text).media[0].cryptos.first)
        #expect(c.tag == 7)
        #expect(c.keyParameters.count == 2)
        #expect(c.keyParameters[0].lifetime == nil && c.keyParameters[0].mki == .init(value: 1066, length: 4))
        #expect(c.keyParameters[1].lifetime == "2^20" && c.keyParameters[1].mki == nil)
    }

    @Test func multicastConnections() throws {
        let text = "v=0\no=- 1 1 IN IP4 h\ns=-\nc=IN IP4 224.2.36.42/127/3\nt=0 0\nm=audio 49170/2 RTP/AVP 0\nc=IN IP6 FF15::101/3\n"
        let d = try SessionDescription.parse(text)
        #expect(d.connection == Connection(address: "224.2.36.42", ttl: 127, addressCount: 3))
        #expect(d.media[0].connection == Connection(addressType: .ip6, address: "FF15::101", addressCount: 3))
        #expect(d.media[0].port == 49170 && d.media[0].portCount == 2)
    }

    @Test func bandwidthTimingAndKeptLines() throws {
        let text = "v=0\no=- 1 1 IN IP4 h\ns=-\nb=AS:512\nt=3724394400 3724398000\nr=7d 1h 0 25h\nt=0 0\nz=2882844526 -1h 2898848070 0\nk=prompt\nm=audio 1 RTP/AVP 0\ni=voice\nb=TIAS:64000\nk=clear:abc\n"
        let d = try SessionDescription.parse(text)
        #expect(d.bandwidths == [Bandwidth(modifier: "AS", value: 512)])
        #expect(d.timings == [Timing(start: 3_724_394_400, stop: 3_724_398_000, repeats: ["7d 1h 0 25h"]), .unbounded])
        #expect(d.timeZones == "2882844526 -1h 2898848070 0")
        #expect(d.encryptionKey == "prompt")
        #expect(d.media[0].information == "voice")
        #expect(d.media[0].bandwidths == [Bandwidth(modifier: "TIAS", value: 64000)])
        #expect(d.media[0].encryptionKey == "clear:abc")
    }

    @Test func lfEndingsAndTrailingWhitespaceAreTolerated() throws {
        let d = try SessionDescription.parse(Samples.yealinkLF)
        #expect(d.sessionName == "SDP data")
        #expect(d.media[0].rtpmap(for: 101)?.encodingName == "telephone-event")
        // Same value as the CRLF form without the stray spaces.
        let clean = Samples.yealinkLF.replacingOccurrences(" \n", "\n")
        #expect(try SessionDescription.parse(Samples.crlf(clean)) == d)
    }

    @Test func missingSessionNameAndTimingAreFilledIn() throws {
        let d = try SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\nm=audio 5 RTP/AVP 0\r\n")
        #expect(d.sessionName == "-")
        #expect(d.timings == [.unbounded])
    }

    @Test func parsesFromBytes() throws {
        let text = Samples.crlf(Samples.asterisk)
        #expect(try SessionDescription.parse(Array(text.utf8)) == SessionDescription.parse(text))
    }

    @Test func sessionAndMediaDirection() throws {
        let d = try SessionDescription.parse(Samples.crlf(Samples.polycom))
        #expect(d.direction == .sendrecv)
        #expect(d.media[0].direction == nil)
        #expect(d.effectiveDirection(for: d.media[0]) == .sendrecv)
        let held = try SessionDescription.parse("v=0\no=- 1 1 IN IP4 h\ns=-\nt=0 0\na=sendonly\nm=audio 1 RTP/AVP 0\nm=audio 3 RTP/AVP 0\na=inactive\n")
        #expect(held.effectiveDirection(for: held.media[0]) == .sendonly)
        #expect(held.effectiveDirection(for: held.media[1]) == .inactive)
    }

    @Test func exactRepeatsAreHarmless() throws {
        let text = "v=0\no=- 1 1 IN IP4 h\ns=-\nt=0 0\nm=audio 1 RTP/AVP 0\na=sendrecv\na=rtpmap:0 PCMU/8000\na=sendrecv\na=rtpmap:0 PCMU/8000\n"
        let d = try SessionDescription.parse(text)
        #expect(d.effectiveDirection(for: d.media[0]) == .sendrecv)
        #expect(d.media[0].rtpmaps.count == 2)
        #expect(try SessionDescription.parse(d.serialized()) == d)
    }

    @Test func rejectedStreamWithoutFormatsIsTolerated() throws {
        let d = try SessionDescription.parse("v=0\no=- 1 1 IN IP4 h\ns=-\nt=0 0\nm=video 0 RTP/AVP\n")
        #expect(d.media[0].isRejected && d.media[0].formats.isEmpty)
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
