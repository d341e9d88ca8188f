import SIPMessage
import Testing

@testable import UserAgent

/// The REGISTER requests built for a plan, and how final responses are read.
@Suite(.timeLimit(.minutes(1))) struct RegisterRequestTests {
    static func account(_ configure: (inout AccountConfig) -> Void = { _ in }) throws -> AccountConfig {
        var account = AccountConfig(name: "work", uri: try SIPURI.parse("sip:alice@example.com"))
        account.displayName = "Alice Liddell"
        configure(&account)
        return account
    }

    static func builder(_ account: AccountConfig) -> RegisterRequestBuilder {
        RegisterRequestBuilder(account: account, callID: "reg-1", fromTag: "t1", userAgent: "pipit/test")
    }

    @Test func aPlainRegister() throws {
        let b = Self.builder(try Self.account())
        let plan = RegisterPlan(contact: ContactAddress(host: "192.0.2.5", port: 5062), expires: 600)
        let request = b.request(for: plan, transport: .udp, cseq: 7)
        let message = SIPMessage.request(request)
        #expect(request.method == .register)
        #expect(request.requestURI == "sip:example.com")
        #expect(try message.to?.description == "\"Alice Liddell\" <sip:alice@example.com>")
        #expect(try message.from?.tag == "t1")
        #expect(try message.callID?.description == "reg-1")
        #expect(request.headers.first("CSeq") == "7 REGISTER")
        #expect(request.headers.values("Contact") == ["<sip:alice@192.0.2.5:5062>"])
        #expect(request.headers.first("Expires") == "600")
        #expect(request.headers.first("User-Agent") == "pipit/test")
        #expect(request.headers.first("Allow")?.contains("INVITE") == true)
        #expect(request.headers.contains("Supported"))
        #expect(!request.headers.contains("Route"))
        #expect(!request.headers.contains("Via"), "the stack stamps the Via")
    }

    @Test func tcpContactsNameTheTransportAndForcedTransportRoutes() throws {
        let b = Self.builder(try Self.account { $0.transport = .tcp })
        let plan = RegisterPlan(contact: ContactAddress(host: "[2001:db8::5]", port: 5060), expires: 60)
        let request = b.request(for: plan, transport: .tcp, cseq: 1)
        #expect(request.requestURI == "sip:example.com;transport=tcp")
        #expect(request.headers.values("Contact") == ["<sip:alice@[2001:db8::5]:5060;transport=tcp>"])
    }

    @Test func theOutboundProxyIsAPreloadedRoute() throws {
        let b = Self.builder(try Self.account {
            $0.outboundProxy = try? SIPURI.parse("sip:proxy.example.net")
            $0.registrar = try? SIPURI.parse("sip:reg.example.com:5070")
            $0.transport = .tls
        })
        let plan = RegisterPlan(contact: ContactAddress(host: "192.0.2.5", port: 5061), expires: 60)
        let request = b.request(for: plan, transport: .tls, cseq: 1)
        #expect(request.requestURI == "sip:reg.example.com:5070")
        #expect(request.headers.first("Route") == "<sip:proxy.example.net;transport=tls;lr>")
    }

    @Test func unregisterAndNATMovesRemoveOnlyOurContacts() throws {
        let b = Self.builder(try Self.account())
        let home = ContactAddress(host: "192.168.1.2", port: 5060)
        let outside = ContactAddress(host: "203.0.113.9", port: 40000)
        let moved = b.request(for: RegisterPlan(contact: outside, expires: 600, removing: home), transport: .udp, cseq: 2)
        #expect(moved.headers.values("Contact") == ["<sip:alice@203.0.113.9:40000>", "<sip:alice@192.168.1.2:5060>;expires=0"])
        let gone = b.request(for: RegisterPlan(contact: outside, expires: 0), transport: .udp, cseq: 3)
        #expect(gone.headers.values("Contact") == ["<sip:alice@203.0.113.9:40000>;expires=0"])
        #expect(gone.headers.first("Expires") == "0")
    }

    static func response(_ status: Int, _ extra: [(String, String)], via: String = "SIP/2.0/UDP 192.168.1.2:5060;branch=z9hG4bK1;rport=5060")
        -> SIPResponse
    {
        var headers = SIPHeaders([("Via", via), ("CSeq", "1 REGISTER"), ("Call-ID", "reg-1")])
        for (name, value) in extra { headers.append(name: name, value: value) }
        return SIPResponse(statusCode: status, reasonPhrase: "Reason\u{7}Phrase", headers: headers)
    }

    @Test func theGrantOfOurContactIsReadAndOthersAreLeftAlone() throws {
        let ours = try SIPURI.parse("sip:alice@192.168.1.2:5060")
        let ok = Self.response(200, [("Contact", "<sip:alice@10.0.0.7:5060>;expires=3600, <sip:alice@192.168.1.2:5060>;expires=120"),
                                    ("Expires", "900")])
        #expect(RegistrationReply.read(ok, contact: ours, followNAT: true) == .accepted(granted: 120, natAddress: nil))
        let headerOnly = Self.response(200, [("Contact", "<sip:alice@10.0.0.7:5060>;expires=3600"), ("Expires", "900")])
        #expect(RegistrationReply.read(headerOnly, contact: ours, followNAT: true) == .accepted(granted: 900, natAddress: nil))
        #expect(RegistrationReply.read(Self.response(200, []), contact: ours, followNAT: true)
            == .accepted(granted: nil, natAddress: nil))
    }

    @Test func aViaReceivedElsewhereIsANATAddress() throws {
        let ours = try SIPURI.parse("sip:alice@192.168.1.2:5060")
        let via = "SIP/2.0/UDP 192.168.1.2:5060;branch=z9hG4bK1;received=203.0.113.9;rport=40001"
        let ok = Self.response(200, [("Expires", "60")], via: via)
        #expect(RegistrationReply.read(ok, contact: ours, followNAT: true)
            == .accepted(granted: 60, natAddress: ContactAddress(host: "203.0.113.9", port: 40001)))
        #expect(RegistrationReply.read(ok, contact: ours, followNAT: false) == .accepted(granted: 60, natAddress: nil))
    }

    @Test func failuresAreRead() throws {
        let ours = try SIPURI.parse("sip:alice@192.168.1.2:5060")
        #expect(RegistrationReply.read(Self.response(423, [("Min-Expires", "1800")]), contact: ours, followNAT: true)
            == .intervalTooBrief(minExpires: 1800))
        #expect(RegistrationReply.read(Self.response(423, [("Min-Expires", "soon")]), contact: ours, followNAT: true)
            == .intervalTooBrief(minExpires: nil))
        #expect(RegistrationReply.read(Self.response(503, [("Retry-After", "45 (maintenance)")]), contact: ours, followNAT: true)
            == .rejected(code: 503, reason: "ReasonPhrase", retryAfter: 45))
        #expect(RegistrationReply.read(Self.response(403, []), contact: ours, followNAT: true)
            == .rejected(code: 403, reason: "ReasonPhrase", retryAfter: nil))
    }
}
