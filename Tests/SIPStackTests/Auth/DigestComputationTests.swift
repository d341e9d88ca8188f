import Hashing
import SIPMessage
import Testing
@testable import SIPStack

/// Published vectors, and values computed independently with Python's hashlib
/// (`hashlib.new(alg, text.encode()).hexdigest()` over the RFC 7616 formulas), cross-
/// checked for one value with `printf 'alice:pipit.test:s3cret pass' | openssl dgst -md5`
/// → 2a5e1fd967603db67faef45fd4ed21e8.
@Suite struct DigestComputationTests {
    @Test func rfc2617MD5WithQopAuth() throws {
        let c = try #require(DigestComputation(algorithm: .md5))
        let ha1 = c.ha1(username: "Mufasa", realm: "testrealm@host.com", password: "Circle Of Life",
                        nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093", cnonce: "0a4f113b")
        let ha2 = c.ha2(method: "GET", uri: "/dir/index.html", qop: .auth, body: [])
        let response = c.response(ha1: ha1, nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093", nonceCount: 1,
                                  cnonce: "0a4f113b", qop: .auth, ha2: ha2)
        #expect(response == "6629fae49393a05397450978507c4ef1")
    }

    @Test(arguments: [
        (DigestAlgorithm.md5, "8ca523f5e9506fed4657c9700eebdbec"),
        (DigestAlgorithm.sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
    ])
    func rfc7616Section391(algorithm: DigestAlgorithm, expected: String) throws {
        let c = try #require(DigestComputation(algorithm: algorithm))
        let nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"
        let cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
        let ha1 = c.ha1(username: "Mufasa", realm: "http-auth@example.org", password: "Circle of Life",
                        nonce: nonce, cnonce: cnonce)
        let ha2 = c.ha2(method: "GET", uri: "/dir/index.html", qop: .auth, body: [])
        #expect(c.response(ha1: ha1, nonce: nonce, nonceCount: 1, cnonce: cnonce, qop: .auth, ha2: ha2) == expected)
    }

    /// RFC 7616 §3.9.2 prints userhash 5a1a8a47…c4e7 for "Jäsøn Doe" in "api@example.org"
    /// under SHA-512-256; the printed value is in fact SHA-256 of the UTF-8 text (checked
    /// with hashlib), so it serves as a SHA-256 userhash and UTF-8 (charset) vector.
    @Test func rfc7616UserhashIsUTF8() throws {
        let c = try #require(DigestComputation(algorithm: .sha256))
        #expect(c.userhash(username: "J\u{E4}s\u{F8}n Doe", realm: "api@example.org")
            == "5a1a8a47df5c298551b9b42ba9b05835174a5bd7d511ff7fe9191d8e946fc4e7")
    }

    struct Vector: Sendable, CustomTestStringConvertible {
        var algorithm: DigestAlgorithm
        var method: String
        var qop: DigestQop?
        var body: [UInt8]
        var expected: String
        var testDescription: String { "\(algorithm) \(method) \(qop?.rawValue ?? "no qop")" }
    }

    static let sdp = Array("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n".utf8)

    /// user alice, realm pipit.test, password "s3cret pass", nonce 4f1c2a9e8b7d6c5e,
    /// cnonce 0a4f113b, nc 00000001, uri sip:pipit.test (hashlib).
    @Test(arguments: [
        Vector(algorithm: .md5, method: "REGISTER", qop: .auth, body: [], expected: "3f3e71468c69f11d80910a7453e8ec04"),
        Vector(algorithm: .md5Sess, method: "REGISTER", qop: .auth, body: [], expected: "2bd107461469c7683f0983863d80966d"),
        Vector(algorithm: .md5, method: "INVITE", qop: .authInt, body: sdp, expected: "7bd50de67916d2ee658cb4767a2897dc"),
        Vector(algorithm: .md5, method: "REGISTER", qop: .authInt, body: [], expected: "2e313eef6c693de1c5a1f9fbdce19fab"),
        Vector(algorithm: .md5, method: "REGISTER", qop: nil, body: [], expected: "91354def40afa3ea3cf7b1fb96f88007"),
        Vector(algorithm: .sha256, method: "REGISTER", qop: .auth, body: [],
               expected: "087af18f7d8ff0b07b2651654c210b2376c42e0a178def613c4af467091f2753"),
        Vector(algorithm: .sha256Sess, method: "REGISTER", qop: .auth, body: [],
               expected: "c9ea5d29b78d0de2ae5ecc2ed0a52ae917bd9734cd9eb84ce199432fb593ddd6"),
        Vector(algorithm: .sha256, method: "INVITE", qop: .authInt, body: sdp,
               expected: "67622a47f1103367437d1840689d94a0ca79812f02346d935faf67aaa766abfd"),
        Vector(algorithm: .sha256, method: "REGISTER", qop: .authInt, body: [],
               expected: "9f6d7fc4423e6986fdf064547dfc6c4656860150f3ca341fd20134540703eb43"),
        Vector(algorithm: .sha256, method: "REGISTER", qop: nil, body: [],
               expected: "ef73da05a9e1c29a0ed0a844028f341be5ea404250acfa3b82210e8420c62002"),
    ])
    func sipVectors(_ v: Vector) throws {
        let c = try #require(DigestComputation(algorithm: v.algorithm))
        let ha1 = c.ha1(username: "alice", realm: "pipit.test", password: "s3cret pass",
                        nonce: "4f1c2a9e8b7d6c5e", cnonce: "0a4f113b")
        let ha2 = c.ha2(method: v.method, uri: "sip:pipit.test", qop: v.qop, body: v.body)
        #expect(c.response(ha1: ha1, nonce: "4f1c2a9e8b7d6c5e", nonceCount: 1, cnonce: "0a4f113b",
                           qop: v.qop, ha2: ha2) == v.expected)
    }

    @Test func plainHashes() throws {
        let md5 = try #require(DigestComputation(algorithm: .md5))
        #expect(md5.hash("alice:pipit.test:s3cret pass") == "2a5e1fd967603db67faef45fd4ed21e8")
        #expect(md5.userhash(username: "alice", realm: "pipit.test") == "e8c670447a7fafdbf7d618b64d1374dc")
        let sha = try #require(DigestComputation(algorithm: .sha256))
        #expect(sha.userhash(username: "alice", realm: "pipit.test")
            == "2f0369e0b627ef16b61545cd75fc9422a019403924b1558443ba17a4ecbf2942")
    }

    @Test(arguments: [DigestAlgorithm.other("SHA-1"), .other("")])
    func unsupportedAlgorithms(_ a: DigestAlgorithm) {
        #expect(DigestComputation(algorithm: a) == nil)
    }

    @Test func nonceCountIsEightHexDigits() {
        #expect(DigestCredentials.formatNonceCount(1) == "00000001")
        #expect(DigestCredentials.formatNonceCount(0xABCDEF12) == "abcdef12")
    }
}

