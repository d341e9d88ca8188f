import Testing
@testable import UserAgent

/// The two halves of a blind transfer, transition by transition; the give-up timer is an
/// action and `.timerFired` an input (virtual time).
@Suite(.timeLimit(.minutes(1)))
struct OutgoingTransferTests {
    let target = "sip:carol@example.com"

    @Test func acceptedThenRingingThenAnswered() {
        var t = OutgoingTransfer(target: target, patience: .seconds(30))
        #expect(t.handle(.referAnswered(code: 202, reason: "Accepted"))
                == [.startTimer(after: .seconds(30)), .report(TransferUpdate(.accepted, target: target, code: 202, detail: "Accepted"))])
        #expect(t.handle(.notified(status: 100, reason: "Trying", terminated: false))
                == [.report(TransferUpdate(.progress, target: target, code: 100, detail: "Trying"))])
        #expect(t.handle(.notified(status: 100, reason: "Trying", terminated: false)) == [], "the same progress once")
        #expect(t.handle(.notified(status: 180, reason: "Ringing", terminated: false))
                == [.report(TransferUpdate(.progress, target: target, code: 180, detail: "Ringing"))])
        #expect(t.handle(.notified(status: 200, reason: "OK", terminated: true))
                == [.cancelTimer, .report(TransferUpdate(.succeeded, target: target, code: 200, detail: "OK")), .hangUpOriginal])
        #expect(t.phase == .succeeded)
        #expect(t.handle(.notified(status: 200, reason: "OK", terminated: true)) == [], "over")
        #expect(t.handle(.timerFired) == [])
    }

    @Test func referRefused() {
        var t = OutgoingTransfer(target: target)
        #expect(t.handle(.referAnswered(code: 603, reason: "Decline"))
                == [.cancelTimer, .report(TransferUpdate(.failed, target: target, code: 603, detail: "Decline"))])
        #expect(t.isOver)
    }

    @Test func targetBusyKeepsTheCall() {
        var t = OutgoingTransfer(target: target)
        _ = t.handle(.referAnswered(code: 202, reason: "Accepted"))
        #expect(t.handle(.notified(status: 486, reason: "Busy Here", terminated: true))
                == [.cancelTimer, .report(TransferUpdate(.failed, target: target, code: 486, detail: "Busy Here"))])
    }

    @Test func notifyBeforeTheReferAnswer() {
        var t = OutgoingTransfer(target: target, patience: .seconds(5))
        #expect(t.handle(.notified(status: 100, reason: "Trying", terminated: false))
                == [.startTimer(after: .seconds(5)), .report(TransferUpdate(.progress, target: target, code: 100, detail: "Trying"))])
        #expect(t.handle(.referAnswered(code: 202, reason: "Accepted"))
                == [.report(TransferUpdate(.accepted, target: target, code: 202, detail: "Accepted"))], "no second timer")
        #expect(t.handle(.referAnswered(code: 202, reason: "Accepted")) == [])
        #expect(t.phase == .accepted)
    }

    @Test func subscriptionEndsWithoutAFinalStatus() {
        var t = OutgoingTransfer(target: target)
        _ = t.handle(.referAnswered(code: 202, reason: "Accepted"))
        #expect(t.handle(.notified(status: nil, reason: "", terminated: true))
                == [.cancelTimer, .report(TransferUpdate(.failed, target: target, detail: "the peer stopped reporting"))])
    }

    @Test func givesUpWhenNoFinalNotifyComes() {
        var t = OutgoingTransfer(target: target)
        _ = t.handle(.referAnswered(code: 202, reason: "Accepted"))
        #expect(t.handle(.timerFired) == [.report(TransferUpdate(.failed, target: target, detail: "no final word from the peer"))])
        #expect(t.handle(.notified(status: 200, reason: "OK", terminated: true)) == [], "too late: the call stays")
    }
}

@Suite(.timeLimit(.minutes(1)))
struct IncomingTransferTests {
    let target = "sip:carol@example.com"

