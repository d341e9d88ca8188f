import Foundation
import Testing
import TUI

/// Input history (↑/↓, kept in a file), Tab completion and display widths.
@Suite(.timeLimit(.minutes(1)))
struct InputTests {
    @Test func historyBrowsesBackAndForthAndKeepsTheDraft() {
        var history = InputHistory(["1", "2", "3"])
        #expect(history.previous(current: "dra") == "3")
        #expect(history.previous(current: "ignored") == "2")
        #expect(history.previous(current: "") == "1")
        #expect(history.previous(current: "") == nil)
        #expect(history.next() == "2")
        #expect(history.next() == "3")
        #expect(history.next() == "dra")
        #expect(history.next() == nil)
    }

    @Test func historyIsBoundedAndSkipsRepeatsAndBlanks() {
        var history = InputHistory(limit: 3)
        for line in ["a", "a", " ", "b", "c", "d"] { history.add(line) }
        #expect(history.entries == ["b", "c", "d"])
        #expect(history.added == 4)
    }

    @Test func upAndDownInTheInputLine() {
        var state = TUIState(inputHistory: InputHistory(["123", ":calls"]))
        _ = state.handle(.up, now: 0)
        #expect(state.mode == .command && state.input.string == "calls")
        _ = state.handle(.up, now: 0)
        #expect(state.mode == .dial && state.input.string == "123")
        _ = state.handle(.down, now: 0)
        _ = state.handle(.down, now: 0)
        #expect(state.mode == .dial && state.input.string == "")
    }

    @Test func historyFileKeepsLinesAcrossRuns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-tui-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = InputHistoryFile(path: directory.appendingPathComponent("pipit/input_history").path, limit: 3)
        #expect(file.load().entries.isEmpty)
        for line in ["1", ":calls", "sip:bob@example.com", "4", "5", "6", "7"] { file.append(line) }
        #expect(file.load().entries == ["5", "6", "7"])
        // Past twice the limit the file was rewritten to the newest entries.
        let text = try String(contentsOfFile: file.path, encoding: .utf8)
        #expect(text == "5\n6\n7\n")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func tabCompletesVerbs() {
        #expect(Completion.complete(":han", contacts: [], recent: [])?.line == ":hangup ")
        let many = Completion.complete(":re", contacts: [], recent: [])
        #expect(many?.line == ":re")
        #expect(Set(many?.choices ?? []) == ["register", "reg", "reject", "record", "reload", "reginfo", "redial", "resume"])
        #expect(Completion.complete(":unr", contacts: [], recent: [])?.line == ":unreg")
        #expect(Completion.complete(":zzz", contacts: [], recent: []) == nil)
    }

    @Test func tabCompletesContactsAndRecentNumbers() {
        let contacts = ["Bob Smith", "Bobby Tables"]
        let recent = ["sip:bob@example.com", "+4930123"]
        #expect(Completion.complete(":call +49", contacts: contacts, recent: recent)?.line == ":call +4930123")
        #expect(Completion.complete("Bobby", contacts: contacts, recent: recent)?.line == "Bobby Tables")
        let shared = Completion.complete("bo", contacts: contacts, recent: recent)
        #expect(shared?.line == "Bob")
        #expect(shared?.choices == ["Bob Smith", "Bobby Tables"])
        #expect(Completion.complete(":hangup 1", contacts: contacts, recent: recent) == nil)
    }

    @Test func tabInTheStateCompletesAndListsChoices() {
        var state = Fixture.state([.contacts([.init(name: "Carol", uris: ["sip:carol@example.com"], numbers: [])])])
        _ = state.handle(.character(":"), now: 0)
        for character in "ca" { _ = state.handle(.character(character), now: 0) }
        _ = state.handle(.tab, now: 0)
        #expect(state.input.string == "call")
        #expect(state.notice?.text.contains("calls") == true)
        for character in " C" { _ = state.handle(.character(character), now: 0) }
        _ = state.handle(.tab, now: 0)
        #expect(state.input.string == "call Carol")
    }

    @Test func displayWidths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("電話") == 4)
        #expect(DisplayWidth.of("📞") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.truncate("電話番号", to: 5) == "電話…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("電話番号", to: 4)) <= 4)
        #expect(DisplayWidth.fit("ab", to: 4) == "ab  ")
        #expect(DisplayWidth.clean("a\nb\u{202E}c") == "a\u{FFFD}b\u{FFFD}c")
    }
}
