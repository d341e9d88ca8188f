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

    @Test(arguments: [DigestAlgorithm.sha512_256, .sha512_256Sess, .other("SHA-1"), .other("")])
    func unsupportedAlgorithms(_ a: DigestAlgorithm) {
        #expect(DigestComputation(algorithm: a) == nil)
    }

    @Test func nonceCountIsEightHexDigits() {
        #expect(DigestCredentials.formatNonceCount(1) == "00000001")
        #expect(DigestCredentials.formatNonceCount(0xABCDEF12) == "abcdef12")
    }
}
