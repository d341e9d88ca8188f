import SIPMessage
import Testing
@testable import SIPStack

/// A UAC table against a UAS table over a lossy in-memory network on a virtual clock.
@Suite struct LoopbackPeersTests {
    @Test func lostInviteAndLostFinalAreRecoveredByRetransmission() throws {
        var peers = LoopbackPeers()
        peers.answer = 486
        peers.drops = ["INVITE": 1, "486": 1]
        try peers.send(TestMessages.invite())
        peers.advance(by: .seconds(1))
        // INVITE lost at 0, retransmitted by A at 0.5 s; the 486 is lost, G re-sends it at 1 s.
        #expect(peers.wire.map { "\($0.at) \($0.what)\($0.lost ? " lost" : "")" }
            == ["0.0 seconds INVITE lost", "0.5 seconds INVITE", "0.5 seconds 486 lost", "1.0 seconds 486", "1.0 seconds ACK"])
        #expect(peers.uacEvents == ["486"])
        #expect(peers.uasEvents == ["new INVITE"])
        #expect(peers.uas.count == 1 && peers.uac.count == 1)
        // UAS: Confirmed, I = T4 → gone at 6 s. UAC: Completed, D = 32 s → gone at 33 s.
        peers.advance(by: .seconds(5))
        #expect(peers.uas.count == 0)
        peers.advance(by: .seconds(27))
        #expect(peers.uac.count == 0)
        #expect(peers.wire.count == 5)
    }

    @Test func twoHundredGoesToTheTUAndTheAckIsLeftToTheDialog() throws {
        var peers = LoopbackPeers()
        peers.answer = 200
        try peers.send(TestMessages.invite())
        #expect(peers.wire.map(\.what) == ["INVITE", "200"])
        #expect(peers.uacEvents == ["200"])
        // Both sit in Accepted until L / M (64·T1), with nothing more on the wire.
        peers.advance(by: .seconds(32))
        #expect(peers.uac.count == 0 && peers.uas.count == 0)
        #expect(peers.wire.count == 2)
        #expect(peers.uacEvents == ["200", "terminated"])
    }

    @Test func nonInviteWithLostResponseIsAnsweredFromCompleted() throws {
        var peers = LoopbackPeers()
        peers.drops = ["200": 2]
        try peers.send(TestMessages.options())
        peers.advance(by: .seconds(2))
        // Each retransmission reaches the UAS's Completed state, which re-sends the 200.
        #expect(peers.wire.map(\.what) == ["OPTIONS", "200", "OPTIONS", "200", "OPTIONS", "200"])
        #expect(peers.uasEvents == ["new OPTIONS"])
        #expect(peers.uacEvents == ["200"])
    }

    @Test func silentServerTimesTheClientOutAfterSending100() throws {
        var peers = LoopbackPeers()
        peers.answer = nil
        try peers.send(TestMessages.invite())
        peers.advance(by: .seconds(40))
        // The UAS's 100 Trying at 200 ms stops the UAC's retransmissions (and its timer B).
        #expect(peers.wire.map(\.what) == ["INVITE", "100"])
        #expect(peers.uacEvents == ["100"])
        #expect(peers.uac.count == 1 && peers.uas.count == 1)
    }
}
