import Testing
import Media
import TUI
import UserAgent

/// The view model built from event sequences, as the user agent sends them.
@Suite(.timeLimit(.minutes(1)))
struct TUIStateEventTests {
    @Test func registrationUpdatesTheAccount() {
        var state = Fixture.state()
        state.apply(.registration(account: "alice", state: .registered(expires: 600)), now: 1)
        #expect(state.accounts.count == 1)
        #expect(state.accounts[0].state == .registered(expires: 600))
        state.apply(.registration(account: "work", state: .failed(reason: "Forbidden", code: 403, retryIn: nil)), now: 2)
        #expect(state.accounts.map(\.name) == ["alice", "work"])
        #expect(state.log.contains { $0.text.contains("account work: failed") && $0.kind == .warning })
    }

    @Test func aLostHeadsetIsShownAndLoggedAsAWarning() {
        var state = Fixture.state()
        state.apply(.audio("playback device headset lost, fell back to speakers", warning: true), now: 1)
        #expect(state.notice?.text == "audio: playback device headset lost, fell back to speakers")
        #expect(state.log.last?.kind == .warning)
        state.apply(.audio("playback device headset is back, following it", warning: false), now: 2)
        #expect(state.log.last?.kind == .info)
    }

    @Test func natStatusGoesToTheLogWithTheCallInTheNotice() {
        var state = Fixture.state()
        var nat = NATSnapshot()
        nat.iceState = "completed"
        nat.role = "controlling"
        nat.selectedPair = "host 192.168.1.5:4000 c1 -> host 192.168.1.9:5000 c1"
        nat.localCandidates = ["host 192.168.1.5:4000 c1"]
        let report = NATReport(accounts: [NATReport.Account(name: "alice", ice: true)],
                               calls: [NATReport.Call(call: 1, account: "alice", nat: nat, behaviour: "unknown (no STUN server)")])
        state.apply(.natStatus(report), now: 1)
        #expect(state.notice?.text == "call 1: ice completed (controlling), selected host 192.168.1.5:4000 c1 -> host 192.168.1.9:5000 c1 (more in the log)")
        #expect(state.log.suffix(4).map(\.text) == [
            "nat: account alice: ice on, no stun server, no turn server",
            "call 1: ice completed (controlling), selected host 192.168.1.5:4000 c1 -> host 192.168.1.9:5000 c1",
            "  unknown (no STUN server)",
            "  local candidates: host 192.168.1.5:4000 c1",
        ])
        // Without calls the notice is the first account's line.
        state.apply(.natStatus(NATReport(accounts: [NATReport.Account(name: "alice", ice: false)], calls: [])), now: 2)
        #expect(state.notice?.text == "nat: account alice: ice off, no stun server, no turn server (more in the log)")
    }

    @Test func incomingCallRingsAndNotifies() {
        var state = Fixture.state()
        let alerts = state.apply(.incomingCall(Fixture.call(1, .incoming)), now: 5_000)
        #expect(alerts == [.bell, .notify(summary: "Incoming call", body: "Bob <sip:bob@example.com>")])
        #expect(state.ringing?.id == 1)
        #expect(state.calls.count == 1)
        // The `.call` that follows is the same call, not a second one, and alerts nothing.
        #expect(state.apply(.call(Fixture.call(1, .incoming)), now: 5_000).isEmpty)
        #expect(state.calls.count == 1)
    }

    @Test func answeredCallCountsItsDurationFromTheAnswer() {
        var state = Fixture.state()
        state.apply(.incomingCall(Fixture.call(1, .incoming)), now: 5_000)
        state.apply(.call(Fixture.call(1, .established, current: true)), now: 7_000)
        let call = state.currentCall
        #expect(call?.answeredAt == 7_000)
        #expect(call?.duration(now: 72_500) == 65)
        #expect(state.ringing == nil)
        // A later state change (hold) keeps the answer time.
        state.apply(.call(Fixture.call(1, .held(.local), current: true)), now: 9_000)
        #expect(state.currentCall?.answeredAt == 7_000)
    }

    @Test func statisticsReachTheCallAndNotTheLog() {
        var state = Fixture.state([.call(Fixture.call(1, .established, current: true))])
        let before = state.log.count
        state.apply(.callStatistics(call: 1, Fixture.statistics()), now: 10_000)
        #expect(state.calls[0].statistics?.codec == "opus")
        #expect(state.calls[0].statistics?.mos == 4.3)
        #expect(state.log.count == before)
        // Figures for a call that is gone are dropped.
        state.apply(.callStatistics(call: 9, Fixture.statistics()), now: 10_000)
        #expect(state.calls.count == 1)
    }

    @Test func endedCallsGoToHistoryAndMissedOnesAreMarkedAndCounted() {
        var state = Fixture.state()
        state.apply(.incomingCall(Fixture.call(1, .incoming)), now: 5_000)
        state.apply(.call(Fixture.call(1, .terminated, end: CallEnd(.missed))), now: 20_000)
        state.apply(.call(Fixture.call(2, .established, direction: .outgoing, name: nil, uri: "sip:carol@example.com")), now: 30_000)
        state.apply(.call(Fixture.call(2, .terminated, direction: .outgoing, name: nil, uri: "sip:carol@example.com",
                                       end: CallEnd(.localHangup))), now: 90_000)
        #expect(state.calls.isEmpty)
        #expect(state.history.count == 2)
        #expect(state.history[0].remoteURI == "sip:carol@example.com")
        #expect(state.history[0].missed == false)
        #expect(state.history[0].answeredAt == 30_000)
        #expect(state.history[0].outcome == "hung up")
        #expect(state.history[1].missed)
        #expect(state.history[1].startedAt == 5_000)
        #expect(state.missedCount == 1)
        #expect(state.unseenMissed == 1)
        state.switchPane(by: 1) // to History: seen
        #expect(state.pane == .history)
        #expect(state.unseenMissed == 0)
        #expect(state.recentTargets == ["sip:carol@example.com", "sip:bob@example.com"])
    }

    @Test func earlierRunsHistoryIsLoadedNewestFirst() {
        var state = Fixture.state([.call(Fixture.call(1, .terminated, end: CallEnd(.missed)))])
        state.load(history: [
            HistoryEntry(CallRecord(direction: .incoming, account: "alice", remoteURI: "sip:old@example.com", remoteName: nil,
                                    startedAt: 500, endedAt: 900, endReason: "declined", sipCode: 603, missed: true)),
            HistoryEntry(CallRecord(direction: .incoming, account: "alice", remoteURI: "sip:gone@example.com", remoteName: nil,
                                    startedAt: 100, endedAt: 200, endReason: "missed", missed: true)),
        ])
        #expect(state.history.map(\.remoteURI) == ["sip:bob@example.com", "sip:old@example.com", "sip:gone@example.com"])
        #expect(state.history.map(\.missed) == [true, false, true])
        #expect(state.history[1].outcome == "declined (603)")
    }

    @Test func callsListingDropsCallsTheCoreNoLongerHas() {
        var state = Fixture.state([.call(Fixture.call(1, .established)), .call(Fixture.call(2, .ringing, direction: .outgoing))])
        state.apply(.calls([Fixture.call(2, .established, direction: .outgoing, current: true)]), now: 1)
        #expect(state.calls.map(\.id) == [2])
        #expect(state.currentCall?.id == 2)
    }

    @Test func muteAndRecordingMarksFollowTheCoresConfirmations() {
        var state = Fixture.state([.call(Fixture.call(1, .established, current: true))])
        state.apply(.info("call 1: muted"), now: 1)
        state.apply(.info("call 1: recording to /tmp/x.wav"), now: 1)
        #expect(state.calls[0].muted && state.calls[0].recording)
        state.apply(.info("call 1: unmuted"), now: 2)
        state.apply(.info("call 1: recording stopped, 3 s in /tmp/x.wav"), now: 2)
        #expect(!state.calls[0].muted && !state.calls[0].recording)
        #expect(state.notice?.text == "call 1: recording stopped, 3 s in /tmp/x.wav")
    }

    @Test func messagesAreKeptPerPeerAndBounded() {
        var state = Fixture.state()
        for n in 0..<(TUIState.maxMessagesPerPeer + 5) {
            state.apply(.messageReceived(account: "alice", from: "sip:bob@example.com", text: "m\(n)"), now: Int64(n))
        }
        state.apply(.messageReceived(account: "alice", from: "sip:carol@example.com", text: "hi"), now: 1)
        #expect(state.conversations.map(\.peer) == ["sip:bob@example.com", "sip:carol@example.com"])
        #expect(state.conversations[0].messages.count == TUIState.maxMessagesPerPeer)
        #expect(state.conversations[0].messages.last?.text == "m\(TUIState.maxMessagesPerPeer + 4)")
    }

    @Test func errorsBecomeTheNoticeWithControlsReplaced() {
        var state = Fixture.state()
        state.apply(.error("bad\u{1B}[2Jthing"), now: 1)
        #expect(state.notice?.text == "bad\u{FFFD}[2Jthing")
        #expect(state.notice?.style == .bad)
    }
}
