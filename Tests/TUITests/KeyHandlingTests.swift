import Testing
import TUI
import UserAgent

/// Keys to commands and state changes.
@Suite(.timeLimit(.minutes(1)))
struct KeyHandlingTests {
    private func type(_ text: String, into state: inout TUIState) -> [Command] {
        text.compactMap { state.handle(.character($0), now: 0) }
    }

    @Test func typingANumberAndEnterDialsIt() {
        var state = Fixture.state()
        #expect(type("1234", into: &state).isEmpty)
        #expect(state.input.string == "1234")
        #expect(state.handle(.enter, now: 0) == .call(target: "1234", account: nil))
        #expect(state.input.isEmpty)
        #expect(state.inputHistory.entries == ["1234"])
    }

    @Test func aContactsNameDialsItsAddress() {
        var state = Fixture.state([.contacts([Contact(name: "Bob Smith", uris: ["sip:bob@example.com"], numbers: [])])])
        _ = type("bob smith", into: &state)
        #expect(state.handle(.enter, now: 0) == .call(target: "sip:bob@example.com", account: nil))
    }

    @Test func lettersTypeWhenNoCallNeedsThem() {
        var state = Fixture.state()
        #expect(type("alice", into: &state).isEmpty)
        #expect(state.input.string == "alice")
    }

    @Test func incomingCallKeys() {
        var state = Fixture.state([.incomingCall(Fixture.call(3, .incoming))])
        #expect(state.handle(.character("a"), now: 0) == .answer(call: 3))
        #expect(state.handle(.character("r"), now: 0) == .reject(call: 3, code: nil))
        #expect(state.handle(.character("b"), now: 0) == .reject(call: 3, code: 486))
        #expect(state.input.isEmpty)
    }

    @Test func inCallKeys() {
        var state = Fixture.state([.call(Fixture.call(1, .established, current: true)),
                                   .call(Fixture.call(2, .held(.local), direction: .outgoing))])
        #expect(state.handle(.character("h"), now: 0) == .hangup(call: 1))
        #expect(state.handle(.character("m"), now: 0) == .mute(call: 1, muted: true))
        state.apply(.info("call 1: muted"), now: 0)
        #expect(state.handle(.character("m"), now: 0) == .mute(call: 1, muted: false))
        // M: the microphone for every call, toggled from what the user agent last said.
        #expect(state.handle(.character("M"), now: 0) == .audio(.mute(true)))
        state.apply(.soundLevels(SoundLevels(microphone: nil, speaker: nil, microphoneMuted: true)), now: 0)
        #expect(state.handle(.character("M"), now: 0) == .audio(.mute(false)))
        #expect(state.handle(.character("R"), now: 0) == .record(call: 1, path: nil))
        state.apply(.info("call 1: recording to /x.wav"), now: 0)
        #expect(state.handle(.character("R"), now: 0) == .stopRecording(call: 1))
        #expect(state.handle(.character("s"), now: 0) == .switchTo(call: 2))
    }

