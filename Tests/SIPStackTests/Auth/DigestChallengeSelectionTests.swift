import SIPMessage
import Testing
@testable import SIPStack

/// Several challenges, algorithms, qop choices and comma-joined header lines.
@Suite struct DigestChallengeSelectionTests {
    typealias F = AuthFixture

    @Test func sha256IsChosenOverMD5WhicheverComesFirst() throws {
        let md5 = #"Digest realm="pipit.test", nonce="m", qop="auth", algorithm=MD5"#
        let sha = #"Digest realm="pipit.test", nonce="s", qop="auth", algorithm=SHA-256"#
        for order in [[md5, sha], [sha, md5]] {
            var client = F.client()
            let retry = try #require(F.retried(client.handle(F.challenge(401, order), to: F.register())))
            let all = F.credentials(retry)
            #expect(all.count == 1)
            let creds = try #require(all.first)
            #expect(creds.algorithm == .sha256 && creds.nonce == "s")
            #expect(creds.response.utf8.count == 64)
            #expect(F.verify(creds, request: retry))
        }
    }

    @Test func sessVariantsAreAnsweredAndKeepTheirCnonce() throws {
        var client = F.client()
        let c = #"Digest realm="pipit.test", nonce="n", qop="auth", algorithm=SHA-256-sess"#
        let retry = try #require(F.retried(client.handle(F.challenge(401, [c]), to: F.register())))
        let first = try #require(F.credentials(retry).first)
        #expect(first.algorithm == .sha256Sess)
        #expect(F.verify(first, request: retry))
        var next = F.register()
        client.authorize(&next)
        let second = try #require(F.credentials(next).first)
        #expect(second.cnonce == first.cnonce && second.nonceCount == 2)
        #expect(F.verify(second, request: next))
    }

    @Test func twoRealmsGetTwoHeaders() throws {
        var client = F.client(realms: ["a.example", "b.example"])
        let response = F.challenge(407, [
            #"Digest realm="a.example", nonce="na", qop="auth""#,
            #"Digest realm="b.example", nonce="nb", algorithm=SHA-256, qop="auth""#,
        ])
        let retry = try #require(F.retried(client.handle(response, to: F.invite())))
        let all = F.credentials(retry, "Proxy-Authorization")
        #expect(all.map(\.realm) == ["a.example", "b.example"])
        #expect(all.allSatisfy { F.verify($0, request: retry) })
        #expect(client.cachedRealms == ["a.example", "b.example"])
    }

