import SIPMessage
import Testing
@testable import UserAgent

/// RFC 3261 §12: dialog creation on both sides, in-dialog requests, routing, CSeq.
struct DialogTests {
    let invite: SIPRequest = {
        guard case .request(let r)? = try? SIPMessage.parse(Array("""
            INVITE sip:bob@biloxi.com SIP/2.0\r
            Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r
            Max-Forwards: 70\r
            Record-Route: <sip:p2.biloxi.com;lr>, <sip:p1.atlanta.com;lr>\r
            To: Bob <sip:bob@biloxi.com>\r
            From: Alice <sip:alice@atlanta.com>;tag=1928301774\r
            Call-ID: a84b4c76e66710@pc33.atlanta.com\r
            CSeq: 314159 INVITE\r
            Contact: <sip:alice@pc33.atlanta.com>\r
            Content-Length: 0\r
            \r

            """.utf8)) else { fatalError("test message does not parse") }
        return r
    }()

    func response(_ code: Int, tag: String, recordRoute: [String], contact: String?) -> SIPResponse {
        var response = invite.makeResponse(code, "X", toTag: tag)
        for rr in recordRoute { response.headers.append(name: "Record-Route", value: rr) }
        if let contact { response.headers.append(name: "Contact", value: contact) }
        return response
    }

    @Test func callerDialogReversesRecordRoute() throws {
        var ours = invite
        _ = ours.headers.remove("Record-Route")
        let r = response(200, tag: "a6c85cf", recordRoute: ["<sip:p2.biloxi.com;lr>", "<sip:p1.atlanta.com;lr>"],
                         contact: "<sip:bob@192.0.2.4>")
        var dialog = try Dialog.asCaller(invite: ours, response: r)
        #expect(dialog.id == DialogID(callID: "a84b4c76e66710@pc33.atlanta.com", localTag: "1928301774", remoteTag: "a6c85cf"))
        #expect(dialog.routeSet.map(\.description) == ["<sip:p1.atlanta.com;lr>", "<sip:p2.biloxi.com;lr>"])
        #expect(dialog.remoteTarget.description == "sip:bob@192.0.2.4")
        #expect(!dialog.isEarly)
        let bye = dialog.makeRequest(.bye)
        #expect(bye.requestURI == "sip:bob@192.0.2.4")
        #expect(bye.headers.values("Route").map(String.init) == ["<sip:p1.atlanta.com;lr>", "<sip:p2.biloxi.com;lr>"])
        #expect(bye.headers.first("CSeq") == "314160 BYE")
        #expect(bye.headers.first("From") == "\"Alice\" <sip:alice@atlanta.com>;tag=1928301774")
        #expect(bye.headers.first("To")?.contains("tag=a6c85cf") == true)
        #expect(bye.headers.first("Contact") == nil, "BYE is not a target refresh")
        let ack = dialog.makeACK(cseq: 314159)
        #expect(ack.headers.first("CSeq") == "314159 ACK")
        #expect(dialog.localSeq == 314160, "ACK takes no new number")
    }

    @Test func earlyDialogFromProvisional() throws {
        let r = response(180, tag: "t1", recordRoute: [], contact: nil)
        let dialog = try Dialog.asCaller(invite: invite, response: r)
        #expect(dialog.isEarly)
        #expect(dialog.remoteTarget.description == "sip:bob@biloxi.com", "the Request-URI until a Contact comes")
    }

    @Test func responseWithoutToTagMakesNoDialog() {
        let r = invite.makeResponse(180, "Ringing")
        #expect(throws: DialogError.self) { try Dialog.asCaller(invite: invite, response: r) }
    }

    @Test func calleeDialogKeepsRecordRouteOrder() throws {
        var dialog = try Dialog.asCallee(invite: invite, localTag: "bobtag", localContact: "<sip:bob@192.0.2.4>", early: true)
        #expect(dialog.routeSet.map(\.description) == ["<sip:p2.biloxi.com;lr>", "<sip:p1.atlanta.com;lr>"])
        #expect(dialog.remoteTarget.description == "sip:alice@pc33.atlanta.com")
        #expect(dialog.remoteSeq == 314159)
        let bye = dialog.makeRequest(.bye)
        #expect(bye.headers.first("From") == "\"Bob\" <sip:bob@biloxi.com>;tag=bobtag")
        #expect(bye.headers.first("To") == "\"Alice\" <sip:alice@atlanta.com>;tag=1928301774")
        #expect(bye.requestURI == "sip:alice@pc33.atlanta.com")
    }

    @Test func strictRouterBecomesRequestURI() throws {
        var ours = invite
        _ = ours.headers.remove("Record-Route")
        ours.headers.append(name: "Record-Route", value: "<sip:strict.example.com>")
        var dialog = try Dialog.asCallee(invite: ours, localTag: "b", localContact: "<sip:bob@h>", early: false)
        let reinvite = dialog.makeRequest(.invite)
        #expect(reinvite.requestURI == "sip:strict.example.com")
        #expect(reinvite.headers.values("Route").map(String.init) == ["<sip:alice@pc33.atlanta.com>"])
        #expect(reinvite.headers.first("Contact") == "<sip:bob@h>", "re-INVITE refreshes the target")
    }

    @Test func remoteCSeqMustGrow() throws {
        var dialog = try Dialog.asCallee(invite: invite, localTag: "b", localContact: "<sip:bob@h>", early: false)
        func request(_ method: String, _ cseq: UInt32) -> SIPRequest {
            var r = invite
            r.method = SIPMethod(method)
            r.headers.set("CSeq", "\(cseq) \(method)")
            return r
        }
        let same = dialog.acceptRemote(request("BYE", 314159))
        let lower = dialog.acceptRemote(request("BYE", 3))
        let ack = dialog.acceptRemote(request("ACK", 314159))
        let next = dialog.acceptRemote(request("INVITE", 314160))
        #expect(!same, "same number again")
        #expect(!lower, "lower number")
        #expect(ack, "ACK reuses the INVITE's")
        #expect(next)
        #expect(dialog.remoteSeq == 314160)
    }

    @Test func targetRefresh() throws {
        var dialog = try Dialog.asCallee(invite: invite, localTag: "b", localContact: "<sip:bob@h>", early: false)
        var reinvite = invite
        reinvite.headers.set("Contact", "<sip:alice@198.51.100.7:5070>")
        dialog.refreshTarget(from: .request(reinvite))
        #expect(dialog.remoteTarget.description == "sip:alice@198.51.100.7:5070")
    }
}