    @Test func keypadSendsDigitsUntilEscape() {
        var state = Fixture.state([.call(Fixture.call(1, .established, current: true))])
        #expect(state.handle(.character("k"), now: 0) == nil)
        #expect(state.mode == .keypad)
        #expect(type("1#*d", into: &state) == [
            .sendDigits(call: 1, digits: "1"), .sendDigits(call: 1, digits: "#"),
            .sendDigits(call: 1, digits: "*"), .sendDigits(call: 1, digits: "D"),
        ])
        #expect(state.handle(.character("x"), now: 0) == nil)
        #expect(state.handle(.escape, now: 0) == nil)
        #expect(state.mode == .dial)
        // Keypad mode ends with the last call.
        _ = state.handle(.character("k"), now: 0)
        state.apply(.call(Fixture.call(1, .terminated, end: CallEnd(.remoteHangup))), now: 1)
        #expect(state.mode == .dial)
    }

    @Test func colonRunsTheCommandLanguage() {
        var state = Fixture.state()
        #expect(state.handle(.character(":"), now: 0) == nil)
        #expect(state.mode == .command)
        _ = type("hangup 2", into: &state)
        #expect(state.handle(.enter, now: 0) == .hangup(call: 2))
        #expect(state.mode == .dial)
        #expect(state.inputHistory.entries == [":hangup 2"])

        _ = state.handle(.character(":"), now: 0)
        _ = type("cal x", into: &state)
        #expect(state.handle(.enter, now: 0) == nil)
        #expect(state.notice?.style == .bad)
        #expect(state.notice?.text.contains("did you mean `call`") == true)

        _ = state.handle(.character(":"), now: 0)
        _ = type("quit", into: &state)
        #expect(state.handle(.enter, now: 0) == .quit)
        #expect(state.quitting)
    }

    @Test func listingsShowTheirPane() {
        var state = Fixture.state()
        _ = state.handle(.character(":"), now: 0)
        _ = type("accounts", into: &state)
        #expect(state.handle(.enter, now: 0) == .accounts)
        #expect(state.pane == .log)
        _ = state.handle(.character(":"), now: 0)
        _ = type("contacts bob", into: &state)
        #expect(state.handle(.enter, now: 0) == .contacts(search: "bob"))
        #expect(state.pane == .contacts)
    }

    @Test func helpCommandShowsInTheLogPane() {
        var state = Fixture.state()
        _ = state.handle(.character(":"), now: 0)
        _ = type("help", into: &state)
        #expect(state.handle(.enter, now: 0) == nil)
        #expect(state.pane == .log)
        #expect(state.log.contains { $0.text.contains("call URI [ACCOUNT]") })
    }

    @Test func questionMarkOpensHelpAndAnyKeyClosesIt() {
        var state = Fixture.state()
        _ = state.handle(.character("?"), now: 0)
        #expect(state.mode == .help)
        _ = state.handle(.pageDown, now: 0)
        #expect(state.mode == .help && state.helpScroll == 10)
        _ = state.handle(.character("x"), now: 0)
        #expect(state.mode == .dial && state.input.isEmpty)
    }

    @Test func tabCyclesPanesOnAnEmptyLine() {
        var state = Fixture.state()
        let seen = (0..<5).map { _ -> Pane in
            _ = state.handle(.tab, now: 0)
            return state.pane
        }
        #expect(seen == [.history, .contacts, .messages, .log, .calls])
        _ = state.handle(.backTab, now: 0)
        #expect(state.pane == .log)
    }

    @Test func slashFiltersThePaneAndEscapeClearsIt() {
        var state = Fixture.state()
        _ = state.handle(.character("/"), now: 0)
        _ = type("bob", into: &state)
        #expect(state.filter == "bob")
        _ = state.handle(.enter, now: 0)
        #expect(state.filter == "bob" && state.mode == .dial && state.input.isEmpty)
        _ = state.handle(.character("/"), now: 0)
        #expect(state.input.string == "bob")
        _ = state.handle(.escape, now: 0)
        #expect(state.filter.isEmpty)
    }

    @Test func lineEditingKeys() {
        var state = Fixture.state()
        _ = type("sip:bob example", into: &state)
        _ = state.handle(.control("w"), now: 0)
        #expect(state.input.string == "sip:bob ")
        _ = state.handle(.home, now: 0)
        _ = state.handle(.delete, now: 0)
        #expect(state.input.string == "ip:bob ")
        _ = state.handle(.end, now: 0)
        _ = state.handle(.backspace, now: 0)
        _ = state.handle(.left, now: 0)
        _ = state.handle(.control("u"), now: 0)
        #expect(state.input.string == "b")
        _ = state.handle(.escape, now: 0)
        #expect(state.input.isEmpty)
    }

    /// Every single-letter key the help screen lists does something with a call present.
    @Test func everyCallKeyInTheHelpIsHandled() {
        let callSection = KeyMap.sections.filter { $0.title.hasPrefix("On an empty line") }
        let keys: [String] = callSection.flatMap(\.bindings).map(\.keys)
        let words: [String] = keys.flatMap { $0.split(separator: " ").map(String.init) }
        let letters = words.filter { $0.count == 1 && ($0.first?.isLetter ?? false) }
        #expect(Set(letters) == ["a", "r", "b", "h", "m", "M", "o", "s", "c", "t", "R", "k"])
        for letter in letters {
            var state = Fixture.state([.call(Fixture.call(1, .established, current: true)),
                                       .call(Fixture.call(2, .held(.local))),
                                       .incomingCall(Fixture.call(3, .incoming))])
            let command = state.handle(.character(Character(letter)), now: 0)
            #expect(command != nil || state.mode != .dial, "`\(letter)` does nothing")
            // `t` opens the command line with the transfer filled in; the others type nothing.
            #expect(letter == "t" ? state.input.string == "transfer 1 " : state.input.isEmpty, "`\(letter)` was typed instead")
        }
    }
}
