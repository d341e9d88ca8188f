import Testing
import TestLab
@testable import UserAgent

/// RFC 3311 §5.2 as callee: before the answer, an UPDATE with a new offer is refused with
/// 500 and a Retry-After of 0–10 s (the INVITE's offer is still unanswered); one without
/// an offer is taken. SIPp is the caller.
@Suite(.timeLimit(.minutes(1)))
struct EarlyUpdateTests {
    static let scenario: String = {
        let from = "From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]upd[call_number]"
        let via = { (name: String) in "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-[pid]-[call_number]-\(name);rport" }
        return CallScenario.xml("UPDATE before the answer", [
            CallScenario.send(["INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0", via("invite"), from,
                  "To: <sip:[service]@[remote_ip]:[remote_port]>", "Call-ID: [call_id]", "CSeq: 1 INVITE",
                  "Contact: <sip:sipp@[local_ip]:[local_port]>", "Max-Forwards: 70", "Allow: INVITE, ACK, BYE, CANCEL, UPDATE",
                  "Content-Type: application/sdp", "Content-Length: [len]", ""] + CallScenario.sdp, " retrans=\"500\" start_txn=\"invite\""),
            "  <recv response=\"100\" optional=\"true\" response_txn=\"invite\" />\n",
            "  <recv response=\"180\" rrs=\"true\" response_txn=\"invite\" />\n",
            CallScenario.send(["UPDATE [next_url] SIP/2.0", via("offer"), from, "[last_To:]", "Call-ID: [call_id]", "CSeq: 2 UPDATE",
                  "Contact: <sip:sipp@[local_ip]:[local_port]>", "Max-Forwards: 70",
                  "Content-Type: application/sdp", "Content-Length: [len]", ""] + CallScenario.sdp, " start_txn=\"offer\""),
            "  <recv response=\"500\" response_txn=\"offer\">\n"
                + "    <action><ereg regexp=\"[0-9]+\" search_in=\"hdr\" header=\"Retry-After:\" check_it=\"true\" assign_to=\"retry\" /></action>\n"
                + "  </recv>\n",
            CallScenario.send(["UPDATE [next_url] SIP/2.0", via("refresh"), from, "[last_To:]", "Call-ID: [call_id]", "CSeq: 3 UPDATE",
                  "Contact: <sip:sipp@[local_ip]:[local_port]>", "Max-Forwards: 70", "X-Retry-After-Was: [$retry]",
                  "Content-Length: 0", ""], " start_txn=\"refresh\""),
            "  <recv response=\"200\" response_txn=\"refresh\" />\n",
            "  <recv response=\"200\" rrs=\"true\" response_txn=\"invite\" />\n",
            CallScenario.send(["ACK [next_url] SIP/2.0", via("ack"), from, "[last_To:]", "Call-ID: [call_id]", "CSeq: 1 ACK",
                  "Max-Forwards: 70", "Content-Length: 0", ""], " ack_txn=\"invite\""),
            "  <pause milliseconds=\"200\" />\n",
            CallScenario.send(["BYE [next_url] SIP/2.0", via("bye"), from, "[last_To:]", "Call-ID: [call_id]", "CSeq: 4 BYE",
                  "Max-Forwards: 70", "Content-Length: 0", ""], " retrans=\"500\" start_txn=\"bye\""),
            "  <recv response=\"200\" response_txn=\"bye\" />\n",
        ])
    }()

    @Test func anOfferBeforeTheAnswerWaitsARefreshIsTaken() async throws {
        try await Lab.run { lab in
            let bob = try await TestPhone.start("bob", timing: CallMachine.Timing())
            let caller = try await lab.startSIPp("caller", scenario: .xml(Self.scenario), remote: "127.0.0.1:\(bob.port)",
                                                 arguments: ["-s", "bob"])
            let ringing = try await bob.waitForState(.incoming)
            // SIPp's two UPDATEs come right after the 180.
            try await Task.sleep(for: .milliseconds(500))
            await bob.send(.answer(call: ringing.id))
            _ = try await bob.waitForState(.established)
            _ = try await bob.waitForState(.terminated)
            let result = try await caller.result()
            #expect(result.succeeded, "\(result.errors)")
            await bob.stop()
        }
    }
}
