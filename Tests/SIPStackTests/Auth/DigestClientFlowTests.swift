import SIPMessage
import Testing
@testable import SIPStack

/// Single-realm flows: challenge, answer, pre-emptive reuse, stale, wrong password.
@Suite struct DigestClientFlowTests {
    typealias F = AuthFixture
    static let md5Challenge = #"Digest realm="pipit.test", nonce="n-1", opaque="op-42", qop="auth", algorithm=MD5"#

    @Test func unauthorizedRetriesWithAuthorization() throws {
        var client = F.client()
        let request = F.register()
        let retry = try #require(F.retried(client.handle(F.challenge(401, [Self.md5Challenge]), to: request)))
        let creds = try #require(F.credentials(retry).first)
        #expect(F.credentials(retry).count == 1)
        #expect(retry.headers.fields(named: "Proxy-Authorization").isEmpty)
        #expect(creds.username == "alice")
        #expect(creds.realm == "pipit.test")
        #expect(creds.nonce == "n-1")
        #expect(creds.uri == "sip:pipit.test")  // the Request-URI
        #expect(creds.opaque == "op-42")  // echoed
        #expect(creds.qop == "auth")
        #expect(creds.nonceCount == 1)
        #expect(creds.algorithm == .md5)
        #expect(creds.cnonce?.utf8.count == 32)
        #expect(F.verify(creds, request: retry))
        // Everything else is untouched; CSeq is the caller's to bump.
        #expect(retry.headers.first("CSeq") == "1 REGISTER")
        #expect(retry.method == .register && retry.requestURI == request.requestURI)
        #expect(retry.headers.first("Authorization")?.contains("nc=00000001") == true)
    }

    @Test func proxyAuthenticationRequiredUsesProxyAuthorization() throws {
        var client = F.client()
        let invite = F.invite()
        let retry = try #require(F.retried(client.handle(F.challenge(407, [Self.md5Challenge]), to: invite)))
        #expect(retry.headers.fields(named: "Authorization").isEmpty)
        let creds = try #require(F.credentials(retry, "Proxy-Authorization").first)
        #expect(creds.uri == "sip:bob@pipit.test")
        #expect(F.verify(creds, request: retry))
        // The proxy's realm is then sent pre-emptively in Proxy-Authorization.
        var next = F.invite(uri: "sip:carol@pipit.test")
        client.authorize(&next)
        let again = try #require(F.credentials(next, "Proxy-Authorization").first)
        #expect(again.nonceCount == 2 && again.uri == "sip:carol@pipit.test")
        #expect(F.verify(again, request: next))
    }

    @Test func nextRegisterIsPreemptiveWithNextNonceCount() throws {
        var client = F.client()
        _ = client.handle(F.challenge(401, [Self.md5Challenge]), to: F.register())
        var refresh = F.register()
        client.authorize(&refresh)
        let creds = try #require(F.credentials(refresh).first)
        #expect(refresh.headers.first("Authorization")?.contains("nc=00000002") == true)
        #expect(creds.nonce == "n-1" && creds.opaque == "op-42")
        #expect(F.verify(creds, request: refresh))
        var third = F.register()
        client.authorize(&third)
        #expect(F.credentials(third).first?.nonceCount == 3)
        #expect(client.nonceCount(realm: "pipit.test", kind: .server) == 3)
        // authorize does not add a second header for a realm already answered.
        client.authorize(&third)
        #expect(F.credentials(third).count == 1)
    }

    @Test func nothingIsAddedBeforeAnyChallengeNorToAckOrCancel() throws {
        var client = F.client()
        var request = F.register()
        client.authorize(&request)
        #expect(request == F.register())
        _ = client.handle(F.challenge(401, [Self.md5Challenge]), to: F.register())
        for method in [SIPMethod.ack, .cancel] {
            var r = SIPRequest(method: method, requestURI: "sip:pipit.test")
            client.authorize(&r)
            #expect(r.headers.isEmpty)
        }
    }

