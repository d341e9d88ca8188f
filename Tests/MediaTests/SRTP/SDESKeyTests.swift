import Testing
import SDP
@testable import Media

@Suite(.timeLimit(.minutes(1)))
struct SDESKeyTests {
    @Test func generatedLinesCarryFreshKeysOfTheRightLength() throws {
        let lines = SDES.newCryptoAttributes()
        #expect(lines.map(\.tag) == Array(1...UInt32(lines.count)))
        #expect(lines.first?.suite == "AES_CM_128_HMAC_SHA1_80")
        for line in lines {
            let key = try SDES.masterKey(from: line)
            #expect(key.keySalt.count == key.suite.keySaltLength)
            #expect(line.keyParameters.first?.lifetime == nil && line.keyParameters.first?.mki == nil)
        }
        // Every offer gets new keys, and lines within one offer do not share keys.
        let again = SDES.newCryptoAttributes()
        #expect(Set(lines.map { $0.keyParameters[0].keySalt }).isDisjoint(with: again.map { $0.keyParameters[0].keySalt }))
        #expect(Set(lines.map { $0.keyParameters[0].keySalt }).count == lines.count)
    }

    @Test func encodedKeyRoundTripsThroughTheSDPParser() throws {
        let key = try SRTPMasterKey(suite: .aesCM128HMACSHA1_80, keySalt: Array(0..<30))
        let line = SDES.cryptoAttribute(tag: 1, key: key)
        #expect(line.keyParameters[0].keySalt == "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd")
        #expect(try SDES.masterKey(from: line) == key)
        let text = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd|2^31\r\n"
        let parsed = try SessionDescription.parse(text)
        #expect(try SDES.masterKey(from: parsed.media[0].cryptos[0]) == key)
    }

    @Test func peerKeysAreCheckedPerSuite() {
        func line(_ suite: String, _ key: String, lifetime: String? = nil, mki: CryptoAttribute.MKI? = nil,
                  method: String = "inline", session: [String] = []) -> CryptoAttribute {
            CryptoAttribute(tag: 1, suite: suite, keyParameters: [.init(method: method, keySalt: key, lifetime: lifetime, mki: mki)],
                            sessionParameters: session)
        }
        let key30 = Base64Encoding.encode(Array(repeating: 7, count: 30))
        let key28 = Base64Encoding.encode(Array(repeating: 7, count: 28))
        let key46 = Base64Encoding.encode(Array(repeating: 7, count: 46))
        #expect((try? SDES.masterKey(from: line("AES_CM_128_HMAC_SHA1_32", key30))) != nil)
        #expect((try? SDES.masterKey(from: line("AES_256_CM_HMAC_SHA1_80", key46))) != nil)
        #expect((try? SDES.masterKey(from: line("AES_CM_128_HMAC_SHA1_80", key30, lifetime: "2^20"))) != nil)
        #expect((try? SDES.masterKey(from: line("AES_CM_128_HMAC_SHA1_80", key30, session: ["KDR=0", "WSH=128"]))) != nil)
        #expect(throws: SRTPRefusal.invalidKey(suite: "AES_CM_128_HMAC_SHA1_80", reason: "28 bytes, 30 expected")) {
            try SDES.masterKey(from: line("AES_CM_128_HMAC_SHA1_80", key28))
        }
        #expect(throws: SRTPRefusal.invalidKey(suite: "AES_256_CM_HMAC_SHA1_80", reason: "30 bytes, 46 expected")) {
            try SDES.masterKey(from: line("AES_256_CM_HMAC_SHA1_80", key30))
        }
        #expect(throws: SRTPRefusal.invalidKey(suite: "AES_CM_128_HMAC_SHA1_80", reason: "not base64")) {
            try SDES.masterKey(from: line("AES_CM_128_HMAC_SHA1_80", "!!!"))
        }
        #expect(throws: SRTPRefusal.mkiUnsupported) {
            try SDES.masterKey(from: line("AES_CM_128_HMAC_SHA1_80", key30, mki: .init(value: 1, length: 4)))
        }
        #expect(throws: SRTPRefusal.unsupportedSuite("F8_128_HMAC_SHA1_80")) {
            try SDES.masterKey(from: line("F8_128_HMAC_SHA1_80", key30))
        }
        #expect(throws: SRTPRefusal.unsupportedKeyMethod("uri")) {
            try SDES.masterKey(from: line("AES_CM_128_HMAC_SHA1_80", key30, method: "uri"))
        }
        #expect(throws: SRTPRefusal.invalidLifetime("2^x")) {
            try SDES.masterKey(from: line("AES_CM_128_HMAC_SHA1_80", key30, lifetime: "2^x"))
        }
        #expect(throws: SRTPRefusal.unsupportedSessionParameter("UNENCRYPTED_SRTP")) {
            try SDES.masterKey(from: line("AES_CM_128_HMAC_SHA1_80", key30, session: ["UNENCRYPTED_SRTP"]))
        }
        #expect(throws: SRTPRefusal.unsupportedSessionParameter("KDR=24")) {
            try SDES.masterKey(from: line("AES_CM_128_HMAC_SHA1_80", key30, session: ["KDR=24"]))
        }
        let two = CryptoAttribute(tag: 1, suite: "AES_CM_128_HMAC_SHA1_80",
                                  keyParameters: [.init(keySalt: key30), .init(keySalt: key30)])
        #expect(throws: SRTPRefusal.multipleKeys) { try SDES.masterKey(from: two) }
        if SRTPSuite.aeadAES128GCM.isSupported {
            #expect((try? SDES.masterKey(from: line("AEAD_AES_128_GCM", key28))) != nil)
            #expect(throws: SRTPRefusal.invalidKey(suite: "AEAD_AES_128_GCM", reason: "30 bytes, 28 expected")) {
                try SDES.masterKey(from: line("AEAD_AES_128_GCM", key30))
            }
        }
    }

    @Test func base64MatchesRFC4648() {
        #expect(Base64Encoding.encode(Array("".utf8)) == "")
        #expect(Base64Encoding.encode(Array("f".utf8)) == "Zg==")
        #expect(Base64Encoding.encode(Array("fo".utf8)) == "Zm8=")
        #expect(Base64Encoding.encode(Array("foobar".utf8)) == "Zm9vYmFy")
    }

    @Test func keysAreNotLogged() throws {
        let key = SDES.generateKey(.aesCM128HMACSHA1_80)
        #expect(!"\(key)".contains(Base64Encoding.encode(key.keySalt)))
        #expect("\(key)" == "AES_CM_128_HMAC_SHA1_80 key (redacted)")
    }
}
