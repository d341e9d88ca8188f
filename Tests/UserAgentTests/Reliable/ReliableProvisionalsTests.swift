import Testing
@testable import UserAgent

@Suite(.timeLimit(.minutes(1)))
struct ReliableProvisionalsTests {
    func ack(_ r: inout ReliableProvisionals, _ tag: String, _ rseq: UInt32) -> Bool {
        r.shouldAcknowledge(toTag: tag, rseq: rseq)
    }

    @Test func eachEarlyDialogCountsOnItsOwn() {
        var r = ReliableProvisionals()
        #expect(ack(&r, "a", 7), "the first starts the count")
        #expect(!ack(&r, "a", 7), "a retransmission")
        #expect(!ack(&r, "a", 9), "a gap")
        #expect(ack(&r, "a", 8))
        #expect(ack(&r, "b", 1), "another fork")
        #expect(!ack(&r, "b", 1))
    }

    @Test func boundedAgainstManyForks() {
        var r = ReliableProvisionals()
        for i in 0..<ReliableProvisionals.maximumDialogs { #expect(ack(&r, "t\(i)", 1)) }
        #expect(!ack(&r, "one too many", 1))
    }

    @Test func whatAsksForPRACK() {
        #expect(ReliableProvisionals.requiresPRACK(require: ["100rel"], rseq: "1") == 1)
        #expect(ReliableProvisionals.requiresPRACK(require: ["timer, 100REL"], rseq: " 42 ") == 42)
        #expect(ReliableProvisionals.requiresPRACK(require: [], rseq: "1") == nil, "Supported is not Require")
        #expect(ReliableProvisionals.requiresPRACK(require: ["100rel"], rseq: nil) == nil)
        #expect(ReliableProvisionals.requiresPRACK(require: ["100rel"], rseq: "0") == nil)
        #expect(ReliableProvisionals.requiresPRACK(require: ["100rel"], rseq: "2147483648") == nil)
        #expect(ReliableProvisionals.requiresPRACK(require: ["100rel"], rseq: "99999999999999999999") == nil)
        #expect(ReliableProvisionals.requiresPRACK(require: ["100rel"], rseq: "x") == nil)
    }
}
