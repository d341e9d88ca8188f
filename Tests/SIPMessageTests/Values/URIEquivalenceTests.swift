import Testing
@testable import SIPMessage

/// RFC 3261 §19.1.4: the equal and unequal pairs the RFC lists, plus RFC 4475's
/// `sip:%61lice@atlanta.com;transport=TCP`.
@Suite("SIP URI equivalence")
struct URIEquivalenceTests {
    struct Pair: CustomTestStringConvertible, Sendable {
        var a: String, b: String
        var testDescription: String { "\(a) ~ \(b)" }
    }

    static let equivalent = [
        Pair(a: "sip:%61lice@atlanta.com;transport=TCP", b: "sip:alice@AtLanTa.CoM;Transport=tcp"),
        Pair(a: "sip:carol@chicago.com", b: "sip:carol@chicago.com;newparam=5"),
        Pair(a: "sip:carol@chicago.com", b: "sip:carol@chicago.com;security=on"),
        Pair(a: "sip:carol@chicago.com;newparam=5", b: "sip:carol@chicago.com;security=on"),
        Pair(a: "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
             b: "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"),
        Pair(a: "sip:alice@atlanta.com?subject=project%20x&priority=urgent",
             b: "sip:alice@atlanta.com?priority=urgent&subject=project%20x"),
        Pair(a: "sip:[2001:db8::10]:5060", b: "sip:[2001:0db8:0:0:0:0:0:010]:5060"),
        Pair(a: "sip:alice@example.com;lr", b: "sip:alice@example.com;LR"),
    ]

    static let different = [
        // different user names
        Pair(a: "SIP:ALICE@AtLanTa.CoM;Transport=udp", b: "sip:alice@AtLanTa.CoM;Transport=UDP"),
        // can resolve to different ports
        Pair(a: "sip:bob@biloxi.com", b: "sip:bob@biloxi.com:5060"),
        // can resolve to different transports
        Pair(a: "sip:bob@biloxi.com", b: "sip:bob@biloxi.com;transport=udp"),
        // can resolve to different port and transports
        Pair(a: "sip:bob@biloxi.com", b: "sip:bob@biloxi.com:6000;transport=tcp"),
        // different header component
        Pair(a: "sip:carol@chicago.com", b: "sip:carol@chicago.com?Subject=next%20meeting"),
        // even though that's what phone21.boxesbybob.com resolves to
        Pair(a: "sip:bob@phone21.boxesbybob.com", b: "sip:bob@192.0.2.4"),
        Pair(a: "sip:alice@atlanta.com", b: "sips:alice@atlanta.com"),
        Pair(a: "sip:alice:a@atlanta.com", b: "sip:alice:A@atlanta.com"),
        Pair(a: "sip:alice@atlanta.com;maddr=10.0.0.1", b: "sip:alice@atlanta.com"),
        Pair(a: "sip:alice@atlanta.com;ttl=1", b: "sip:alice@atlanta.com"),
        Pair(a: "sip:alice@atlanta.com;user=phone", b: "sip:alice@atlanta.com"),
        Pair(a: "sip:alice@atlanta.com;method=INVITE", b: "sip:alice@atlanta.com"),
        Pair(a: "sip:alice@atlanta.com;foo=1", b: "sip:alice@atlanta.com;foo=2"),
        Pair(a: "sip:alice@atlanta.com?a=1", b: "sip:alice@atlanta.com?a=1&b=2"),
        Pair(a: "sip:alice@atlanta.com?a=x", b: "sip:alice@atlanta.com?a=X"),
    ]

    @Test(arguments: equivalent)
    func equal(_ p: Pair) throws {
        let a = try SIPURI.parse(p.a), b = try SIPURI.parse(p.b)
        #expect(a.isEquivalent(to: b))
        #expect(b.isEquivalent(to: a))
        #expect(URI.sip(a).isEquivalent(to: .sip(b)))
    }

    @Test(arguments: different)
    func unequal(_ p: Pair) throws {
        let a = try SIPURI.parse(p.a), b = try SIPURI.parse(p.b)
        #expect(!a.isEquivalent(to: b))
        #expect(!b.isEquivalent(to: a))
    }

    @Test func equivalenceIsNotTransitive() throws {
        // RFC 3261 §19.1.4 notes this; the implementation must follow the rules, not a
        // normal form.
        let plain = try SIPURI.parse("sip:carol@chicago.com")
        let new = try SIPURI.parse("sip:carol@chicago.com;newparam=5")
        let other = try SIPURI.parse("sip:carol@chicago.com;newparam=6")
        #expect(plain.isEquivalent(to: new) && plain.isEquivalent(to: other))
        #expect(!new.isEquivalent(to: other))
    }
}

extension URIEquivalenceTests {
    @Test func bytesNotReplacementCharactersAreCompared() throws {
        // Both decode to invalid UTF-8; they must still differ.
        #expect(try !SIPURI.parse("sip:%FF@h").isEquivalent(to: SIPURI.parse("sip:%FE@h")))
        #expect(try SIPURI.parse("sip:%ff@h").isEquivalent(to: SIPURI.parse("sip:%FF@h")))
        #expect(try !SIPURI.parse("sip:h;p=%FF").isEquivalent(to: SIPURI.parse("sip:h;p=%FE")))
        #expect(try !SIPURI.parse("sip:h.example.com").isEquivalent(to: SIPURI.parse("sip:h.example.com.")))
    }

    @Test func escapedReservedCharactersStayDistinct() throws {
        // RFC 3261 §19.1.4: only characters outside "reserved" equal their escapes.
        #expect(try !SIPURI.parse("sip:a%3Bb@h").isEquivalent(to: SIPURI.parse("sip:a;b@h")))
        #expect(try SIPURI.parse("sip:a%3bb@h").isEquivalent(to: SIPURI.parse("sip:a%3Bb@h")))
        #expect(try SIPURI.parse("sip:%61%62c@h").isEquivalent(to: SIPURI.parse("sip:abc@h")))
        #expect(try SIPURI.parse("sip:h;p=%41").isEquivalent(to: SIPURI.parse("sip:h;p=a")))
        #expect(try !SIPURI.parse("sip:h;p=a%3Db").isEquivalent(to: SIPURI.parse("sip:h;p=a%3Dc")))
    }

    @Test func userPhone() throws {
        let u = try SIPURI.parse("sip:+1-212-555-1212:1234@gateway.com;user=phone")
        #expect(u.telephoneNumber == (try TelURI.parse("tel:+1-212-555-1212")))
        #expect(try SIPURI.parse("sip:+1-212-555-1212@gateway.com").telephoneNumber == nil)
        #expect(try SIPURI.parse("sip:alice@gateway.com;user=phone").telephoneNumber == nil)
    }
}
