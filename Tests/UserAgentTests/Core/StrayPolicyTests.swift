import SIPMessage
import Testing
@testable import UserAgent

struct StrayPolicyTests {
    func uri(_ text: String) -> URI? { try? URI.parse(Substring(text)) }

    @Test func registrarSourcesAreTrusted() {
        var policy = StrayPolicy()
        policy.trustedSources = ["192.0.2.10", "2001:db8::5"]
        #expect(policy.admits(requestURI: uri("sip:alice@198.51.100.1"), sourceAddress: "192.0.2.10"))
        #expect(policy.admits(requestURI: uri("sip:alice@198.51.100.1"), sourceAddress: "[2001:DB8::5]"))
        #expect(!policy.admits(requestURI: uri("sip:alice@198.51.100.1"), sourceAddress: "203.0.113.66"))
    }

    @Test func localAccountsAreAddressedByTheirOwnURI() {
        var policy = StrayPolicy()
        policy.localAccounts = [.init(user: "alice", hosts: ["127.0.0.1", "alice.example"])]
        #expect(policy.admits(requestURI: uri("sip:alice@127.0.0.1:5062"), sourceAddress: "203.0.113.66"))
        #expect(policy.admits(requestURI: uri("sip:alice@ALICE.example"), sourceAddress: "203.0.113.66"))
        #expect(!policy.admits(requestURI: uri("sip:100@127.0.0.1"), sourceAddress: "203.0.113.66"), "a scanner guessing extensions")
        #expect(!policy.admits(requestURI: uri("sip:alice@other.example"), sourceAddress: "203.0.113.66"))
        #expect(!policy.admits(requestURI: uri("tel:+123"), sourceAddress: "203.0.113.66"))
        #expect(!policy.admits(requestURI: nil, sourceAddress: "203.0.113.66"))
    }

    @Test func notStrictAdmitsAll() {
        let policy = StrayPolicy(strict: false)
        #expect(policy.admits(requestURI: uri("sip:100@10.0.0.1"), sourceAddress: "203.0.113.66"))
    }

    @Test func refusalsAreLoggedOncePerSource() {
        var log = StrayLog()
        let first = log.firstTime("203.0.113.66")
        let again = log.firstTime("203.0.113.66")
        let other = log.firstTime("203.0.113.67")
        #expect(first && !again && other)
        for i in 0..<5000 { _ = log.firstTime("10.0.\(i / 256).\(i % 256)") } // bounded, no crash
    }
}
