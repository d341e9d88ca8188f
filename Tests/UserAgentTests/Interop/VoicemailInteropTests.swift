import Foundation
import SIPMessage
import Testing
import TestLab
@testable import UserAgent

/// Voicemail indication against SIPp as the notifier, and an unsolicited NOTIFY as
/// Asterisk sends it.
@Suite(.timeLimit(.minutes(1)))
struct VoicemailInteropTests {
    static func notify(_ summary: [String], state: String) -> String {
        CallScenario.send(["NOTIFY [next_url] SIP/2.0", "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]",
                           "From: <sip:vm@[local_ip]:[local_port]>;tag=vm[call_number]", "To: [$from]", "Call-ID: [call_id]",
                           "CSeq: [cseq] NOTIFY", "Max-Forwards: 70", "Contact: <sip:vm@[local_ip]:[local_port]>",
                           "Event: message-summary", "Subscription-State: \(state)",
                           "Content-Type: application/simple-message-summary", "Content-Length: [len]", ""] + summary)
    }

    static func ok(expires: Int) -> String {
        CallScenario.send(["SIP/2.0 200 OK", "[last_Via:]", "[last_From:]", "[last_To:];tag=vm[call_number]", "[last_Call-ID:]",
                           "[last_CSeq:]", "Contact: <sip:vm@[local_ip]:[local_port]>", "Expires: \(expires)", "Content-Length: 0", ""])
    }

    /// SUBSCRIBE answered with Expires 6 (so it is refreshed after about 1 s, in the
    /// dialog), a NOTIFY with counts; then `voicemail` calls the announced address; at
    /// quit the subscription ends with Expires 0.
    @Test func subscribeNotifyRefreshAndCallVoicemail() async throws {
        try await Lab.run { lab in
            let bob = try await TestPhone.start("bob")
            let scenario = CallScenario.xml("mwi notifier", [
                // rrs: [next_url] is the SUBSCRIBE's Contact; the From becomes the NOTIFY's To.
                "  <recv request=\"SUBSCRIBE\" rrs=\"true\">\n    <action><ereg regexp=\".*\" search_in=\"hdr\" header=\"From:\" assign_to=\"from\" /></action>\n  </recv>\n",
                Self.ok(expires: 6),
                Self.notify(["Messages-Waiting: yes", "Message-Account: \(bob.uri)", "Voice-Message: 2/8 (1/0)"], state: "active;expires=6"),
                "  <recv response=\"200\" />\n",
                // The refresh, granted long enough that the next SUBSCRIBE is the unsubscribe.
                "  <recv request=\"SUBSCRIBE\" />\n", Self.ok(expires: 600),
                // The unsubscribe at quit (a refresh could come first on a slow run).
                "  <recv request=\"SUBSCRIBE\">\n    <action><ereg regexp=\"Expires: *0\\r\" search_in=\"msg\" check_it=\"true\" assign_to=\"unsubscribe\" /></action>\n  </recv>\n",
                // (SIPp wants every variable used twice: it is echoed back.)
                CallScenario.send(["SIP/2.0 200 OK", "[last_Via:]", "[last_From:]", "[last_To:]", "[last_Call-ID:]",
                                   "[last_CSeq:]", "Expires: 0", "X-Seen: [$unsubscribe]", "Content-Length: 0", ""]),
            ])
            let sipp = try await lab.startSIPp(scenario: .xml(scenario))
            let alice = try await TestPhone.start("alice", timing: SIPpCallScenarioTests.standard) { account in
                account.uri = (try? SIPURI.parse("sip:alice@\(sipp.address)")) ?? account.uri
                account.mwi = true
            }
            let event = try await alice.log.waitFor("voicemail", timeout: .seconds(5)) {
                if case .voicemail = $0 { true } else { false }
            }
            guard case .voicemail(let account, let summary) = event else { return }
            #expect(account == "alice")
            #expect(summary == MessageSummary(waiting: true, account: bob.uri, newMessages: 2, oldMessages: 8, newUrgent: 1))
            // The refresh first (about 1 s after the 6 s grant), then the rest: the
            // unsubscribe at quit must not stand in for it.
            try await Task.sleep(for: .milliseconds(1800))
            await alice.send(.voicemail(account: nil))
            _ = try await bob.waitForState(.incoming)
            await alice.send(.hangup(call: nil))
            _ = try await bob.waitForState(.terminated)
            await alice.stop()
            let result = try await sipp.result(timeout: .seconds(10))
            #expect(result.succeeded, "SIPp saw the refresh and the unsubscribe: \(result.errors)")
            await bob.stop()
        }
    }

    @Test func unsolicitedNotifyIsShown() async throws {
        let alice = try await TestPhone.start("alice")
        let body = "Messages-Waiting: yes\r\nVoice-Message: 1/0\r\n"
        let request = [
            "NOTIFY sip:alice@127.0.0.1:\(alice.port) SIP/2.0",
            "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-mwi\(UInt32.random(in: 0...UInt32.max));rport",
            "Max-Forwards: 70", "From: <sip:asterisk@127.0.0.1>;tag=a1", "To: <sip:alice@127.0.0.1:\(alice.port)>",
            "Call-ID: mwi-\(UUID().uuidString)", "CSeq: 1 NOTIFY", "Event: message-summary",
            "Content-Type: application/simple-message-summary", "Content-Length: \(body.utf8.count)", "", body,
        ].joined(separator: "\r\n")
        let response = try SIPProbe.exchange(request, transport: .udp, host: "127.0.0.1", port: Int(alice.port))
        #expect(response.hasPrefix("SIP/2.0 200 OK"))
        try await alice.log.waitFor("shown", timeout: .seconds(2)) {
            $0 == .voicemail(account: "alice", MessageSummary(waiting: true, newMessages: 1))
        }
        let other = request.replacingOccurrences(of: "Event: message-summary", with: "Event: presence")
            .replacingOccurrences(of: "branch=z9hG4bK-mwi", with: "branch=z9hG4bK-pres")
        #expect(try SIPProbe.exchange(other, transport: .udp, host: "127.0.0.1", port: Int(alice.port)).hasPrefix("SIP/2.0 489"))
        await alice.stop()
    }
}
