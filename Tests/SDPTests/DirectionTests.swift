import Testing
@testable import SDP

@Suite struct DirectionTests {
    /// RFC 3264 §6.1: (offered, what we want, answer).
    static let table: [(Direction, Direction, Direction)] = [
        (.sendrecv, .sendrecv, .sendrecv), (.sendrecv, .sendonly, .sendonly),
        (.sendrecv, .recvonly, .recvonly), (.sendrecv, .inactive, .inactive),
        (.sendonly, .sendrecv, .recvonly), (.sendonly, .sendonly, .inactive),
        (.sendonly, .recvonly, .recvonly), (.sendonly, .inactive, .inactive),
        (.recvonly, .sendrecv, .sendonly), (.recvonly, .sendonly, .sendonly),
        (.recvonly, .recvonly, .inactive), (.recvonly, .inactive, .inactive),
        (.inactive, .sendrecv, .inactive), (.inactive, .sendonly, .inactive),
        (.inactive, .recvonly, .inactive), (.inactive, .inactive, .inactive),
    ]

    @Test(arguments: table.indices) func answerDirection(index: Int) throws {
        let (offered, wanted, expected) = Self.table[index]
        #expect(DirectionNegotiation.answer(offered: offered, wanted: wanted) == expected)
        // The same through a whole answer, with the line written out.
        let offer = try SessionDescription.parse(
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=\(offered.rawValue)\r\n")
        var session = LocalSessionState(sessionID: 1)
        let local = LocalCapabilities(address: "192.0.2.1", media: [MediaCapabilities(port: 4000, codecs: [.pcmu], direction: wanted)])
        let answer = OfferAnswer.answer(to: offer, with: local, session: &session)
        #expect(answer.sessionDescription.media[0].direction == expected)
        #expect(answer.streams[0].direction == expected)
    }

    /// RFC 2543 hold: `c=0.0.0.0` means "do not send to me".
    static let holdCases: [(String, Direction, Direction)] = [
        ("", .sendonly, .recvonly),
        ("a=sendrecv\r\n", .sendonly, .recvonly),
        ("a=recvonly\r\n", .inactive, .inactive),
        ("a=sendonly\r\n", .sendonly, .recvonly),
    ]

    @Test(arguments: holdCases.indices) func oldStyleHold(index: Int) throws {
        let (line, declared, answered) = Self.holdCases[index]
        let offer = try SessionDescription.parse(
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n\(line)")
        #expect(DirectionNegotiation.declared(offer.media[0], in: offer) == declared)
        var session = LocalSessionState(sessionID: 1)
        let local = LocalCapabilities(address: "192.0.2.1", media: [MediaCapabilities(port: 4000, codecs: [.pcmu])])
        let answer = OfferAnswer.answer(to: offer, with: local, session: &session)
        #expect(answer.sessionDescription.media[0].direction == answered)
        #expect(answer.sessionDescription.connection?.address == "192.0.2.1")
    }

    @Test func mediaLevelHoldAddressCounts() throws {
        let offer = try SessionDescription.parse(
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\n")
        #expect(DirectionNegotiation.declared(offer.media[0], in: offer) == .sendonly)
    }

    @Test func iceOffersWithZeroAddressAreNotHolds() throws {
        let webRTC = try SessionDescription.parse(Samples.webRTC)
        #expect(webRTC.media[0].connection?.isHoldAddress == true)
        #expect(DirectionNegotiation.declared(webRTC.media[0], in: webRTC) == .sendrecv)
        #expect(DirectionNegotiation.declared(webRTC.media[1], in: webRTC) == .recvonly)
    }

    @Test func reversedAndFlags() {
        #expect(Direction.allCases.map(\.reversed) == [.sendrecv, .recvonly, .sendonly, .inactive])
        for d in Direction.allCases { #expect(Direction(sends: d.sends, receives: d.receives) == d) }
    }
}