    @Test func automaticTransferReportsEachStage() {
        var t = IncomingTransfer(target: target)
        #expect(t.handle(.received(.auto))
                == [.respond(code: 202, reason: "Accepted"), .notify(code: 100, reason: "Trying", terminated: false), .placeCall])
        #expect(t.handle(.callPlaced(4)) == [.report(TransferUpdate(.calling, target: target, newCall: 4))])
        #expect(t.handle(.callChanged(.trying, end: nil)) == [])
        #expect(t.handle(.callChanged(.ringing, end: nil)) == [.notify(code: 180, reason: "Ringing", terminated: false)])
        #expect(t.handle(.callChanged(.ringing, end: nil)) == [])
        #expect(t.handle(.callChanged(.established, end: nil))
                == [.notify(code: 200, reason: "OK", terminated: true),
                    .report(TransferUpdate(.succeeded, target: target, code: 200, newCall: 4))])
        #expect(t.phase == .done)
        #expect(t.handle(.callChanged(.terminated, end: CallEnd(.remoteHangup))) == [], "what happens later is not the transfer's")
    }

    @Test func askingWaitsForTheUser() {
        var t = IncomingTransfer(target: target)
        #expect(t.handle(.received(.ask))
                == [.respond(code: 202, reason: "Accepted"), .notify(code: 100, reason: "Trying", terminated: false),
                    .report(TransferUpdate(.offered, target: target))])
        #expect(t.handle(.callChanged(.established, end: nil)) == [], "no call yet")
        #expect(t.handle(.accept) == [.placeCall])
        #expect(t.phase == .calling)
    }

    @Test func theUserDeclines() {
        var t = IncomingTransfer(target: target)
        _ = t.handle(.received(.ask))
        #expect(t.handle(.decline)
                == [.notify(code: 603, reason: "Declined", terminated: true), .report(TransferUpdate(.declined, target: target, code: 603))])
        #expect(t.handle(.accept) == [])
    }

    @Test func refusedBySetting() {
        var t = IncomingTransfer(target: target)
        #expect(t.handle(.received(.never))
                == [.respond(code: 603, reason: "Decline"),
                    .report(TransferUpdate(.declined, target: target, code: 603, detail: "transfers are refused by setting"))])
        #expect(t.phase == .done)
    }

    @Test(arguments: [
        (CallEnd(.busy, code: 486, detail: "Busy Here"), 486, "Busy Here"),
        (CallEnd(.timeout, detail: "no route"), 487, "no route"),
        (CallEnd(.cancelled), 487, "cancelled"),
    ])
    func aFailedCallIsReportedWithItsCode(end: CallEnd, code: Int, reason: String) {
        var t = IncomingTransfer(target: target)
        _ = t.handle(.received(.auto))
        _ = t.handle(.callPlaced(2))
        #expect(t.handle(.callChanged(.terminated, end: end))
                == [.notify(code: code, reason: reason, terminated: true),
                    .report(TransferUpdate(.failed, target: target, code: code, detail: reason, newCall: 2))])
    }
}

@Suite(.timeLimit(.minutes(1)))
struct SipFragTests {
    @Test func statusLines() {
        #expect(SipFrag.status(of: Array("SIP/2.0 200 OK\r\n".utf8))! == (200, "OK"))
        #expect(SipFrag.status(of: Array("SIP/2.0 180 Ringing\r\nContact: <sip:x>\r\n\r\n".utf8))! == (180, "Ringing"))
        #expect(SipFrag.status(of: Array("sip/2.0 603".utf8))! == (603, ""))
        #expect(SipFrag.status(of: Array("SIP/2.0 100 Trying\n".utf8))! == (100, "Trying"))
    }

    @Test(arguments: ["", "INVITE sip:a@b SIP/2.0", "SIP/2.0 99 Low", "SIP/2.0 700 High", "SIP/2.0 2000 OK",
                      "SIP/3.0 200 OK", "SIP/2.0", "\r\nSIP/2.0 200 OK", "SIP/2.0 +20 OK"])
    func notStatusLines(text: String) {
        #expect(SipFrag.status(of: Array(text.utf8)) == nil)
    }

    @Test func hostileBytesDoNotTrap() {
        var bytes: [UInt8] = Array("SIP/2.0 200 ".utf8)
        bytes += [0xFF, 0xFE, 0x00] + Array(repeating: 0x41, count: 100_000)
        #expect(SipFrag.status(of: bytes)?.code == 200)
        #expect(SipFrag.body(code: 180, reason: "Ringing") == Array("SIP/2.0 180 Ringing\r\n".utf8))
    }
}