    /// A forking proxy merges a 401 and a 407 into one response (RFC 3261 §16.7): each
    /// challenge is answered in its own header.
    @Test func mergedResponseAnswersBothKinds() throws {
        var client = F.client(realms: ["proxy.example", "uas.example"])
        var response = F.challenge(407, [#"Digest realm="proxy.example", nonce="np", qop="auth""#])
        response.headers.append(name: "WWW-Authenticate", value: #"Digest realm="uas.example", nonce="nu", qop="auth""#)
        let retry = try #require(F.retried(client.handle(response, to: F.invite())))
        #expect(F.credentials(retry, "Proxy-Authorization").map(\.realm) == ["proxy.example"])
        #expect(F.credentials(retry, "Authorization").map(\.realm) == ["uas.example"])
        #expect((F.credentials(retry) + F.credentials(retry, "Proxy-Authorization")).allSatisfy { F.verify($0, request: retry) })
    }

    @Test func realmsWithoutCredentialsAreSkippedWhenAnotherCanBeAnswered() throws {
        var client = F.client(realms: ["b.example"])
        let response = F.challenge(407, [
            #"Digest realm="a.example", nonce="na", qop="auth""#, #"Digest realm="b.example", nonce="nb", qop="auth""#,
        ])
        let retry = try #require(F.retried(client.handle(response, to: F.invite())))
        #expect(F.credentials(retry, "Proxy-Authorization").map(\.realm) == ["b.example"])
    }

    @Test func aSecondProxyKeepsTheFirstProxysCredentials() throws {
        var client = F.client(realms: ["a.example", "b.example"])
        let first = try #require(F.retried(client.handle(
            F.challenge(407, [#"Digest realm="a.example", nonce="na", qop="auth""#]), to: F.invite())))
        let second = try #require(F.retried(client.handle(
            F.challenge(407, [#"Digest realm="b.example", nonce="nb", qop="auth""#]), to: first)))
        #expect(F.credentials(second, "Proxy-Authorization").map(\.realm) == ["a.example", "b.example"])
    }

    @Test func onlyUnsupportedAlgorithmFailsNamingIt() {
        var client = F.client()
        let c = #"Digest realm="pipit.test", nonce="n", qop="auth", algorithm=SHA-1"#
        let outcome = client.handle(F.challenge(401, [c]), to: F.register())
        #expect(outcome == .failed(.unsupported(algorithms: ["SHA-1"], qopOptions: [])))
        if case .failed(let failure) = outcome { #expect(failure.description.contains("SHA-1")) }
        // Alongside a supported one, it is skipped.
        let both = F.challenge(401, [c, #"Digest realm="pipit.test", nonce="m", qop="auth""#])
        #expect(F.credentials(F.retried(client.handle(both, to: F.register())) ?? F.register()).first?.nonce == "m")
    }

    @Test func onlyUnsupportedQopFails() {
        var client = F.client()
        let c = #"Digest realm="pipit.test", nonce="n", qop="auth-conf""#
        #expect(client.handle(F.challenge(401, [c]), to: F.register())
            == .failed(.unsupported(algorithms: [], qopOptions: ["auth-conf"])))
    }

    @Test func otherSchemesAloneFail() {
        var client = F.client()
        #expect(client.handle(F.challenge(401, [#"Bearer realm="x""#]), to: F.register())
            == .failed(.noDigestChallenge(schemes: ["Bearer"])))
        #expect(client.handle(F.challenge(401, []), to: F.register()) == .failed(.noDigestChallenge(schemes: [])))
        let malformed = client.handle(F.challenge(401, [#"Digest realm="x""#]), to: F.register())
        guard case .failed(.malformedChallenge) = malformed else {
            Issue.record("expected malformedChallenge, got \(malformed)")
            return
        }
    }

    @Test(arguments: [
        (#"qop="auth,auth-int""#, "auth"), (#"qop="auth-int,auth""#, "auth"), (#"qop="auth-int""#, "auth-int"),
        (#"qop="auth-conf,auth-int""#, "auth-int"),
    ])
    func qopChoice(options: String, chosen: String) throws {
        var client = F.client()
        let sdp = Array("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n".utf8)
        let invite = F.invite(body: sdp)
        let c = #"Digest realm="pipit.test", nonce="n", "# + options
        let retry = try #require(F.retried(client.handle(F.challenge(401, [c]), to: invite)))
        let creds = try #require(F.credentials(retry).first)
        #expect(creds.qop == chosen)
        #expect(F.verify(creds, request: retry))
        if chosen == "auth-int" {
            // The body is in the hash: another body fails verification.
            var tampered = retry
            tampered.body = Array("v=0\r\n".utf8)
            #expect(!F.verify(creds, request: tampered))
        }
    }

    @Test func noQopIsRFC2069Style() throws {
        var client = F.client()
        let retry = try #require(F.retried(client.handle(
            F.challenge(401, [#"Digest realm="pipit.test", nonce="n", opaque="o""#]), to: F.register())))
        let creds = try #require(F.credentials(retry).first)
        #expect(creds.qop == nil && creds.nonceCount == nil && creds.cnonce == nil && creds.algorithm == nil)
        #expect(creds.opaque == "o")
        #expect(F.verify(creds, request: retry))
        let header = try #require(retry.headers.first("Authorization"))
        #expect(!header.contains("nc=") && !header.contains("qop="))
    }

    @Test func challengesJoinedOnOneLineAreSplit() throws {
        let line = #"Digest realm="a, b", nonce="x,1", qop="auth,auth-int", Digest realm="c", nonce="y", algorithm=SHA-256, Bearer realm="z""#
        let parts = AuthChallengeReader.split(line).map(String.init)
        #expect(parts == [
            #"Digest realm="a, b", nonce="x,1", qop="auth,auth-int""#,
            #"Digest realm="c", nonce="y", algorithm=SHA-256"#, #"Bearer realm="z""#,
        ])
        var client = F.client(realms: ["c"])
        let retry = try #require(F.retried(client.handle(F.challenge(401, [line]), to: F.register())))
        let creds = try #require(F.credentials(retry).first)
        #expect(creds.realm == "c" && creds.algorithm == .sha256)
    }

    @Test(arguments: [
        "", ",,,", #"Digest realm="unterminated"#, "Digest", #"Digest realm = "r" , nonce = "n""#, "=", "Digest ,realm=\"r\"",
    ])
    func splitNeverTrapsAndKeepsParametersTogether(_ line: String) {
        let parts = AuthChallengeReader.split(line)
        #expect(parts.count <= 1)
    }

    @Test func protectionDomainLimitsPreemptiveCredentials() throws {
        var client = F.client()
        let c = #"Digest realm="pipit.test", domain="sip:pipit.test sip:other.test", nonce="n", qop="auth""#
        _ = client.handle(F.challenge(401, [c]), to: F.register())
        var inside = F.invite(uri: "sip:bob@pipit.test")
        client.authorize(&inside)
        #expect(F.credentials(inside).count == 1)
        var outside = F.invite(uri: "sip:bob@third.test")
        client.authorize(&outside)
        #expect(F.credentials(outside).isEmpty)
    }
}
