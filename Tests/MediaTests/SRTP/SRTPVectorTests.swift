import Testing
@testable import Media

/// Known-answer vectors: libsrtp's own `srtp_validate` packets, whose master key and salt
/// are those of RFC 3711 Appendix B.3 (so the key derivation of B.3 is exercised), and
/// its GCM and AES-256 reference packets.
@Suite(.timeLimit(.minutes(1)))
struct SRTPVectorTests {
    static let rfc3711MasterKey = srtpHex("e1f97a0d3e018be0d64fa32c06de4139")
    static let rfc3711MasterSalt = srtpHex("0ec675ad498afeebb6960b3aabe6")
    static let rtpPlain = srtpHex("800f1234 decafbad cafebabe") + [UInt8](repeating: 0xAB, count: 16)
    static let rtcpPlain = srtpHex("81c8000b cafebabe") + [UInt8](repeating: 0xAB, count: 16)

    static func key(_ suite: SRTPSuite, _ bytes: [UInt8]) throws -> SRTPMasterKey {
        try SRTPMasterKey(suite: suite, keySalt: bytes)
    }

    @Test func aesCM128HMACSHA1_80() throws {
        let key = try SRTPMasterKey(suite: .aesCM128HMACSHA1_80, key: Self.rfc3711MasterKey, salt: Self.rfc3711MasterSalt)
        let srtp = srtpHex("""
            800f1234 decafbad cafebabe 4e55dc4c e79978d8 8ca4d215 949d2402 b78d6acc 99ea179b 8dbb
            """)
        let srtcp = srtpHex("""
            81c8000b cafebabe 7128035b e487b9bd bef89041 f977a5a8 80000001 993e08cd 54d6c123 0798
            """)
        try checkVector(key, srtp: srtp, srtcp: srtcp)
    }

    @Test func aesCM128HMACSHA1_32() throws {
        // The same keystream with the tag cut to 32 bits; SRTCP keeps the 80-bit tag.
        let key = try SRTPMasterKey(suite: .aesCM128HMACSHA1_32, key: Self.rfc3711MasterKey, salt: Self.rfc3711MasterSalt)
        let srtp = srtpHex("800f1234 decafbad cafebabe 4e55dc4c e79978d8 8ca4d215 949d2402 b78d6acc")
        let srtcp = srtpHex("""
            81c8000b cafebabe 7128035b e487b9bd bef89041 f977a5a8 80000001 993e08cd 54d6c123 0798
            """)
        try checkVector(key, srtp: srtp, srtcp: srtcp)
    }

    @Test func aes256CMHMACSHA1_80() throws {
        let key = try Self.key(.aes256CMHMACSHA1_80, srtpHex("""
            f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6 3b04803de51ee7c96423ab5b78d2
            """))
        let srtp = srtpHex("""
            800f1234 decafbad cafebabe f1d9de17 ff251ff1 aa007774 b0b4b40d a08d9d9a 5b3a55d8 873b
            """)
        var packet = Self.rtpPlain
        try SRTPSender(key: key).protect(&packet)
        #expect(packet == srtp)
        try SRTPReceiver(key: key).unprotect(&packet)
        #expect(packet == Self.rtpPlain)
    }

    @Test(.enabled(if: SRTPSuite.aeadAES128GCM.isSupported)) func aeadAES128GCM() throws {
        let key = try Self.key(.aeadAES128GCM, srtpHex("000102030405060708090a0b0c0d0e0f a0a1a2a3a4a5a6a7a8a9aaab"))
        let srtp = srtpHex("""
            800f1234 decafbad cafebabe c5002ede 04cfdd2e b91159e0 880aa06e d2976826 f796b201 df3131a1 27e8a392
            """)
        let srtcp = srtpHex("""
            81c8000b cafebabe c98b8b5d f0392a55 852b6c21 ac8e7025 c52c6fbe a2b3b446 ea31123b a88ce61e 80000001
            """)
        try checkVector(key, srtp: srtp, srtcp: srtcp)
    }

    private func checkVector(_ key: SRTPMasterKey, srtp: [UInt8], srtcp: [UInt8]) throws {
        let sender = try SRTPSender(key: key)
        var rtp = Self.rtpPlain
        try sender.protect(&rtp)
        #expect(rtp == srtp)
        #expect(rtp.count - Self.rtpPlain.count == key.suite.rtpTrailerLength)
        var rtcp = Self.rtcpPlain
        try sender.protectRTCP(&rtcp)
        #expect(rtcp == srtcp)
        #expect(rtcp.count - Self.rtcpPlain.count == key.suite.rtcpTrailerLength)

        let receiver = try SRTPReceiver(key: key)
        var back = srtp
        try receiver.unprotect(&back)
        #expect(back == Self.rtpPlain)
        var backRTCP = srtcp
        try receiver.unprotectRTCP(&backRTCP)
        #expect(backRTCP == Self.rtcpPlain)
    }

    @Test func gcmSupportIsKnown() {
        // The build links libsrtp2 with a crypto backend (NSS here): GCM must be there,
        // and the counter-mode suites always are.
        #expect(SRTPSuite.aesCM128HMACSHA1_80.isSupported)
        #expect(SRTPSuite.aesCM128HMACSHA1_32.isSupported)
        #expect(SRTPSuite.aes256CMHMACSHA1_80.isSupported)
        print("libsrtp2 suites supported:", SRTPSuite.supported.map(\.rawValue))
    }
}
