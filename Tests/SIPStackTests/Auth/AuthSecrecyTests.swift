import SIPMessage
import Testing
@testable import SIPStack

/// The password must not leak through any text the module produces.
@Suite struct AuthSecrecyTests {
    typealias F = AuthFixture

    @Test func credentialsNeverShowThePassword() {
        let c = F.alice
        var dumped = ""
        dump(c, to: &dumped)
        for text in [c.description, c.debugDescription, String(describing: c), String(reflecting: c), "\(c)", dumped] {
            #expect(!text.contains(F.password))
            #expect(text.contains("alice"))
        }
    }

    @Test func noOutputOfAFlowContainsThePassword() throws {
        var client = F.client()
        var texts: [String] = []
        let challenge = #"Digest realm="pipit.test", nonce="n-1", qop="auth""#
        let outcome = client.handle(F.challenge(401, [challenge]), to: F.register())
        texts.append(String(describing: outcome))
        let retry = try #require(F.retried(outcome))
        texts.append(String(decoding: SIPMessage.request(retry).serialized(), as: UTF8.self))
        let failed = client.handle(F.challenge(401, [challenge]), to: retry)
        texts.append(String(describing: failed))
        texts.append(String(reflecting: failed))
        var dumped = ""
        dump(client, to: &dumped)
        texts.append(dumped)
        texts.append(String(reflecting: client))
        let failures: [AuthFailure] = [
            .noCredentials(realms: ["r"]), .rejected(realm: "r"), .unsupported(algorithms: ["X"], qopOptions: ["y"]),
            .noDigestChallenge(schemes: ["Bearer"]),
        ]
        texts += failures.map(\.description)
        for text in texts { #expect(!text.contains(F.password)) }
        #expect(failed == .failed(.rejected(realm: "pipit.test")))
    }
}
