import Foundation
import Testing
import TestLab

/// The ready-made transaction-layer scenarios, each proved against SIPp itself: SIPp's
/// client transaction (retransmissions on, T1 = 500 ms) against the lab's server
/// scenarios, and the lab's client scenarios against SIPp servers.
@Suite struct SIPpScenarioTests {
    /// Whether the measured `gaps` are the `expected` seconds, each within tolerance: a
    /// retransmission is never early (a few ms of clock rounding aside) and may be late
    /// when the machine is busy.
    static func matches(_ gaps: [Double], _ expected: [Double]) -> Bool {
        gaps.count == expected.count && zip(gaps, expected).allSatisfy { $0 >= $1 - 0.05 && $0 <= $1 + 0.25 }
    }

    static func isOptions(_ message: SIPp.TracedMessage) -> Bool { message.method == "OPTIONS" && message.status == nil }

    /// (a) The server ignores two copies, so the client retransmits twice: 500 ms, then 1 s.
    @Test(.timeLimit(.minutes(1)))
    func ignoringFirstCopiesMakesTheClientRetransmit() async throws {
        try await Lab.run { lab in
            let uas = try await lab.startSIPp("uas", scenario: .ignoringFirst(2))
            let uac = try await lab.startSIPp("uac", scenario: .requestClient(), remote: uas.address,
                                              arguments: ["-recv_timeout", "10000"])
            let client = try await uac.result()
            let server = try await uas.result()
            try #require(client.succeeded, "\(client.status)\n\(client.errors)\n\(client.messages)")
            try #require(server.succeeded, "\(server.status)\n\(server.errors)\n\(server.messages)")
            let received = server.traced(.received, where: Self.isOptions)
            try #require(received.count == 3, "\(server.messages)")
            #expect(Set(received.map(\.text)).count == 1, "the copies are byte for byte the same")
            let gaps = server.gaps(.received, where: Self.isOptions)
            #expect(Self.matches(gaps, [0.5, 1.0]), "\(gaps)")
            #expect(Self.matches(client.gaps(.sent, where: Self.isOptions), [0.5, 1.0]))
            #expect(server.traced(.sent).map(\.status) == [200])
            #expect(client.traced(.received).map(\.status) == [200])
            #expect((client.cumulative("Retransmissions") ?? 0) >= 2, "\(client.statistics)")
        }
    }

    /// (b) The server sends its 200 twice; the client sees the duplicate.
    @Test(.timeLimit(.minutes(1)))
    func answeringTwiceDuplicatesTheResponse() async throws {
        try await Lab.run { lab in
            let uas = try await lab.startSIPp("uas", scenario: .answeringTwice())
            let uac = try await lab.startSIPp("uac", scenario: .requestClient(linger: .milliseconds(300)), remote: uas.address,
                                              arguments: ["-recv_timeout", "10000"])
            let client = try await uac.result()
            let server = try await uas.result()
            try #require(client.succeeded && server.succeeded, "\(client.errors)\n\(server.errors)")
            let answers = client.traced(.received) { $0.status == 200 }
            try #require(answers.count == 2, "\(client.messages)")
            #expect(answers[0].text == answers[1].text)
            #expect(client.traced(.sent).count == 1)
        }
    }

    /// (c) 100 Trying at once, the 200 after 1.5 s.
    @Test(.timeLimit(.minutes(1)))
    func tryingThenDelayedFinal() async throws {
        try await Lab.run { lab in
            let uas = try await lab.startSIPp("uas", scenario: .tryingThenDelayed(.milliseconds(1500)))
            let uac = try await lab.startSIPp("uac", scenario: .requestClient(), remote: uas.address,
                                              arguments: ["-recv_timeout", "10000"])
            let client = try await uac.result()
            let server = try await uas.result()
            try #require(client.succeeded && server.succeeded, "\(client.errors)\n\(server.errors)\n\(server.messages)")
            let received = client.traced(.received)
            try #require(received.map(\.status) == [100, 200], "\(client.messages)")
            let request = try #require(client.traced(.sent).first)
            #expect(received[0].time - request.time < 0.2)
            let delay = received[1].time - request.time
            #expect(delay >= 1.45 && delay <= 1.8, "\(delay)")
            #expect(received[0].header("To")?.contains("tag=") == false)
        }
    }

