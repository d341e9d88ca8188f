import Control
import Testing
import TUI
import UserAgent

/// `:account add` on the input line: the questions, the hidden password, the finished
/// account handed to the driver, and no password in the input history (issue 7 item 6).
@Suite(.timeLimit(.minutes(1)))
struct AccountWizardKeyTests {
    private func type(_ text: String, into state: inout TUIState) {
        for character in text { #expect(state.handle(.character(character), now: 0) == nil) }
    }

    private func inputRow(_ state: TUIState) -> String {
        Layout.render(state, width: 80, height: 24, now: 0).lines.last?.text ?? ""
    }

    @Test func theQuestionsComeInTurnAndThePasswordIsNeverShownOrKept() throws {
        var state = Fixture.state([.accounts([AccountSummary(name: "local", uri: "sip:me@127.0.0.1", state: .unregistered,
                                                              isDefault: true, isLocal: true)])])
        let first = Layout.render(state, width: 80, height: 24, now: 0).lines.map(\.text).joined(separator: "\n")
        #expect(first.contains(":account add sets up your provider's account"), "the first screen offers it")

        type(":account add", into: &state)
        #expect(state.handle(.enter, now: 0) == nil)
        #expect(inputRow(state).hasPrefix("account address (sip:user@domain, empty cancels): "))
        type("sip:alice@example.com", into: &state)
        #expect(state.handle(.enter, now: 0) == nil)
        #expect(inputRow(state) == "user name [alice]: ")
        #expect(state.handle(.enter, now: 0) == nil)
        type("s3 cret", into: &state)
        #expect(inputRow(state) == "password (empty for none): *******")
        #expect(state.handle(.enter, now: 0) == nil)
        #expect(inputRow(state) == "registrar [sip:example.com]: ")
        type("sip:proxy.example.com", into: &state)
        #expect(state.handle(.enter, now: 0) == nil)

        let draft = try #require(state.accountToAdd)
        #expect(draft.address.description == "sip:alice@example.com")
        #expect(draft.password?.value == "s3 cret")
        #expect(draft.registrar?.description == "sip:proxy.example.com")
        #expect(state.mode == .dial)
        #expect(state.inputHistory.entries == [":account add"])
    }

    @Test func aRefusedAnswerIsAskedAgainAndEscCancels() {
        var state = Fixture.state()
        type(":account add", into: &state)
        _ = state.handle(.enter, now: 0)
        type("not an address", into: &state)
        _ = state.handle(.enter, now: 0)
        #expect(inputRow(state).hasPrefix("account address"))
        #expect(state.notice?.text.contains("not a SIP URI") == true)
        _ = state.handle(.escape, now: 0)
        #expect(state.mode == .dial && state.accountToAdd == nil)
    }

    @Test func theOneLineFormWithAPasswordStaysOutOfTheHistory() {
        var state = Fixture.state()
        type(":account add sip:bob@example.com password=pw", into: &state)
        #expect(state.handle(.enter, now: 0) == nil)
        #expect(state.accountToAdd?.address.description == "sip:bob@example.com")
        #expect(state.inputHistory.entries.isEmpty)
    }

    @Test func tabCompletesTheWords() {
        #expect(Completion.complete(":account a", contacts: [], recent: [])?.line.hasPrefix(":account add") == true)
        #expect(Completion.candidates(for: ":accou", contacts: [], recent: []).contains("account"))
    }
}
