import SIPMessage
import Testing
@testable import SIPStack

/// Odd and hostile input: bounded work, no traps, sensible outcomes.
@Suite struct AuthHostileInputTests {
    typealias F = AuthFixture

    @Test func authenticationInfoParsing() throws {
        let info = try #require(AuthenticationInfo.parse(#"nextnonce="a\"b,c" , qop=auth,rspauth="x=y", junk, =v"#))
        #expect(info.nextNonce == #"a"b,c"#)
        #expect(info.value("qop") == "auth")
        #expect(info.value("rspauth") == "x=y")
        #expect(info.parameters.count == 3)
        #expect(AuthenticationInfo.parse(#"nextnonce="open"#) == nil)
        #expect(AuthenticationInfo.parse("")?.parameters.isEmpty == true)
    }

    @Test func utf8UserNameIsSentAndHashedAsUTF8() throws {
        let name = "J\u{E4}s\u{F8}n Doe"
        var client = DigestClient(credentials: { _ in SIPCredentials(username: name, password: "p\u{E4}ss") },
                                  random: SeededGenerator())
        let c = #"Digest realm="pipit.test", nonce="n", qop="auth", algorithm=SHA-256, charset=UTF-8"#
        let retry = try #require(F.retried(client.handle(F.challenge(401, [c]), to: F.register())))
        let creds = try #require(F.credentials(retry).first)
        #expect(creds.username == name)
        #expect(F.verify(creds, request: retry, password: "p\u{E4}ss", username: name))
    }

    @Test func manyChallengesAreCapped() throws {
        var client = DigestClient(credentials: { _ in F.alice }, random: SeededGenerator())
        let many = (0..<2000).map { #"Digest realm="r\#($0)", nonce="n\#($0)""# }
        let retry = try #require(F.retried(client.handle(F.challenge(407, many), to: F.invite())))
        #expect(F.credentials(retry, "Proxy-Authorization").count == DigestClient.maxCachedRealms)
        #expect(client.cachedRealms.count == DigestClient.maxCachedRealms)
        let joined = F.challenge(407, [many.joined(separator: ", ")])
        var other = DigestClient(credentials: { _ in F.alice }, random: SeededGenerator())
        let r2 = try #require(F.retried(other.handle(joined, to: F.invite())))
        #expect(F.credentials(r2, "Proxy-Authorization").count == DigestClient.maxCachedRealms)
    }

    @Test func cacheKeepsTheNewestRealms() {
        var client = DigestClient(credentials: { _ in F.alice }, random: SeededGenerator())
        for i in 0..<20 {
            _ = client.handle(F.challenge(401, [#"Digest realm="r\#(i)", nonce="n""#]), to: F.register())
        }
        #expect(client.cachedRealms == (4..<20).map { "r\($0)" })
        client.reset()
        #expect(client.cachedRealms.isEmpty)
    }

    @Test(arguments: [
        #"Digest realm="a", nonce="b", qop="""#, #"Digest realm="a", nonce="b", stale=maybe"#,
        #"Digest realm="a", realm="b", nonce="c""#, "Digest \u{0}", String(repeating: "Digest ", count: 500),
    ])
    func malformedChallengesFailCleanly(_ value: String) {
        var client = F.client(realms: ["a"])
        let outcome = client.handle(F.challenge(401, [value]), to: F.register())
        guard case .failed = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
    }
}
