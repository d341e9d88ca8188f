import NIOPosix
import SIPMessage
import TestLab
import Testing

@testable import SIPStack

/// The transaction layer on the wire, against SIPp scenarios that drop, delay and
/// duplicate: retransmission timing (within tolerance), absorption, the non-2xx ACK.
@Suite(.timeLimit(.minutes(1))) struct WireInteropTests {
    static func stack(timers: TransactionTimers = .init()) async throws -> (SIPStack, BoundListener) {
        var configuration = SIPStack.Configuration()
        configuration.listen = ["udp:127.0.0.1:0"]
        configuration.timers = timers
        let stack = SIPStack(eventLoop: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration)
        let bound = try await stack.start()
        return (stack, try #require(bound.first))
    }

    static func target(_ sipp: SIPp) -> SIPTarget {
        SIPTarget(transport: .udp, address: sipp.host, port: UInt16(sipp.port))
    }

    static func invite(to uri: String, contact: BoundListener) -> SIPRequest {
        var headers = SIPHeaders()
        headers.append(name: "Max-Forwards", value: "70")
        headers.append(name: "From", value: "<sip:alice@127.0.0.1>;tag=inv1")
        headers.append(name: "To", value: "<\(uri)>")
        headers.append(name: "Call-ID", value: "wire-\(UInt64.random(in: 0...UInt64.max))")
        headers.append(name: "CSeq", value: "1 INVITE")
        headers.append(name: "Contact", value: "<sip:alice@127.0.0.1:\(contact.port)>")
        headers.append(name: "Content-Length", value: "0")
        return SIPRequest(method: .invite, requestURI: uri, headers: headers)
    }

    /// Each copy's arrival, counted from the first, within −50 ms / +300 ms of where the
    /// expected gaps put it. Cumulative, so one late reading on a loaded CI box does not
    /// also fail the gap after it; a wrong interval still shows.
    static func within(_ gaps: [Double], _ expected: [Double]) -> Bool {
        let arrivals = gaps.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) }
        let planned = expected.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) }
        return arrivals.count == planned.count
            && zip(arrivals, planned).allSatisfy { $0 >= $1 - 0.05 && $0 <= $1 + 0.3 }
    }

    @Test func aLostRequestIsRetransmittedAtT1Doubling() async throws {
        try await Lab.run { lab in
            let uas = try await lab.startSIPp("uas", scenario: .ignoringFirst(3))
            let (stack, _) = try await Self.stack()
            let request = try StackTests.options(to: "sip:service@\(uas.address)")
            let final = try await StackRequests.final(stack.send(request, to: [Self.target(uas)]))
            #expect(final?.statusCode == 200)
            let result = try await uas.result()
            try #require(result.succeeded, "\(result.errors)")
            let gaps = result.gaps(.received) { $0.startLine.hasPrefix("OPTIONS") }
            #expect(Self.within(gaps, [0.5, 1.0, 2.0]), "gaps on the wire: \(gaps)")
            try await stack.shutdown()
        }
    }

    @Test func aProvisionalStopsRetransmissionsAndTheFinalCompletes() async throws {
        try await Lab.run { lab in
            let uas = try await lab.startSIPp("uas", scenario: .tryingThenDelayed(.milliseconds(1500)))
            let (stack, _) = try await Self.stack()
            var codes: [Int] = []
            for try await response in stack.send(try StackTests.options(to: "sip:service@\(uas.address)"), to: [Self.target(uas)]) {
                codes.append(response.statusCode)
            }
            #expect(codes.first == 100 && codes.last == 200 && codes.filter { $0 >= 200 }.count == 1, "\(codes)")
            let result = try await uas.result()
            try #require(result.succeeded, "\(result.errors)")
            // §17.1.2.2: timer E, armed at T1 before the 100 came, fires once more; from then
            // on it is T2 (4 s), so no further copy before the final at 1.5 s.
            let gaps = result.gaps(.received) { $0.startLine.hasPrefix("OPTIONS") }
            #expect(Self.within(gaps, [0.5]), "gaps on the wire: \(gaps)")
            try await stack.shutdown()
        }
    }

    @Test func aDuplicatedFinalResponseIsAbsorbed() async throws {
        try await Lab.run { lab in
            let uas = try await lab.startSIPp("uas", scenario: .answeringTwice())
            let (stack, _) = try await Self.stack()
            var codes: [Int] = []
            for try await response in stack.send(try StackTests.options(to: "sip:service@\(uas.address)"), to: [Self.target(uas)]) {
                codes.append(response.statusCode)
            }
            #expect(codes == [200])
            _ = try await uas.result()
            try await stack.shutdown()
        }
    }

    @Test func aRejectedInviteIsAcknowledgedInItsTransaction() async throws {
        try await Lab.run { lab in
            let uas = try await lab.startSIPp("uas", scenario: .rejectingInvite(status: 486))
            let (stack, listener) = try await Self.stack()
            let invite = Self.invite(to: "sip:service@\(uas.address)", contact: listener)
            let final = try await StackRequests.final(stack.send(invite, to: [Self.target(uas)]))
            #expect(final?.statusCode == 486)
            let result = try await uas.result()
            try #require(result.succeeded, "SIPp got no ACK: \(result.errors)")
            let received = result.traced(.received)
            let inviteBranch = received.first { $0.startLine.hasPrefix("INVITE") }.flatMap { Self.branch(of: $0.text) }
            let ackBranch = received.first { $0.startLine.hasPrefix("ACK") }.flatMap { Self.branch(of: $0.text) }
            #expect(inviteBranch != nil && ackBranch == inviteBranch, "§17.1.1.3: the ACK reuses the INVITE's branch")
            try await stack.shutdown()
        }
    }

    @Test func retransmittedRequestsReachTheUAOnceAndGetTheSameAnswer() async throws {
        try await Lab.run { lab in
            let (stack, listener) = try await Self.stack()
            let seen = Counter()
            Task {
                for await incoming in stack.incomingRequests {
                    await seen.add()
                    incoming.respond(200, "OK", toTag: "uas")
                }
            }
            let uac = try await lab.startSIPp("uac", scenario: .retransmittingClient(copies: 3, interval: .milliseconds(300)),
                                              remote: "127.0.0.1:\(listener.port)")
            let result = try await uac.result()
            try #require(result.succeeded, "\(result.errors)")
            #expect(result.traced(.received) { $0.status == 200 }.count == 3)
            #expect(await seen.value == 1)
            try await stack.shutdown()
        }
    }

    static func branch(of message: String) -> String? {
        guard let parsed = try? SIPMessage.parse(message), let via = try? parsed.via.first else { return nil }
        return via.branch
    }
}

actor Counter {
    private(set) var value = 0
    func add() { value += 1 }
}
