import SIPMessage
import Testing
@testable import SIPStack

/// Matching rules of RFC 3261 §17.1.3, §17.2.3 and §9.2.
@Suite struct TransactionKeyTests {
    @Test func responseMatchesItsClientTransactionByBranchAndMethod() throws {
        let invite = TestMessages.invite()
        let key = try TransactionKey.client(sending: invite)
        #expect(try TransactionKey.client(receiving: TestMessages.response(180, to: invite)) == key)
        // The CANCEL shares the branch but not the method: a different transaction.
        let cancel = TestMessages.request("CANCEL")
        #expect(try TransactionKey.client(receiving: TestMessages.response(200, to: cancel)) != key)
        #expect(try TransactionKey.client(sending: cancel) == TransactionKey.client(receiving: TestMessages.response(200, to: cancel)))
        // Another branch is another transaction.
        let other = TestMessages.invite(branch: "z9hG4bKother")
        #expect(try TransactionKey.client(receiving: TestMessages.response(180, to: other)) != key)
    }

    @Test func clientTransactionsNeedAnRFC3261BranchAndAreNeverACK() {
        #expect(throws: TransactionMatchError.ackHasNoTransaction) {
            try TransactionKey.client(sending: TestMessages.request("ACK"))
        }
        #expect(throws: TransactionMatchError.missingBranch) {
            try TransactionKey.client(sending: TestMessages.request("OPTIONS", branch: "1234"))
        }
        #expect(throws: TransactionMatchError.missingBranch) {
            try TransactionKey.client(sending: TestMessages.request("OPTIONS", branch: "z9hG4bK"))
        }
    }

    @Test func serverKeyUsesBranchSentByAndMethodWithACKAsINVITE() throws {
        let key = try TransactionKey.server(receiving: TestMessages.invite())
        #expect(!key.isLegacy)
        #expect(try TransactionKey.server(receiving: TestMessages.invite()) == key)
        #expect(try TransactionKey.server(receiving: TestMessages.request("ACK", toTag: "a6c85cf")) == key)
        // Sent-by host compares without case; another sent-by or branch does not match.
        #expect(try TransactionKey.server(receiving: TestMessages.request("INVITE", sentBy: "PC33.Atlanta.example.com")) == key)
        #expect(try TransactionKey.server(receiving: TestMessages.request("INVITE", sentBy: "pc33.atlanta.example.com:5070")) != key)
        #expect(try TransactionKey.server(receiving: TestMessages.invite(branch: "z9hG4bKx")) != key)
        // Same branch, other method: a distinct transaction.
        #expect(try TransactionKey.server(receiving: TestMessages.request("CANCEL")) != key)
    }

    @Test func cancelTargetsTheInviteServerTransaction() throws {
        let inviteKey = try TransactionKey.server(receiving: TestMessages.invite())
        let cancel = TestMessages.request("CANCEL")
        #expect(try TransactionKey.cancelTarget(of: cancel) == inviteKey)
        let legacyInvite = TestMessages.request("INVITE", branch: nil)
        let legacyCancel = TestMessages.request("CANCEL", branch: nil, cseqMethod: "CANCEL")
        #expect(try TransactionKey.cancelTarget(of: legacyCancel) == TransactionKey.server(receiving: legacyInvite))
        // A CANCEL for another INVITE (other branch) targets another transaction.
        #expect(try TransactionKey.cancelTarget(of: TestMessages.request("CANCEL", branch: "z9hG4bKelse")) != inviteKey)
    }

    @Test func rfc2543RequestsMatchOnTheirFields() throws {
        let invite = TestMessages.request("INVITE", branch: nil)
        let key = try TransactionKey.server(receiving: invite)
        #expect(key.isLegacy)
        #expect(try TransactionKey.server(receiving: TestMessages.request("INVITE", branch: nil)) == key)
        #expect(try TransactionKey.server(receiving: TestMessages.request("INVITE", branch: nil, cseq: 2)) != key)
        #expect(try TransactionKey.server(receiving: TestMessages.request("INVITE", uri: "sip:carol@example.com", branch: nil)) != key)
        #expect(try TransactionKey.server(receiving: TestMessages.request("INVITE", branch: nil, sentBy: "other.example.com")) != key)
        #expect(try TransactionKey.server(receiving: TestMessages.request("INVITE", branch: nil, toTag: "x")) != key)
        // A non-cookie branch is just another Via parameter.
        #expect(try TransactionKey.server(receiving: TestMessages.request("INVITE", branch: "abc123")).isLegacy)
    }

    /// RFC 4475 §3.2.1: the branch is the bare cookie, so it identifies nothing; fall back
    /// to RFC 2543 matching.
    @Test func bareMagicCookieFallsBackToRFC2543Matching() throws {
        let text = """
            OPTIONS sip:user@example.com SIP/2.0\r
            To: sip:user@example.com\r
            From: caller<sip:caller@example.com>;tag=323\r
            Max-Forwards: 70\r
            Call-ID: translate1.dkj37\r
            CSeq: 123 OPTIONS\r
            Via: SIP/2.0/UDP host1.example.com;branch=z9hG4bK\r
            l: 0\r
            \r

            """
        let request = try #require(try SIPMessage.parse(text).request)
        let key = try TransactionKey.server(receiving: request)
        #expect(key.isLegacy)
        var other = request
        other.headers.set("Via", "SIP/2.0/UDP host2.example.com;branch=z9hG4bK")
        #expect(try TransactionKey.server(receiving: other) != key)
    }

    @Test func unmatchableRequests() throws {
        var noVia = TestMessages.options()
        noVia.headers.remove("Via")
        #expect(throws: TransactionMatchError.badVia) { try TransactionKey.server(receiving: noVia) }
        var noCSeq = TestMessages.request("OPTIONS", branch: nil)
        noCSeq.headers.remove("CSeq")
        #expect(throws: TransactionMatchError.badCSeq) { try TransactionKey.server(receiving: noCSeq) }
        var badVia = TestMessages.options()
        badVia.headers.set("Via", "garbage")
        #expect(throws: TransactionMatchError.badVia) { try TransactionKey.server(receiving: badVia) }
    }
}
