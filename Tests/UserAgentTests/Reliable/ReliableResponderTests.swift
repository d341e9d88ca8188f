import Testing
import TestLab
@testable import UserAgent

@Suite(.timeLimit(.minutes(1)))
struct ReliableResponderTests {
    @Test func retransmitsAtT1DoublingFor64T1ThenGivesUp() {
        var responder = ReliableResponder(rseq: 7, inviteCSeq: 1, t1: .milliseconds(500))
        var waits: [Duration] = []
        while let wait = responder.nextWait() { waits.append(wait) }
        #expect(waits == [0.5, 1, 2, 4, 8, 16].map { Duration.milliseconds(Int($0 * 1000)) } + [.milliseconds(500)])
        #expect(waits.reduce(.zero, +) == .seconds(32))
        #expect(responder.gaveUp)
    }

    @Test func aMatchingRAckStopsIt() {
        var responder = ReliableResponder(rseq: 7, inviteCSeq: 3, t1: .milliseconds(500))
        _ = responder.nextWait()
        for wrong in ["8 3 INVITE", "7 2 INVITE", "7 3 BYE", "7 3", ""] {
            let taken = responder.receive(rack: wrong)
            #expect(!taken, "\(wrong)")
        }
        let right = responder.receive(rack: "7  3 invite")
        #expect(right)
        let next = responder.nextWait()
        #expect(next == nil)
        #expect(!responder.gaveUp)
    }
}

/// RFC 3262 as callee: a caller that requires 100rel gets a reliable 180 (RSeq, Require),
/// PRACKs it, and the call is answered. SIPp is the caller.
@Suite(.timeLimit(.minutes(1)))
struct ReliableProvisionalCalleeTests {
    static let scenario: String = {
        let from = "From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]rel[call_number]"
        let via = { (name: String) in "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-[pid]-[call_number]-\(name);rport" }
        return CallScenario.xml("INVITE requiring 100rel", [
            CallScenario.send(["INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0", via("invite"), from,
                               "To: <sip:[service]@[remote_ip]:[remote_port]>", "Call-ID: [call_id]", "CSeq: 1 INVITE",
                               "Contact: <sip:sipp@[local_ip]:[local_port]>", "Max-Forwards: 70", "Require: 100rel",
                               "Supported: 100rel", "Content-Type: application/sdp", "Content-Length: [len]", ""] + CallScenario.sdp,
                              " retrans=\"500\" start_txn=\"invite\""),
            "  <recv response=\"100\" optional=\"true\" response_txn=\"invite\" />\n",
            "  <recv response=\"180\" rrs=\"true\" response_txn=\"invite\">\n"
                + "    <action><ereg regexp=\"[0-9]+\" search_in=\"hdr\" header=\"RSeq:\" assign_to=\"rseq\" check_it=\"true\" /></action>\n"
                + "  </recv>\n",
            CallScenario.send(["PRACK [next_url] SIP/2.0", via("prack"), from, "[last_To:]", "Call-ID: [call_id]", "CSeq: 2 PRACK",
                               "RAck: [$rseq] 1 INVITE", "Max-Forwards: 70", "Content-Length: 0", ""], " start_txn=\"prack\""),
            "  <recv response=\"180\" optional=\"true\" response_txn=\"invite\" />\n",
            "  <recv response=\"200\" response_txn=\"prack\" />\n",
            "  <recv response=\"200\" rrs=\"true\" response_txn=\"invite\" />\n",
            CallScenario.send(["ACK [next_url] SIP/2.0", via("ack"), from, "[last_To:]", "Call-ID: [call_id]", "CSeq: 1 ACK",
                               "Max-Forwards: 70", "Content-Length: 0", ""], " ack_txn=\"invite\""),
            "  <pause milliseconds=\"300\" />\n",
            CallScenario.send(["BYE [next_url] SIP/2.0", via("bye"), from, "[last_To:]", "Call-ID: [call_id]", "CSeq: 3 BYE",
                               "Max-Forwards: 70", "Content-Length: 0", ""], " retrans=\"500\" start_txn=\"bye\""),
            "  <recv response=\"200\" response_txn=\"bye\" />\n",
        ])
    }()

    @Test func aCallerRequiring100relGetsAReliable180() async throws {
        try await Lab.run { lab in
            let bob = try await TestPhone.start("bob", timing: CallMachine.Timing())
            let caller = try await lab.startSIPp("caller", scenario: .xml(Self.scenario), remote: "127.0.0.1:\(bob.port)",
                                                 arguments: ["-s", "bob"])
            let ringing = try await bob.waitForState(.incoming)
            try await Task.sleep(for: .milliseconds(300))
            await bob.send(.answer(call: ringing.id))
            _ = try await bob.waitForState(.established)
            _ = try await bob.waitForState(.terminated)
            let result = try await caller.result()
            #expect(result.succeeded, "\(result.errors)")
            await bob.stop()
        }
    }
}
