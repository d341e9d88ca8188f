import Testing
@testable import NAT

@Suite(.timeLimit(.minutes(1)))
struct STUNTransactionTests {
    let t0 = ContinuousClock.now

    /// Ticks at every deadline until the schedule ends; returns the send times in ms.
    private func run(_ schedule: inout STUNRetransmission) -> (sends: [Int64], timeout: Int64?) {
        var sends: [Int64] = [0]
        schedule.start(now: t0)
        for _ in 0..<20 {
            guard let due = schedule.deadline else { break }
            #expect(schedule.tick(now: due - .milliseconds(1)) == .wait)
            let ms = Int64((due - t0) / .milliseconds(1))
            switch schedule.tick(now: due) {
            case .retransmit: sends.append(ms)
            case .timedOut: return (sends, ms)
            case .wait: Issue.record("nothing due at the deadline")
            }
        }
        return (sends, nil)
    }

    @Test func udpScheduleDoublesThenWaitsRmTimesRTO() {
        var schedule = STUNRetransmission(transport: .udp)
        let (sends, timeout) = run(&schedule)
        #expect(sends == [0, 500, 1500, 3500, 7500, 15500, 31500])
        #expect(timeout == 39500)
        #expect(schedule.deadline == nil)
    }

    @Test func tcpSendsOnceAndTimesOutAfter39point5Seconds() {
        var schedule = STUNRetransmission(transport: .tcp)
        let (sends, timeout) = run(&schedule)
        #expect(sends == [0])
        #expect(timeout == 39500)
    }

    @Test func customRTO() {
        var schedule = STUNRetransmission(transport: .udp, rto: .milliseconds(100), maxSends: 3, lastWaitMultiplier: 4)
        let (sends, timeout) = run(&schedule)
        #expect(sends == [0, 100, 300])
        #expect(timeout == 700)
    }

    @Test func bindingClientLearnsMappedAddress() throws {
        var client = STUNBindingClient(software: "pipit")
        let out = client.start(now: t0)
        guard case .send(let bytes) = out.first else { Issue.record("no request"); return }
        let request = try STUNMessage(parsing: bytes)
        #expect(request.method == .binding && request.messageClass == .request)
        #expect(STUNIntegrity.checkFingerprint(bytes) == .valid)
        #expect(client.nextDeadline == t0 + .milliseconds(500))
        #expect(client.tick(now: t0 + .milliseconds(500)) == [.send(bytes)])

        let mapped = try #require(TransportAddress(host: "203.0.113.9", port: 40000))
        // Another transaction's answer is not ours.
        let stranger = STUNMessage(method: .binding, class: .successResponse, attributes: [.xorMappedAddress(mapped)])
        #expect(client.receive(stranger.encoded(), now: t0) == nil)
        let response = STUNMessage(method: .binding, class: .successResponse, transactionID: request.transactionID,
                                   attributes: [.xorMappedAddress(mapped)])
        #expect(client.receive(response.encoded(fingerprint: true), now: t0) == .succeeded(mapped: mapped))
        #expect(client.state == .succeeded(mapped: mapped))
        #expect(client.nextDeadline == nil)
    }

    @Test func bindingClientReportsErrorAndTimeout() throws {
        var client = STUNBindingClient()
        guard case .send(let bytes) = client.start(now: t0).first else { return }
        let id = try STUNMessage(parsing: bytes).transactionID
        let error = STUNMessage(method: .binding, class: .errorResponse, transactionID: id,
                                attributes: [.errorCode(code: 400, reason: "Bad Request")])
        let result = client.receive(error.encoded(), now: t0)
        #expect(result == .failed(.errorResponse(code: 400, reason: "Bad Request")))
        #expect(STUNBindingClient.Failure.errorResponse(code: 400, reason: "Bad Request").description
            == "STUN server refused the binding request: 400 Bad Request")

        var silent = STUNBindingClient()
        _ = silent.start(now: t0)
        var sends = 1, failed = false
        while let due = silent.nextDeadline {
            for output in silent.tick(now: due) {
                if case .send = output { sends += 1 }
                if output == .failed(.timeout) { failed = true; #expect(due == t0 + .milliseconds(39_500)) }
            }
        }
        #expect(sends == 7 && failed)
    }

    @Test func keepAliveIsAnIndicationWithFingerprint() throws {
        let bytes = STUNBindingClient.keepAlive()
        let message = try STUNMessage(parsing: bytes)
        #expect(message.method == .binding && message.messageClass == .indication)
        #expect(STUNIntegrity.checkFingerprint(bytes) == .valid)
    }
}
