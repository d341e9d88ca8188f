import SIPMessage
import Testing
@testable import SIPStack

/// Routing, stray messages, RFC 2543 ACKs, CANCEL and bounds of the table.
@Suite struct TransactionTableTests {
    @Test func clientInviteThroughTheTable() throws {
        var table = TransactionTable()
        let invite = TestMessages.invite()
        let (key, started) = try table.startClient(invite, reliable: false)
        #expect(started.first == .transaction(key, .send(.request(invite))))
        #expect(table.count == 1)

        let ringing = TestMessages.response(180, to: invite)
        #expect(table.receive(.response(ringing)) == [
            .transaction(key, .cancelTimer(.A)), .transaction(key, .cancelTimer(.B)), .transaction(key, .deliver(ringing)),
        ])
        let ok = TestMessages.response(200, to: invite)
        #expect(table.receive(.response(ok))
            == [.transaction(key, .deliver(ok)), .transaction(key, .startTimer(.M, after: .seconds(32)))])
        #expect(table.receive(.response(ok)) == [.transaction(key, .deliver(ok))])
        #expect(table.phase(of: key) == .accepted)

        #expect(table.timerFired(key, .M) == [.transaction(key, .terminated)])
        #expect(table.count == 0)
        #expect(table.phase(of: key) == nil)
        // Once the transaction is gone a 2xx goes to the dialog hook; other strays are dropped.
        #expect(table.receive(.response(ok)) == [.stray2xx(ok)])
        let late = TestMessages.response(486, to: invite)
        #expect(table.receive(.response(late)) == [.strayResponse(late)])
        #expect(table.timerFired(key, .A) == [])
    }

    @Test func clientNonInviteRefusesDuplicatesAndACK() throws {
        var table = TransactionTable()
        let options = TestMessages.options()
        let (key, _) = try table.startClient(options, reliable: true)
        #expect(throws: TransactionTableError.duplicate(key)) { try table.startClient(options, reliable: true) }
        #expect(throws: TransactionTableError.unmatchable(.ackHasNoTransaction)) {
            try table.startClient(TestMessages.request("ACK"), reliable: true)
        }
        let ok = TestMessages.response(200, to: options)
        #expect(table.receive(.response(ok))
            == [.transaction(key, .cancelTimer(.F)), .transaction(key, .deliver(ok)), .transaction(key, .terminated)])
        #expect(table.count == 0)
    }

    @Test func serverInviteNewRequestRetransmissionAndAck() throws {
        var table = TransactionTable()
        let invite = TestMessages.invite()
        let key = try TransactionKey.server(receiving: invite)
        #expect(table.receive(.request(invite))
            == [.newRequest(key, invite), .transaction(key, .startTimer(.trying100, after: ms(200)))])
        let trying = table.timerFired(key, .trying100)
        #expect(trying.count == 1)
        #expect(table.receive(.request(invite)) == trying)

        let busy = TestMessages.response(486, to: invite)
        let sent = try table.respond(key, busy)
        #expect(sent.contains(.transaction(key, .send(.response(busy)))))
        #expect(sent.contains(.transaction(key, .startTimer(.G, after: ms(500)))))
        let ack = TestMessages.request("ACK", toTag: "a6c85cf")
        #expect(table.receive(.request(ack)).contains(.transaction(key, .startTimer(.I, after: .seconds(5)))))
        #expect(table.phase(of: key) == .confirmed)
        #expect(table.transitions(of: key).map(\.description)
            == ["Idle → Proceeding (request received)", "Proceeding → Completed (486 from TU)",
                "Completed → Confirmed (ACK received)"])
        #expect(table.timerFired(key, .I) == [.transaction(key, .terminated)])
        #expect(throws: TransactionTableError.noSuchTransaction(key)) { try table.respond(key, busy) }
    }

    @Test func ackForA2xxGoesToTheTUOrTheDialogHook() throws {
        var table = TransactionTable()
        let invite = TestMessages.invite()
        let key = try TransactionKey.server(receiving: invite)
        _ = table.receive(.request(invite))
        _ = try table.respond(key, TestMessages.response(200, to: invite))
        let ack = TestMessages.request("ACK", toTag: "a6c85cf")
        #expect(table.receive(.request(ack)) == [.transaction(key, .deliverACK(ack))])
        _ = table.timerFired(key, .L)
        #expect(table.receive(.request(ack)) == [.strayACK(ack)])
    }

    @Test func rfc2543AckMatchesByTheFinalResponsesToTag() throws {
        var table = TransactionTable()
        let invite = TestMessages.request("INVITE", branch: nil)
        let key = try TransactionKey.server(receiving: invite)
        #expect(table.receive(.request(invite)).first == .newRequest(key, invite))
        #expect(table.receive(.request(invite)) == [])  // retransmission, absorbed
        _ = try table.respond(key, TestMessages.response(486, to: invite, toTag: "xyz"))

        let wrongTag = TestMessages.request("ACK", branch: nil, cseqMethod: "ACK", toTag: "other")
        #expect(table.receive(.request(wrongTag)) == [.strayACK(wrongTag)])
        let ack = TestMessages.request("ACK", branch: nil, cseqMethod: "ACK", toTag: "xyz")
        #expect(table.receive(.request(ack)).contains(.transaction(key, .cancelTimer(.H))))
        #expect(table.phase(of: key) == .confirmed)
    }

    @Test func cancelIsItsOwnTransactionAndFindsItsInvite() throws {
        var table = TransactionTable()
        let invite = TestMessages.invite()
        _ = table.receive(.request(invite))
        let cancel = TestMessages.request("CANCEL")
        let cancelKey = try TransactionKey.server(receiving: cancel)
        #expect(table.receive(.request(cancel)) == [.newRequest(cancelKey, cancel)])
        let inviteKey = try TransactionKey.server(receiving: invite)
        #expect(table.cancelTarget(of: cancel) == inviteKey)
        #expect(table.cancelTarget(of: TestMessages.request("CANCEL", branch: "z9hG4bKnone")) == nil)
        #expect(table.count == 2)
    }

    @Test func reliabilityComesFromTheTopVia() throws {
        var table = TransactionTable()
        let invite = TestMessages.invite(transport: "TCP")
        let key = try TransactionKey.server(receiving: invite)
        _ = table.receive(.request(invite))
        let busy = TestMessages.response(486, to: invite)
        #expect(try table.respond(key, busy) == [
            .transaction(key, .cancelTimer(.trying100)), .transaction(key, .send(.response(busy))),
            .transaction(key, .startTimer(.H, after: .seconds(32))),
        ])
    }

    @Test func transportErrorEndsTheTransaction() throws {
        var table = TransactionTable()
        let (key, _) = try table.startClient(TestMessages.options(), reliable: false)
        #expect(table.transportError(key).contains(.transaction(key, .transportFailed)))
        #expect(table.count == 0)
        #expect(table.transportError(key) == [])
    }

    @Test func tableIsBounded() throws {
        var table = TransactionTable(capacity: 2)
        _ = try table.startClient(TestMessages.options(branch: "z9hG4bKa"), reliable: false)
        _ = table.receive(.request(TestMessages.options(branch: "z9hG4bKb")))
        #expect(table.count == 2)
        let third = TestMessages.options(branch: "z9hG4bKc")
        #expect(table.receive(.request(third)) == [.refused(third)])
        #expect(throws: TransactionTableError.full) {
            try table.startClient(TestMessages.options(branch: "z9hG4bKd"), reliable: false)
        }
        // Retransmissions of live transactions still match, and a stray ACK is not refused.
        #expect(table.receive(.request(TestMessages.options(branch: "z9hG4bKb"))) == [])
        let ack = TestMessages.request("ACK", branch: "z9hG4bKe")
        #expect(table.receive(.request(ack)) == [.strayACK(ack)])
        #expect(table.count == 2)
    }

    @Test func unmatchableMessagesAreReported() {
        var table = TransactionTable()
        var request = TestMessages.options()
        request.headers.remove("Via")
        #expect(table.receive(.request(request)) == [.unmatchable(.request(request), .badVia)])
        var response = TestMessages.response(200, to: TestMessages.options())
        response.headers.remove("CSeq")
        #expect(table.receive(.response(response)) == [.unmatchable(.response(response), .badCSeq)])
    }

    @Test func transitionsAreDrainedForTheLogPaneIncludingTheLastOne() throws {
        var table = TransactionTable()
        let (key, _) = try table.startClient(TestMessages.options(), reliable: true)
        _ = table.receive(.response(TestMessages.response(100, to: TestMessages.options(), toTag: nil)))
        _ = table.timerFired(key, .F)
        #expect(table.drainTransitions().map(\.description) == [
            "client OPTIONS z9hG4bKopt1: Idle → Trying (start)",
            "client OPTIONS z9hG4bKopt1: Trying → Proceeding (100 received)",
            "client OPTIONS z9hG4bKopt1: Proceeding → Terminated (timer F)",
        ])
        #expect(table.drainTransitions().isEmpty)
    }
}