    @Test func staleNonceRetriesSilentlyWithTheNewNonce() throws {
        var client = F.client()
        _ = client.handle(F.challenge(401, [Self.md5Challenge]), to: F.register())
        var refresh = F.register()
        client.authorize(&refresh)  // nonce n-1, nc=2
        let stale = F.challenge(401, [#"Digest realm="pipit.test", nonce="n-2", qop="auth", stale=true"#])
        let retry = try #require(F.retried(client.handle(stale, to: refresh)))
        let creds = try #require(F.credentials(retry).first)
        #expect(F.credentials(retry).count == 1)  // the old one replaced
        #expect(creds.nonce == "n-2" && creds.nonceCount == 1)
        #expect(F.verify(creds, request: retry))
        #expect(creds.opaque == nil)  // the new challenge has none
    }

    @Test func wrongPasswordFailsAfterExactlyOneRetryPerNonce() throws {
        // Same nonce challenged again.
        var client = F.client(password: "wrong")
        let first = try #require(F.retried(client.handle(F.challenge(401, [Self.md5Challenge]), to: F.register())))
        #expect(client.handle(F.challenge(401, [Self.md5Challenge]), to: first) == .failed(.rejected(realm: "pipit.test")))
        // A new nonce each time (as Asterisk does), without stale: still one retry.
        var other = F.client(password: "wrong")
        let second = try #require(F.retried(other.handle(F.challenge(401, [Self.md5Challenge]), to: F.register())))
        let fresh = F.challenge(401, [#"Digest realm="pipit.test", nonce="n-9", qop="auth""#])
        #expect(other.handle(fresh, to: second) == .failed(.rejected(realm: "pipit.test")))
    }

    @Test func staleForTheNonceJustUsedOrTwiceInARowIsARejection() throws {
        var client = F.client()
        let first = try #require(F.retried(client.handle(F.challenge(401, [Self.md5Challenge]), to: F.register())))
        let sameNonceStale = F.challenge(401, [#"Digest realm="pipit.test", nonce="n-1", qop="auth", stale=true"#])
        #expect(client.handle(sameNonceStale, to: first) == .failed(.rejected(realm: "pipit.test")))

        var looping = F.client()
        var request = F.register()
        var outcomes: [AuthOutcome] = []
        for i in 0..<5 {
            let c = F.challenge(401, [#"Digest realm="pipit.test", nonce="s-\#(i)", qop="auth", stale=true"#])
            let outcome = looping.handle(c, to: request)
            outcomes.append(outcome)
            guard let next = F.retried(outcome) else { break }
            request = next
        }
        // No credentials → answer; stale answered once; the second stale in a row fails.
        #expect(outcomes.count == 3)
        #expect(outcomes.last == .failed(.rejected(realm: "pipit.test")))
    }

    @Test func preemptiveCredentialsRefusedWithANewNonceGetOneRetry() throws {
        // A server that forgets stale=true for an expired nonce: the pre-emptive request
        // was not an answer to a challenge, so it is answered once more.
        var client = F.client()
        _ = client.handle(F.challenge(401, [Self.md5Challenge]), to: F.register())
        var refresh = F.register()
        client.authorize(&refresh)
        let renewed = F.challenge(401, [#"Digest realm="pipit.test", nonce="n-3", qop="auth""#])
        let retry = try #require(F.retried(client.handle(renewed, to: refresh)))
        #expect(F.credentials(retry).first?.nonce == "n-3")
        let again = F.challenge(401, [#"Digest realm="pipit.test", nonce="n-4", qop="auth""#])
        #expect(client.handle(again, to: retry) == .failed(.rejected(realm: "pipit.test")))
    }

    @Test func withoutQopAPreemptiveReuseRefusedWithANewNonceGetsOneRetry() throws {
        // RFC 2069 style: no nc on the wire, so the reuse must be told apart by count.
        var client = F.client()
        let c = #"Digest realm="pipit.test", nonce="n-1""#
        let answer = try #require(F.retried(client.handle(F.challenge(401, [c]), to: F.register())))
        var refresh = F.register()
        client.authorize(&refresh)
        #expect(F.credentials(refresh).first?.response == F.credentials(answer).first?.response)
        let renewed = F.challenge(401, [#"Digest realm="pipit.test", nonce="n-2""#])
        let retry = try #require(F.retried(client.handle(renewed, to: refresh)))
        let again = F.challenge(401, [#"Digest realm="pipit.test", nonce="n-3""#])
        #expect(client.handle(again, to: retry) == .failed(.rejected(realm: "pipit.test")))
        // And the direct answer to a challenge, rejected with a new nonce, still fails.
        var fresh = F.client(password: "wrong")
        let first = try #require(F.retried(fresh.handle(F.challenge(401, [c]), to: F.register())))
        #expect(fresh.handle(renewed, to: first) == .failed(.rejected(realm: "pipit.test")))
    }

    @Test func noCredentialsForRealmFails() {
        var client = F.client(realms: ["elsewhere"])
        #expect(client.handle(F.challenge(401, [Self.md5Challenge]), to: F.register())
            == .failed(.noCredentials(realms: ["pipit.test"])))
    }

    @Test func otherResponsesAreNotChallenges() {
        var client = F.client()
        for status in [100, 180, 200, 403, 404, 500] {
            let r = SIPResponse(statusCode: status, reasonPhrase: "x")
            #expect(client.handle(r, to: F.register()) == .notAChallenge)
        }
        #expect(client.cachedRealms.isEmpty)
    }

    @Test func nextNonceFromAuthenticationInfoIsUsedNext() throws {
        var client = F.client()
        let retry = try #require(F.retried(client.handle(F.challenge(401, [Self.md5Challenge]), to: F.register())))
        let ok = SIPResponse(statusCode: 200, reasonPhrase: "OK", headers: SIPHeaders([
            ("Authentication-Info", #"qop=auth, rspauth="abc", cnonce="x", nc=00000001, nextnonce="n-next""#),
        ]))
        #expect(client.handle(ok, to: retry) == .notAChallenge)
        var refresh = F.register()
        client.authorize(&refresh)
        let creds = try #require(F.credentials(refresh).first)
        #expect(creds.nonce == "n-next" && creds.nonceCount == 1)
        #expect(F.verify(creds, request: refresh))
    }

    @Test func userhashSendsTheHashedName() throws {
        var client = F.client()
        let c = #"Digest realm="pipit.test", nonce="n-1", qop="auth", algorithm=SHA-256, userhash=true"#
        let retry = try #require(F.retried(client.handle(F.challenge(401, [c]), to: F.register())))
        let creds = try #require(F.credentials(retry).first)
        #expect(creds.userhash == true)
        #expect(creds.username == "2f0369e0b627ef16b61545cd75fc9422a019403924b1558443ba17a4ecbf2942")
        #expect(F.verify(creds, request: retry))  // A1 still uses the plain name
    }
}
