import Foundation
import Testing
import TestLab
@testable import UserAgent

/// Call flows that need a peer behaving exactly so: SIPp scenarios as the callee. The
/// scenarios are strict about order, so pipit runs with the standard T1 (500 ms): with the
/// fast test T1 a loaded machine makes it retransmit the INVITE into the script.
@Suite(.timeLimit(.minutes(1)))
struct SIPpCallScenarioTests {
    static let standard = CallMachine.Timing()

    @Test func declinedWith603() async throws {
        try await Lab.run { lab in
            let sipp = try await lab.startSIPp(scenario: .rejectingInvite(status: 603, t1: .milliseconds(100)))
            let alice = try await TestPhone.start("alice", timing: Self.standard)
            await alice.send(.call(target: "sip:bob@\(sipp.address)", account: nil))
            let end = try await alice.waitForState(.terminated)
            #expect(end.end == CallEnd(.declined, code: 603, detail: "Decline"))
            #expect(try await sipp.result().succeeded, "SIPp got its ACK")
            await alice.stop()
        }
    }

    /// A 302 sends the call on to its Contact, here another pipit that answers.
    @Test func redirectedBy302() async throws {
        try await Lab.run { lab in
            let carol = try await TestPhone.start("carol") { $0.autoAnswer = true }
            let redirect = CallScenario.xml("302 to carol", [
                CallScenario.recv("INVITE"),
                CallScenario.send(["SIP/2.0 302 Moved Temporarily", "[last_Via:]", "[last_From:]",
                                   "[last_To:];tag=redir[call_number]", "[last_Call-ID:]", "[last_CSeq:]",
                                   "Contact: <\(carol.uri)>", "Content-Length: 0"]),
                CallScenario.recv("ACK"),
            ])
            let sipp = try await lab.startSIPp(scenario: .xml(redirect))
            let alice = try await TestPhone.start("alice", timing: Self.standard)
            await alice.send(.call(target: "sip:bob@\(sipp.address)", account: nil))
            let up = try await alice.waitForState(.established)
            #expect(up.remoteURI == carol.uri)
            _ = try await carol.waitForState(.established)
            #expect(try await sipp.result().succeeded)
            await alice.send(.hangup(call: nil))
            _ = try await carol.waitForState(.terminated)
            await alice.stop()
            await carol.stop()
        }
    }

    /// Two forks answer (RFC 3261 §13.2.2.4): the first 2xx makes the call, the second is
    /// acknowledged and then ended with BYE. The second 200 goes after the first ACK, built from
    /// the INVITE's saved headers: sent back to back, an ACK arriving between them aborted SIPp
    /// ("unexpected message while sending"), which made the test fail now and then.
    @Test func secondForkAnswerIsAcknowledgedAndHungUp() async throws {
        try await Lab.run { lab in
            func response(_ status: String, _ tag: String, sdp: Bool) -> String {
                CallScenario.send([status, "Via:[$via]", "From:[$from]", "To:[$to];tag=\(tag)[call_number]",
                                   "[last_Call-ID:]", "CSeq:[$cseq]", "Contact: <sip:\(tag)@[local_ip]:[local_port]>"]
                                  + (sdp ? ["Content-Type: application/sdp", "Content-Length: [len]", ""] + CallScenario.sdp
                                         : ["Content-Length: 0"]))
            }
            let saveInvite = "  <recv request=\"INVITE\">\n    <action>"
                + ["Via", "From", "To", "CSeq"].map {
                    "<ereg regexp=\".*\" search_in=\"hdr\" header=\"\($0):\" assign_to=\"\($0.lowercased())\" />"
                }.joined() + "</action>\n  </recv>\n"
            let byeOK = CallScenario.send(["SIP/2.0 200 OK", "[last_Via:]", "[last_From:]", "[last_To:]",
                                           "[last_Call-ID:]", "[last_CSeq:]", "Content-Length: 0"])
            let forks = CallScenario.xml("two forks answer", [
                saveInvite,
                response("SIP/2.0 180 Ringing", "deskA", sdp: false), response("SIP/2.0 180 Ringing", "mobileB", sdp: false),
                response("SIP/2.0 200 OK", "deskA", sdp: true), CallScenario.recv("ACK"),
                response("SIP/2.0 200 OK", "mobileB", sdp: true), CallScenario.recv("ACK"),
                CallScenario.recv("BYE"), byeOK, // the second fork, ended at once
                CallScenario.recv("BYE"), byeOK, // the call, when alice hangs up
            ])
            let sipp = try await lab.startSIPp(scenario: .xml(forks))
            let alice = try await TestPhone.start("alice", timing: Self.standard)
            await alice.send(.call(target: "sip:bob@\(sipp.address)", account: nil))
            _ = try await alice.waitForState(.established)
            try await Task.sleep(for: .milliseconds(300))
            await alice.send(.hangup(call: nil))
            _ = try await alice.waitForState(.terminated)
            let result = try await sipp.result()
            #expect(result.succeeded, "\(result.errors)")
            let byes = result.trace.filter { $0.direction == .received && $0.method == "BYE" }
            #expect(byes.count == 2)
            #expect(byes.first?.header("To")?.contains("mobileB") == true, "the late fork is ended first")
            #expect(byes.last?.header("To")?.contains("deskA") == true)
            await alice.stop()
        }
    }
}

