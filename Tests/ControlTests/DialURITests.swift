import Testing
@testable import Control

@Suite(.timeLimit(.minutes(1)))
struct DialURITests {
    @Test func recognisesTheSchemes() {
        for uri in ["sip:bob@example.com", "SIPS:bob@example.com", "tel:+1234", "callto:bob", "Callto://x"] {
            #expect(DialURI.isURI(uri), "\(uri)")
        }
        for text in ["bob", "http://x", "--headless", "sip", "mailto:a@b", ":sip"] {
            #expect(!DialURI.isURI(text), "\(text)")
        }
    }

    @Test func sipKeepsParametersDropsHeadersAndDecodesEscapes() throws {
        #expect(try DialURI.target("sip:bob@example.com") == "sip:bob@example.com")
        #expect(try DialURI.target("SIP:bob@example.com:5080;transport=tcp?subject=hi&priority=urgent") ==
                "sip:bob@example.com:5080;transport=tcp")
        #expect(try DialURI.target("sips:%62%6Fb@example.com") == "sips:bob@example.com")
        #expect(try DialURI.target("sip://alice@192.0.2.1") == "sip:alice@192.0.2.1")
        // Escapes of characters that are not allowed as themselves stay escaped, normalised.
        #expect(try DialURI.target("sip:a%40b%3a%20c@example.com") == "sip:a%40b%3A%20c@example.com")
        #expect(try DialURI.target("sip:%2B4930123@example.com;user=phone") == "sip:+4930123@example.com;user=phone")
        #expect(try DialURI.target("sip:example.com") == "sip:example.com")
        #expect(try DialURI.target("sip:bob@[2001:db8::1]:5060") == "sip:bob@[2001:db8::1]:5060")
    }

    @Test func telAndCalltoBecomeDialable() throws {
        #expect(try DialURI.target("tel:+1-201-555-0123") == "+12015550123")
        #expect(try DialURI.target("tel:%2B49%20(30)%20123;phone-context=example.com") == "+4930123")
        #expect(try DialURI.target("tel:*21#") == "*21#")
        #expect(try DialURI.target("callto:+44.20.7946.0000") == "+442079460000")
        #expect(try DialURI.target("callto://bob.smith") == "bob.smith")
        #expect(try DialURI.target("callto:bob%40example.com") == "sip:bob@example.com")
        #expect(try DialURI.target("callto:alice@example.org?x=y") == "sip:alice@example.org")
    }

    @Test func hostileURIsAreRefused() {
        for uri in ["sip:bob@example.com%0A hangup all", "sip:bob%0Acall@x", "sip:b ob@x", "sip:\"bob\"@x",
                    "sip:bob@x\\y", "sip:", "sip:bob@", "sip:%4@x", "sip:%zz@x", "tel:", "tel:12a34x",
                    "callto:bob;rm -rf", "callto:%22", "http:x", "sip:bob@exa%2Fmple.com",
                    "sip:" + String(repeating: "a", count: 3000) + "@x", "tel:" + String(repeating: "1", count: 80)] {
            #expect(throws: ScriptError.self, "\(uri)") { try DialURI.target(uri) }
        }
    }

    @Test func theCallLineParsesBackToTheTarget() throws {
        for uri in ["sip:bob@example.com;transport=tcp", "tel:#31#123", "callto:bob"] {
            let target = try DialURI.target(uri)
            #expect(try CommandParser.parse(DialURI.callLine(target)) == .command(.call(target: target, account: nil)))
        }
    }
}
