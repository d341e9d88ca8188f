import Testing
@testable import SIPMessage

@Suite("WWW-Authenticate, Authorization and their proxy twins")
struct AuthTests {
    static let challenges = [
        // RFC 3261 §20.44, §20.27
        "Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\", qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5",
        // RFC 7616 §3.9.1
        "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
        // RFC 7616 §3.9.2
        "Digest realm=\"api@example.org\", qop=\"auth\", algorithm=SHA-512-256, nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", charset=UTF-8, userhash=true",
        // Asterisk
        "Digest algorithm=MD5, realm=\"asterisk\",nonce=\"6f3a1b2c\"",
        // Kamailio
        "Digest realm=\"sip.example.com\", nonce=\"Zk0y1WZNMZ2p0Cqxv2mCkM5bWmW0QMKp\", qop=\"auth\"",
        // RFC 8760 algorithms, stale, unknown parameters and an unknown algorithm
        "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256-sess, stale=true, x-extra=\"a, b\", y=token",
        "digest  realm = \"r\" ,nonce=\"n\",algorithm=AKAv1-MD5",
        "Digest realm=\"r\", nonce=\"n\", algorithm=\"MD5-sess\"",
    ]

    @Test(arguments: challenges)
    func challengeRoundTrip(_ text: String) {
        valueRoundTrip(DigestChallenge.self, text)
        valueRoundTrip(AuthChallenge.self, text)
    }

    @Test func challengeFields() throws {
        let c = try DigestChallenge.parse(Self.challenges[0])
        #expect(c.realm == "atlanta.com" && c.domain == "sip:boxesbybob.com")
        #expect(c.nonce == "f84f1cec41e6cbe5aea9c8e88d359" && c.opaque == "")
        #expect(c.stale == false && c.algorithm == .md5 && c.qopOptions == ["auth"])

        let r = try DigestChallenge.parse(Self.challenges[1])
        #expect(r.qopOptions == ["auth", "auth-int"] && r.algorithm == .sha256)
        let u = try DigestChallenge.parse(Self.challenges[2])
        #expect(u.algorithm == .sha512_256 && u.userhash == true && u.charset == "UTF-8")
        let x = try DigestChallenge.parse(Self.challenges[5])
        #expect(x.algorithm == .sha256Sess && x.algorithm?.isSession == true && x.stale == true)
        #expect(x.otherParameters == [GenericParameter("x-extra", "a, b", quoted: true), GenericParameter("y", "token")])
        #expect(try DigestChallenge.parse(Self.challenges[6]).algorithm == .other("AKAv1-MD5"))
        #expect(try DigestChallenge.parse(Self.challenges[7]).algorithm == .md5Sess)
    }

    @Test func challengeSerializationQuotesWhatTheRFCQuotes() throws {
        let c = DigestChallenge(realm: "atlanta.com", domain: "sip:ss1.carrier.com", nonce: "abc", opaque: "",
                                stale: true, algorithm: .sha256, qopOptions: ["auth", "auth-int"],
                                charset: "UTF-8", userhash: false)
        #expect(c.description == "Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com\", nonce=\"abc\", opaque=\"\", stale=true, algorithm=SHA-256, qop=\"auth,auth-int\", charset=UTF-8, userhash=false")
        #expect(try DigestChallenge.parse(c.description) == c)
    }

    static let credentials = [
        // RFC 3261 §22.4 style
        "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"sip:bob@biloxi.com\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
        // RFC 7616 §3.9.1
        "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
        // RFC 7616 §3.9.2 (userhash)
        "Digest username=\"488869477bf257147b804c45308cd62ac4e25eb717b12b298c79e62dcea254ec\", realm=\"api@example.org\", uri=\"/doe.json\", algorithm=SHA-512-256, nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", nc=00000001, cnonce=\"NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v\", qop=auth, response=\"ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd\", opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", userhash=true",
        // Cisco: no spaces after commas
        "Digest username=\"1001\",realm=\"cisco\",uri=\"sip:10.1.1.1:5060\",response=\"0c8d9a6b1b0f4c9d2e3f4a5b6c7d8e9f\",nonce=\"5f1e2d3c\",algorithm=MD5",
        // Polycom
        "Digest username=\"2001\", realm=\"sip.example.com\", nonce=\"Zk0y1WZNMZ2p0Cqx\", qop=auth, cnonce=\"hBSt+Rn2s4AUS4e\", nc=0000000A, uri=\"sip:sip.example.com\", response=\"e0f8ba46e4d1a3d0e1a6c7f2b1c2d3e4\", algorithm=MD5",
        // quoted qop and algorithm, as some clients send them
        "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00\", qop=\"auth\", nc=00000002, cnonce=\"c\", algorithm=\"MD5\"",
    ]

    @Test(arguments: credentials)
    func credentialsRoundTrip(_ text: String) {
        valueRoundTrip(DigestCredentials.self, text)
        valueRoundTrip(AuthCredentials.self, text)
    }

