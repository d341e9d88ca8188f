import Control
import Foundation
import Testing
import UserAgent

/// `history [N]` in the command mode (issue 7 item 2).
@Suite(.timeLimit(.minutes(1)))
struct HistoryCommandTests {
    @Test func parsesItsCount() throws {
        #expect(try HistoryCommand.parse("history") == 20)
        #expect(try HistoryCommand.parse("HISTORY 3") == 3)
        #expect(try HistoryCommand.parse("historyx") == nil)
        #expect(try HistoryCommand.parse("calls") == nil)
        for bad in ["history 0", "history 501", "history x", "history 1 2", "history -1", "history 99999999999"] {
            #expect(throws: HistoryCommandError.self, "\(bad)") { try HistoryCommand.parse(bad) }
        }
    }

    @Test func oneLineACallWithItsOutcome() {
        let answered = CallRecord(id: "a", direction: .outgoing, account: "work", remoteURI: "sip:bob@example.com", remoteName: "Bob",
                                  startedAt: 1_763_834_501_000, answeredAt: 1_763_834_502_000, endedAt: 1_763_834_567_000,
                                  endReason: "hung up", sipCode: nil, missed: false)
        let missed = CallRecord(id: "b", direction: .incoming, account: "work", remoteURI: "sip:eve@example.com\u{1B}[2J",
                                remoteName: nil, startedAt: 1_763_834_400_000, answeredAt: nil, endedAt: 1_763_834_410_000,
                                endReason: "missed", sipCode: nil, missed: true)
        #expect(HistoryCommand.lines([answered, missed]) == [
            "2025-11-22T18:01:41.000Z outgoing Bob <sip:bob@example.com> (account work): 1:05, hung up",
            "2025-11-22T18:00:00.000Z incoming sip:eve@example.com\\u{1b}[2J (account work): missed",
        ])
        #expect(HistoryCommand.lines([]) == ["no calls in the history"])
    }

    @Test func theCommandModeListsTheCallJustMade() async throws {
        let home = try TestHome.local("alice", extra: ScriptTests.nullAudio)
        defer { try? FileManager.default.removeItem(at: home.url) }
        let pipit = try HeadlessProcess(["-e", "call echo; wait call established 10; hangup; wait call ended 5; sleep 0.2; history 5"],
                                        home: home.url)
        #expect(try await pipit.waitForExit(timeout: .seconds(20)) == 0, "\(pipit.standardError)")
        let line = pipit.lines.first { $0.contains(" outgoing sip:echo@127.0.0.1") }
        #expect(line?.contains("(account alice): 0:0") == true && line?.hasSuffix(", hung up") == true, "\(pipit.lines)")
    }
}
