import Hashing
import Testing
@testable import NAT

/// RFC 5769 vectors: parse, verify, re-encode byte for byte.
@Suite(.timeLimit(.minutes(1)))
struct STUNCodecTests {
    let shortKey = STUNCredentials.shortTermKey(password: STUNVectors.shortTermPassword)

    @Test func sampleRequest() throws {
        let message = try STUNMessage(parsing: STUNVectors.request)
        #expect(message.method == .binding && message.messageClass == .request)
        #expect(message.transactionID.description == "b7e7a701bc34d686fa87dfae")
        #expect(message.attributes.prefix(4) == [
            .software("STUN test client"), .priority(0x6e00_01ff),
            .iceControlled(tieBreaker: 0x932f_f9b1_5126_3b36), .username("evtj:h6vY"),
        ])
        #expect(STUNIntegrity.check(STUNVectors.request, key: shortKey) == .valid)
        #expect(STUNIntegrity.check(STUNVectors.request, key: Array("wrong".utf8)) == .invalid)
        #expect(STUNIntegrity.checkFingerprint(STUNVectors.request) == .valid)
        #expect(message.encoded(integrity: [.sha1(key: shortKey)], fingerprint: true, padding: 0x20) == STUNVectors.request)
    }

    @Test func ipv4Response() throws {
        let message = try STUNMessage(parsing: STUNVectors.ipv4Response)
        #expect(message.messageClass == .successResponse)
        #expect(message.xorMappedAddress == TransportAddress(host: "192.0.2.1", port: 32853))
        #expect(message.attributes.first == .software("test vector"))
        #expect(STUNIntegrity.check(STUNVectors.ipv4Response, key: shortKey) == .valid)
        #expect(STUNIntegrity.checkFingerprint(STUNVectors.ipv4Response) == .valid)
        #expect(message.encoded(integrity: [.sha1(key: shortKey)], fingerprint: true, padding: 0x20) == STUNVectors.ipv4Response)
    }

    @Test func ipv6Response() throws {
        let message = try STUNMessage(parsing: STUNVectors.ipv6Response)
        #expect(message.xorMappedAddress == TransportAddress(host: "2001:db8:1234:5678:11:2233:4455:6677", port: 32853))
        #expect(STUNIntegrity.check(STUNVectors.ipv6Response, key: shortKey) == .valid)
        #expect(STUNIntegrity.checkFingerprint(STUNVectors.ipv6Response) == .valid)
        #expect(message.encoded(integrity: [.sha1(key: shortKey)], fingerprint: true, padding: 0x20) == STUNVectors.ipv6Response)
    }

    @Test func longTermRequest() throws {
        let message = try STUNMessage(parsing: STUNVectors.longTermRequest)
        #expect(message.attributes.prefix(3) == [
            .username(STUNVectors.longTermUsername), .nonce("f//499k954d6OL34oL9FSTvy64sA"), .realm("example.org"),
        ])
        let key = STUNCredentials.longTermKey(username: STUNVectors.longTermUsername, realm: "example.org",
                                              password: STUNVectors.longTermPassword)
        #expect(STUNIntegrity.check(STUNVectors.longTermRequest, key: key) == .valid)
        #expect(STUNIntegrity.checkFingerprint(STUNVectors.longTermRequest) == .absent)
        #expect(message.encoded(integrity: [.sha1(key: key)]) == STUNVectors.longTermRequest)
    }

    /// RFC 8489 B.1's USERHASH checks out; its MESSAGE-INTEGRITY-SHA256 value verifies
    /// under neither the SHA-256 nor the MD5 key (checked independently), so only our own
    /// round trip of that attribute is tested.
    @Test func sha256RequestUserhashAndRoundTrip() throws {
        let message = try STUNMessage(parsing: STUNVectors.sha256Request)
        let userhash = STUNCredentials.userhash(username: STUNVectors.longTermUsername, realm: "example.org")
        #expect(message.attributes.first == .userhash(userhash))
        #expect(message.nonce == "obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA")
        #expect(message.realm == "example.org")
        let key = STUNCredentials.longTermKey(username: STUNVectors.longTermUsername, realm: "example.org",
                                              password: STUNVectors.longTermPassword, algorithm: .sha256)
        #expect(key == SHA256.hash(Array("\(STUNVectors.longTermUsername):example.org:TheMatrIX".utf8)))
        let ours = message.encoded(integrity: [.sha256(key: key)])
        #expect(Array(ours.prefix(ours.count - 32)) == Array(STUNVectors.sha256Request.prefix(ours.count - 32)))
        #expect(STUNIntegrity.check(ours, key: key) == .valid)
        #expect(STUNIntegrity.check(ours, key: Array(key.reversed())) == .invalid)
        // Both integrity attributes, then the fingerprint.
        let both = message.encoded(integrity: [.sha1(key: key), .sha256(key: key)], fingerprint: true)
        #expect(STUNIntegrity.check(both, key: key) == .valid)
        #expect(STUNIntegrity.checkFingerprint(both) == .valid)
    }

    @Test func everyAttributeRoundTrips() throws {
        let v4 = try #require(TransportAddress(host: "198.51.100.7", port: 49152))
        let v6 = try #require(TransportAddress(host: "2001:db8::42", port: 3478))
        let attributes: [STUNAttribute] = [
            .mappedAddress(v4), .xorMappedAddress(v6), .username("alice"), .userhash([UInt8](repeating: 7, count: 32)),
            .errorCode(code: 438, reason: "Stale Nonce"), .realm("example.org"), .nonce("abc"),
            .passwordAlgorithms([.md5, .sha256, STUNPasswordAlgorithm(algorithm: 9, parameters: [1, 2, 3])]),
            .passwordAlgorithm(.sha256), .unknownAttributes([0x7777, 0x0042, 0x1234]), .software("pipit"),
            .alternateServer(v4), .channelNumber(0x4001), .lifetime(600), .xorPeerAddress(v4), .data([1, 2, 3, 4, 5]),
            .xorRelayedAddress(v6), .requestedAddressFamily(2), .evenPort(reserveNext: true), .requestedTransport(17),
            .dontFragment, .reservationToken([1, 2, 3, 4, 5, 6, 7, 8]), .additionalAddressFamily(2),
            .addressErrorCode(family: 2, code: 440, reason: "Address Family not Supported"),
            .icmp(type: 3, code: 1, data: 0xdead_beef), .priority(0x6e00_01ff), .useCandidate,
            .iceControlled(tieBreaker: 1), .iceControlling(tieBreaker: .max), .other(type: 0x7fff, value: [9]),
            .other(type: 0xc001, value: []),
        ]
        let message = STUNMessage(method: .allocate, class: .errorResponse, attributes: attributes)
        let bytes = message.encoded(fingerprint: true)
        let parsed = try STUNMessage(parsing: bytes)
        #expect(parsed.attributes.dropLast() == attributes[...])
        #expect(parsed.method == .allocate && parsed.messageClass == .errorResponse)
        #expect(parsed.unknownComprehensionRequired == [0x7fff])
        #expect(STUNIntegrity.checkFingerprint(bytes) == .valid)
    }

    @Test func messageTypeInterleavesClassBits() {
        for (method, cls, type) in [(STUNMethod.binding, STUNClass.request, UInt16(0x0001)), (.binding, .successResponse, 0x0101),
                                    (.binding, .errorResponse, 0x0111), (.allocate, .request, 0x0003), (.data, .indication, 0x0017),
                                    (.send, .indication, 0x0016), (.channelBind, .successResponse, 0x0109),
                                    (STUNMethod(rawValue: 0xfff), .errorResponse, 0x3fff)] {
            let message = STUNMessage(method: method, class: cls)
            #expect(message.messageType == type)
            let (m, c) = STUNMessage.split(type: type)
            #expect(m == method && c == cls)
        }
    }

    @Test func typedErrors() {
        #expect(throws: STUNParseError.truncated) { try STUNMessage(parsing: [0, 1, 0]) }
        #expect(throws: STUNParseError.notSTUN) { try STUNMessage(parsing: [0x40] + [UInt8](repeating: 0, count: 19)) }
        var bad = STUNVectors.ipv4Response
        bad[4] = 0
        #expect(throws: STUNParseError.badMagicCookie) { try STUNMessage(parsing: bad) }
        bad = STUNVectors.ipv4Response
        bad[3] = 0x3d
        #expect(throws: STUNParseError.badLength) { try STUNMessage(parsing: bad) }
        #expect(throws: STUNParseError.lengthMismatch(declared: 60, actual: 59)) { try STUNMessage(parsing: Array(STUNVectors.ipv4Response.dropLast())) }
        bad = STUNVectors.ipv4Response
        bad[22] = 0x40  // SOFTWARE claims 16 KiB
        #expect(throws: STUNParseError.attributeOverrun) { try STUNMessage(parsing: bad) }
        bad = STUNVectors.ipv4Response
        bad[41] = 9  // XOR-MAPPED-ADDRESS family 9
        #expect(throws: STUNParseError.malformedAttribute(type: 0x0020)) { try STUNMessage(parsing: bad) }
        // A changed byte fails integrity and fingerprint.
        bad = STUNVectors.ipv4Response
        bad[44] ^= 1
        #expect(STUNIntegrity.check(bad, key: shortKey) == .invalid)
        #expect(STUNIntegrity.checkFingerprint(bad) == .invalid)
    }

    @Test func ignoresAttributesAfterIntegrity() throws {
        var message = STUNMessage(method: .binding, class: .request, attributes: [.username("a")])
        var bytes = message.encoded(integrity: [.sha1(key: [1])])
        // Append SOFTWARE after MESSAGE-INTEGRITY by hand; the parser must drop it.
        bytes += [0x80, 0x22, 0x00, 0x04, 0x61, 0x62, 0x63, 0x64]
        bytes[3] &+= 8
        message = try STUNMessage(parsing: bytes)
        #expect(message.attributes.count == 2)
        #expect(STUNIntegrity.check(bytes, key: [1]) == .valid)
    }
}