/// Small builders for SIPp XML scenarios written in tests.
enum CallScenario {
    static func xml(_ name: String, _ steps: [String]) -> String {
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n<scenario name=\"\(name)\">\n" + steps.joined() + "</scenario>\n"
    }

    static func recv(_ method: String) -> String { "  <recv request=\"\(method)\" />\n" }

    /// A `<send>` of `lines`; `attributes` such as ` retrans="500" start_txn="invite"`.
    static func send(_ lines: [String], _ attributes: String = "") -> String {
        "  <send\(attributes)>\n    <![CDATA[\n" + lines.map { "      \($0)\n" }.joined() + "\n    ]]>\n  </send>\n"
    }

    static let sdp = [
        "v=0", "o=- 1 1 IN IP[local_ip_type] [local_ip]", "s=-", "c=IN IP[media_ip_type] [media_ip]", "t=0 0",
        "m=audio [media_port] RTP/AVP 0", "a=rtpmap:0 PCMU/8000",
    ]
}

/// Offers pipit cannot use are refused with the status that says why.
@Suite(.timeLimit(.minutes(1)))
struct BadOfferTests {
    static func invite(contentType: String, body: [String]) -> String {
        CallScenario.xml("bad offer", [
            CallScenario.send(["INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0",
                               "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]",
                               "From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]bad[call_number]",
                               "To: <sip:[service]@[remote_ip]:[remote_port]>", "Call-ID: [call_id]", "CSeq: 1 INVITE",
                               "Contact: <sip:sipp@[local_ip]:[local_port]>", "Max-Forwards: 70",
                               "Content-Type: \(contentType)", "Content-Length: [len]", ""] + body),
            "  <recv response=\"100\" optional=\"true\" />\n",
            "  <recv response=\"%CODE%\" />\n",
            CallScenario.send(["ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0",
                               "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]",
                               "From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]bad[call_number]",
                               "[last_To:]", "Call-ID: [call_id]", "CSeq: 1 ACK", "Max-Forwards: 70", "Content-Length: 0", ""]),
        ])
    }

    @Test(arguments: [
        ("text/plain", ["hello"], 415),
        ("application/sdp", ["v=0", "this is not SDP"], 488),
        ("application/sdp", ["v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
                             "m=audio 4000 RTP/AVP 96", "a=rtpmap:96 NOTACODEC/8000"], 488),
    ])
    func refused(contentType: String, body: [String], code: Int) async throws {
        try await Lab.run { lab in
            let alice = try await TestPhone.start("alice")
            let xml = Self.invite(contentType: contentType, body: body).replacingOccurrences(of: "%CODE%", with: "\(code)")
            let sipp = try await lab.startSIPp(scenario: .xml(xml), remote: "127.0.0.1:\(alice.port)", arguments: ["-s", "alice"])
            let result = try await sipp.result()
            #expect(result.succeeded, "\(result.errors)")
            #expect(await !alice.log.events.contains { if case .incomingCall = $0 { true } else { false } })
            await alice.stop()
        }
    }
}