/// The hash functions against their published vectors (RFC 1321 §A.5, FIPS 180-4
/// examples), including multi-block messages and the padding edge at 55/56 bytes.
struct HashVectorTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }

    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        ("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"),
    ])
    func md5(_ input: String, _ expected: String) {
        #expect(Self.hex(MD5.hash(Array(input.utf8))) == expected)
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256(_ input: String, _ expected: String) {
        #expect(Self.hex(SHA256.hash(Array(input.utf8))) == expected)
    }

    @Test func sha256OfAMillionAs() {
        #expect(Self.hex(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000)))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [
        ("", "c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a"),
        ("abc", "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "3928e184fb8690f840da3988121d31be65cb9d3ef83ee6146feac861e19b563a"),
    ])
    func sha512_256(_ input: String, _ expected: String) {
        #expect(Self.hex(SHA512_256.hash(Array(input.utf8))) == expected)
    }

    /// RFC 7616 §3.9.1 with SHA-512-256 computed the same way as the SHA-256 example.
    @Test func sha512_256DigestIsUsable() throws {
        let c = try #require(DigestComputation(algorithm: .sha512_256))
        #expect(c.hash("abc") == "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23")
        #expect(DigestComputation(algorithm: .sha512_256Sess) != nil)
    }

    /// Lengths around the padding boundaries (55/56 and 119/120 bytes, block edges), each
    /// checked against hashlib.
    @Test(arguments: [
        (55, "ef1772b6dff9a122358552954ad0df65", "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
         "f6513468f05e7cec7d52fc337ef79dfa7c82520268d3aeba4002ead9a5642916"),
        (56, "3b0c8ac703f828b04c6c197006d17218", "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
         "baa8bd7fb02a11878c6a1d5400f06ec5d96cd6f566da032f8dcbb602beea4ca5"),
        (63, "b06521f39153d618550606be297466d5", "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
         "3c4458337119e69459650d3851234acd0300b39640803807b139ffc1da44c8ba"),
        (64, "014842d480b571495a4a0363793f7367", "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
         "2c3fa8f196f2aac65f15166666ecc77bd9fe195bae83ef06bb75c7857c163db9"),
        (65, "c743a45e0d2e6a95cb859adae0248435", "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
         "bf4196e5f652f84a5a6655400236cf0167399c36c4e268f6d472ab5eef405c24"),
        (111, "089f243d1e831c5879aa375ee364a06e", "6374f73208854473827f6f6a3f43b1f53eaa3b82c21c1a6d69a2110b2a79baad",
         "0239e429f98d0ed61ee8e2a7c30afe98c1c3a80ce5dff62a107e9c538f7632ce"),
        (112, "9146ef3527c7cfcc66dc615c3986e391", "f54353008a2553262ecdc4a34749563ba0950e8b0fc8652780b0a614b99683c1",
         "9216b5303edb66504570bee90e48ea5beaa5e9fe9f760bbd3e0460559fc005f6"),
        (119, "8a7bd0732ed6a28ce75f6dabc90e1613", "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb",
         "6cb452f832033489de69b49d6a8e8a1e0018092f1986c132287f4ca4ab3ee545"),
        (120, "5f61c0ccad4cac44c75ff505e1f1e537", "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c",
         "2e6ca4d879d367d7708701ed2e448540d04a6b8fcd2b0806278cf36090b9ba2b"),
        (127, "020406e1d05cdc2aa287641f7ae2cc39", "c57e9278af78fa3cab38667bef4ce29d783787a2f731d4e12200270f0c32320a",
         "2fe3b2a6ee7e12f6fe4ba82166541ad9b4ed882c493581cbe300d68f3757b778"),
        (128, "e510683b3f5ffe4093d021808bc6ff70", "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e",
         "b88f97e274f9c1d49f181c8cbd01a9c74930ad055a46ac4499a1d601f1c80bf2"),
        (129, "b325dc1c6f5e7a2b7cf465b9feab7948", "c12cb024a2e5551cca0e08fce8f1c5e314555cc3fef6329ee994a3db752166ae",
         "fb9035c9009ed4a60e37510339ebdb1c771339f30aa581d5dea3690a524c23f1"),
    ])
    func paddingEdges(length: Int, md5: String, sha256: String, sha512_256: String) {
        let bytes = [UInt8](repeating: 0x61, count: length)
        #expect(Self.hex(MD5.hash(bytes)) == md5)
        #expect(Self.hex(SHA256.hash(bytes)) == sha256)
        #expect(Self.hex(SHA512_256.hash(bytes)) == sha512_256)
    }
}