    /// (d) 486 is retransmitted (500 ms later) until the ACK, which reuses the INVITE's branch.
    @Test(.timeLimit(.minutes(1)))
    func rejectingInviteRetransmitsUntilACK() async throws {
        try await Lab.run { lab in
            let uas = try await lab.startSIPp("uas", scenario: .rejectingInvite(status: 486))
            let uac = try await lab.startSIPp("uac", scenario: .inviteClient(expect: 486, ignoringFirst: 1), remote: uas.address,
                                              arguments: ["-recv_timeout", "10000"])
            let client = try await uac.result()
            let server = try await uas.result()
            try #require(client.succeeded && server.succeeded,
                         "\(client.errors)\n\(client.messages)\n\(server.errors)\n\(server.messages)")
            let rejections = server.traced(.sent) { $0.status == 486 }
            try #require(rejections.count == 2, "\(server.messages)")
            #expect(Self.matches(server.gaps(.sent) { $0.status == 486 }, [0.5]))
            let invite = try #require(server.traced(.received) { $0.method == "INVITE" }.first)
            let ack = try #require(server.traced(.received) { $0.method == "ACK" }.first)
            #expect(ack.time > rejections[1].time)
            #expect(ack.header("Via") == invite.header("Via"))
            #expect(ack.header("To") == rejections[0].header("To"))
        }
    }

    /// (e) 200 to INVITE is retransmitted until the ACK (a new transaction), then BYE.
    @Test(.timeLimit(.minutes(1)))
    func acceptingInviteRetransmits200UntilACK() async throws {
        try await Lab.run { lab in
            let uas = try await lab.startSIPp("uas", scenario: .acceptingInvite(expectBye: true))
            let uac = try await lab.startSIPp("uac", scenario: .inviteClient(expect: 200, ignoringFirst: 2, bye: true),
                                              remote: uas.address, arguments: ["-recv_timeout", "10000"])
            let client = try await uac.result()
            let server = try await uas.result()
            try #require(client.succeeded && server.succeeded,
                         "\(client.errors)\n\(client.messages)\n\(server.errors)\n\(server.messages)")
            let oks = server.gaps(.sent) { $0.status == 200 && $0.method == "INVITE" }
            #expect(Self.matches(oks, [0.5, 1.0]), "\(oks)")
            #expect(server.traced(.received).compactMap(\.method) == ["INVITE", "ACK", "BYE"])
            let invite = try #require(server.traced(.received).first)
            let ack = try #require(server.traced(.received) { $0.method == "ACK" }.first)
            #expect(ack.header("Via") != invite.header("Via"))
            #expect(ack.startLine.hasPrefix("ACK sip:\(uas.address)"),
                    "\(ack.startLine)")
            #expect(invite.header("Content-Type") == "application/sdp")
            let byeAnswer = try #require(server.traced(.sent).last)
            #expect(byeAnswer.method == "BYE" && byeAnswer.header("To")?.components(separatedBy: "tag=").count == 2,
                    "\(byeAnswer.text)")
        }
    }

    /// (g) Three identical copies 300 ms apart each get the server's 200 (SIPp's server
    /// absorbs them: its scenario ran once).
    @Test(.timeLimit(.minutes(1)))
    func retransmittingClientSendsIdenticalCopies() async throws {
        try await Lab.run { lab in
            let uas = try await lab.startSIPp("uas", scenario: .answering(linger: .seconds(1)))
            let uac = try await lab.startSIPp("uac", scenario: .retransmittingClient(copies: 3, interval: .milliseconds(300)),
                                              remote: uas.address, arguments: ["-recv_timeout", "10000"])
            let client = try await uac.result()
            let server = try await uas.result()
            try #require(client.succeeded && server.succeeded, "\(client.errors)\n\(server.errors)\n\(client.messages)")
            let copies = client.traced(.sent)
            try #require(copies.count == 3)
            #expect(Set(copies.map(\.text)).count == 1)
            #expect(Self.matches(client.gaps(.sent), [0.3, 0.3]), "\(client.gaps(.sent))")
            #expect(client.traced(.received).map(\.status) == [200, 200, 200])
            #expect(server.traced(.sent).count == 3)
            #expect(server.cumulative("SuccessfulCall") == 1)
        }
    }

    /// (f) A load: 40 OPTIONS at 40 per second, at most 10 at once, all answered.
    @Test(.timeLimit(.minutes(1)))
    func requestClientRunsALoad() async throws {
        try await Lab.run { lab in
            let uas = try await lab.startSIPp("uas", scenario: .answering(linger: .zero), calls: 40)
            let uac = try await lab.startSIPp("uac", scenario: .requestClient(), remote: uas.address, calls: 40,
                                              arguments: SIPp.load(rate: 40, limit: 10))
            let client = try await uac.result()
            let server = try await uas.result()
            try #require(client.succeeded && server.succeeded, "\(client.errors)\n\(server.errors)")
            #expect(client.cumulative("SuccessfulCall") == 40, "\(client.statistics)")
            #expect(client.cumulative("FailedCall") == 0)
            #expect(Set(client.traced(.sent).compactMap { $0.header("Call-ID") }).count == 40)
        }
    }

    /// The same over IPv6 loopback: both SIPps on ::1.
    @Test(.timeLimit(.minutes(1)))
    func scenariosRunOverIPv6() async throws {
        try await Lab.run { lab in
            let uas = try await lab.startSIPp("uas6", scenario: .ignoringFirst(1), host: "::1")
            #expect(uas.address.hasPrefix("[::1]:"))
            let uac = try await lab.startSIPp("uac6", scenario: .requestClient(), host: "::1", remote: uas.address,
                                              arguments: ["-recv_timeout", "10000"])
            let client = try await uac.result()
            let server = try await uas.result()
            try #require(client.succeeded && server.succeeded, "\(client.errors)\n\(server.errors)")
            let request = try #require(server.traced(.received).first)
            #expect(request.header("Via")?.contains("[::1]:") == true, "\(request.text)")
            #expect(Self.matches(server.gaps(.received), [0.5]))
        }
    }

    /// The trace parser reads SIPp's `-trace_msg` blocks and their timestamps.
    @Test func parsesTraceBlocks() {
        let log = """
        ----------------------------------------------- 2026-11-22 04:45:57.125572
        UDP message sent (20 bytes):

        OPTIONS sip:a@b SIP/2.0\r
        CSeq: 1 OPTIONS\r
        \r

        ----------------------------------------------- 2026-11-23 00:00:00.000001
        UDP message received [30] bytes :

        SIP/2.0 200 OK\r
        cseq: 1 OPTIONS\r
        \r


        """
        let trace = SIPp.parseTrace(log)
        #expect(trace.count == 2)
        #expect(trace.first?.direction == .sent && trace.first?.method == "OPTIONS" && trace.first?.status == nil)
        #expect(trace.last?.direction == .received && trace.last?.status == 200 && trace.last?.method == "OPTIONS")
        #expect(trace.first?.text == "OPTIONS sip:a@b SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n")
        let gap = (trace.last?.time ?? 0) - (trace.first?.time ?? 0)
        #expect(abs(gap - (86400 - (4 * 3600 + 45 * 60 + 57.125572) + 0.000001)) < 1e-5)
        #expect(SIPp.parseTrace("garbage\n-----------------------------------------------  x\n").isEmpty)
    }
}
