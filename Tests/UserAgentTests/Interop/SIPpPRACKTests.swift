import Testing
import TestLab
@testable import UserAgent

/// RFC 3262 as UAC against SIPp: a reliable 183 with SDP is PRACKed with the right RAck,
/// early media starts, and the BYE's CSeq counts on after the PRACK's.
@Suite(.timeLimit(.minutes(1)))
struct SIPpPRACKTests {
    @Test func reliable183IsAcknowledged() async throws {
        try await Lab.run { lab in
            let tag = "[last_To:];tag=rel[call_number]"
            let scenario = CallScenario.xml("reliable 183", [
                "  <recv request=\"INVITE\">\n    <action><ereg regexp=\"[0-9]+\" search_in=\"hdr\" header=\"CSeq:\" assign_to=\"icseq\" /><ereg regexp=\".*\" search_in=\"hdr\" header=\"Via:\" assign_to=\"invia\" /></action>\n  </recv>\n",
                CallScenario.send(["SIP/2.0 183 Session Progress", "[last_Via:]", "[last_From:]", tag, "[last_Call-ID:]", "[last_CSeq:]",
                                   "Contact: <sip:rel@[local_ip]:[local_port]>", "Require: 100rel", "RSeq: 5",
                                   "Content-Type: application/sdp", "Content-Length: [len]", ""] + CallScenario.sdp),
                // The PRACK must acknowledge RSeq 5 of this INVITE.
                "  <recv request=\"PRACK\">\n    <action><ereg regexp=\"^ *5 1 INVITE\" search_in=\"hdr\" header=\"RAck:\" check_it=\"true\" assign_to=\"rack\" /></action>\n  </recv>\n",
                CallScenario.send(["SIP/2.0 200 OK", "[last_Via:]", "[last_From:]", "[last_To:]", "[last_Call-ID:]", "[last_CSeq:]",
                                   "Content-Length: 0", ""]),
                CallScenario.send(["SIP/2.0 200 OK", "Via: [$invia]", "[last_From:]", "[last_To:]", "[last_Call-ID:]", "CSeq: [$icseq] INVITE",
                                   "Contact: <sip:rel@[local_ip]:[local_port]>",
                                   "Content-Type: application/sdp", "Content-Length: [len]", ""] + CallScenario.sdp),
                CallScenario.recv("ACK"),
                "  <recv request=\"BYE\">\n    <action><ereg regexp=\"[0-9]+\" search_in=\"hdr\" header=\"CSeq:\" assign_to=\"byecseq\" /></action>\n  </recv>\n",
                CallScenario.send(["SIP/2.0 200 OK", "[last_Via:]", "[last_From:]", "[last_To:]", "[last_Call-ID:]", "[last_CSeq:]",
                                   "Content-Length: 0", ""]),
                "  <Reference variables=\"rack,byecseq\" />\n",
            ])
            let sipp = try await lab.startSIPp(scenario: .xml(scenario))
            let alice = try await TestPhone.start("alice", timing: SIPpCallScenarioTests.standard)
            await alice.send(.call(target: "sip:bob@\(sipp.address)", account: nil))
            _ = try await alice.waitForState(.earlyMedia)
            let up = try await alice.waitForState(.established)
            // The ACK leaves on its own task; SIPp insists on seeing it before the BYE.
            try await Task.sleep(for: .milliseconds(200))
            await alice.send(.hangup(call: up.id))
            _ = try await alice.waitForState(.terminated)
            let result = try await sipp.result()
            #expect(result.succeeded, "\(result.errors)")
            // INVITE 1, PRACK 2, BYE 3: the BYE counts on from the PRACK.
            #expect(result.messages.contains("CSeq: 2 PRACK"), "\(result.messages)")
            #expect(result.messages.contains("CSeq: 3 BYE"))
            await alice.stop()
        }
    }
}