    @Test func credentialFields() throws {
        let c = try DigestCredentials.parse(Self.credentials[0])
        #expect(c.username == "bob" && c.realm == "biloxi.com" && c.uri == "sip:bob@biloxi.com")
        #expect(c.qop == "auth" && c.nonceCount == 1 && c.cnonce == "0a4f113b")
        #expect(c.response == "6629fae49393a05397450978507c4ef1" && c.opaque == "5ccc069c403ebaf9f0171e9517f40e41")
        #expect(c.algorithm == nil)
        #expect(try DigestCredentials.parse(Self.credentials[2]).userhash == true)
        let poly = try DigestCredentials.parse(Self.credentials[4])
        #expect(poly.nonceCount == 10 && poly.algorithm == .md5)
        #expect(poly.description.contains("nc=0000000a"))
    }

    @Test func credentialSerializationQuotesWhatTheRFCQuotes() {
        let c = DigestCredentials(username: "bob", realm: "biloxi.com", nonce: "n", uri: "sip:bob@biloxi.com",
                                  response: "abc", algorithm: .md5, cnonce: "c", opaque: "o", qop: "auth",
                                  nonceCount: 255, userhash: false)
        #expect(c.description == "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"n\", uri=\"sip:bob@biloxi.com\", response=\"abc\", algorithm=MD5, cnonce=\"c\", opaque=\"o\", qop=auth, nc=000000ff, userhash=false")
    }

    @Test func otherSchemesAreKept() throws {
        #expect(try AuthChallenge.parse("Bearer realm=\"example\", error=\"invalid_token\"")
                == .other(scheme: "Bearer", parameters: "realm=\"example\", error=\"invalid_token\""))
        #expect(try AuthCredentials.parse("Bearer eyJhbGciOi.abc-def_ghi= ")
                == .other(scheme: "Bearer", parameters: "eyJhbGciOi.abc-def_ghi="))
        #expect(valueRoundTrip(AuthChallenge.self, "Basic realm=\"WallyWorld\"") != nil)
        #expect(valueRoundTrip(AuthCredentials.self, "Negotiate") == .other(scheme: "Negotiate", parameters: ""))
        expectRefusal(DigestChallenge.self, InvalidValue("Basic realm=\"x\"", .malformedValue, at: 0))
        expectRefusal(DigestCredentials.self, InvalidValue("Bearer abc", .malformedValue, at: 0))
    }

    static let badChallenges = [
        InvalidValue("", .malformedValue, at: 0),
        InvalidValue("Digest realm=\"a\", realm=\"b\", nonce=\"n\"", .malformedValue, at: 18),
        InvalidValue("Digest REALM=\"a\", nonce=\"n\", Realm=\"b\"", .malformedValue, at: 29),
        InvalidValue("Digest realm=\"a\"", .malformedValue, at: 7),
        InvalidValue("Digest nonce=\"n\"", .malformedValue, at: 7),
        InvalidValue("Digest realm=\"a\", nonce=\"n\", stale=maybe", .malformedValue, at: 29),
        InvalidValue("Digest realm=\"a\", nonce=\"n\", userhash=1", .malformedValue, at: 29),
        InvalidValue("Digest realm=\"a\" nonce=\"n\"", .malformedValue, at: 17),
        InvalidValue("Digest realm=\"a, nonce=\"n\"", .malformedValue, at: 24),
        InvalidValue("Digest realm=\"a, nonce=n", .truncated, at: 13),
        InvalidValue("Digest realm", .malformedValue, at: 12),
        InvalidValue("Digest realm=", .malformedValue, at: 13),
        InvalidValue("Digest realm=\"a\", nonce=\"n\", qop=\"\"", .malformedValue, at: 29),
        InvalidValue("Digest=realm", .malformedValue, at: 6),
    ]

    @Test(arguments: badChallenges)
    func refusesChallenge(_ c: InvalidValue) { expectRefusal(DigestChallenge.self, c) }

    static let badCredentials = [
        InvalidValue("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\"", .malformedValue, at: 7),
        InvalidValue("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", nc=0001", .malformedValue, at: 66),
        InvalidValue("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", nc=0000000g", .malformedValue, at: 66),
        InvalidValue("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=auth", .malformedValue, at: 66),
        InvalidValue("Digest username=\"a\", username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\"", .malformedValue, at: 21),
        InvalidValue("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=sip:u, response=\"x\"", .malformedValue, at: 50),
    ]

    @Test(arguments: badCredentials)
    func refusesCredentials(_ c: InvalidValue) { expectRefusal(DigestCredentials.self, c) }

    @Test func mutationNeverTraps() {
        mutateValues(DigestChallenge.self, seeds: Self.challenges, iterations: 4000)
        mutateValues(AuthChallenge.self, seeds: Self.challenges + ["Bearer realm=\"x\""], iterations: 2000, seed: 11)
        mutateValues(DigestCredentials.self, seeds: Self.credentials, iterations: 4000)
        mutateValues(AuthCredentials.self, seeds: Self.credentials + ["Bearer abc"], iterations: 2000, seed: 12)
    }
}
