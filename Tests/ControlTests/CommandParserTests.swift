import Testing
import UserAgent
@testable import Control

/// Every command and alias, with and without arguments.
@Suite(.timeLimit(.minutes(1))) struct CommandParserTests {
    static let accepted: [(String, ControlInput)] = [
        ("register", .command(.register(account: nil))),
        ("register work", .command(.register(account: "work"))),
        ("reg work", .command(.register(account: "work"))),
        ("unregister", .command(.unregister(account: nil))),
        ("unregister home", .command(.unregister(account: "home"))),
        ("unreg home", .command(.unregister(account: "home"))),
        ("accounts", .command(.accounts)),
        ("reginfo", .command(.accounts)),
        ("call sip:bob@example.com", .command(.call(target: "sip:bob@example.com", account: nil))),
        ("call bob work", .command(.call(target: "bob", account: "work"))),
        ("call +4930123456", .command(.call(target: "+4930123456", account: nil))),
        ("dial sip:bob@example.com;transport=tcp home",
         .command(.call(target: "sip:bob@example.com;transport=tcp", account: "home"))),
        ("answer", .command(.answer(call: nil))),
        ("answer 2", .command(.answer(call: 2))),
        ("accept 3", .command(.answer(call: 3))),
        ("reject", .command(.reject(call: nil, code: 603))),
        ("reject 2", .command(.reject(call: 2, code: 603))),
        ("reject 2 486", .command(.reject(call: 2, code: 486))),
        ("reject 2 404", .command(.reject(call: 2, code: 404))),
        ("reject 1 699", .command(.reject(call: 1, code: 699))),
        ("reject 1 400", .command(.reject(call: 1, code: 400))),
        ("reject busy", .command(.reject(call: nil, code: 486))),
        ("reject BUSY", .command(.reject(call: nil, code: 486))),
        ("reject decline", .command(.reject(call: nil, code: 603))),
        ("reject unavailable", .command(.reject(call: nil, code: 480))),
        ("reject 4 unavailable", .command(.reject(call: 4, code: 480))),
        ("decline 2", .command(.reject(call: 2, code: 603))),
        ("busy", .command(.reject(call: nil, code: 486))),
        ("busy 5", .command(.reject(call: 5, code: 486))),
        ("hangup", .command(.hangup(call: nil))),
        ("hangup 2", .command(.hangup(call: 2))),
        ("hangup all", .command(.hangupAll)),
        ("hangup ALL", .command(.hangupAll)),
        ("bye 1", .command(.hangup(call: 1))),
        ("terminate all", .command(.hangupAll)),
        ("switch 2", .command(.switchTo(call: 2))),
        ("hold", .command(.hold(call: nil))),
        ("hold 2", .command(.hold(call: 2))),
        ("HOLD 3", .command(.hold(call: 3))),
        ("resume", .command(.resume(call: nil))),
        ("resume 2", .command(.resume(call: 2))),
        ("unhold 1", .command(.resume(call: 1))),
        ("transfer sip:carol@example.com", .command(.transfer(call: nil, target: "sip:carol@example.com"))),
        ("transfer 2 carol", .command(.transfer(call: 2, target: "carol"))),
        ("xfer 1 +4930123", .command(.transfer(call: 1, target: "+4930123"))),
        ("transfer carol 2", .command(.transfer(call: 2, target: "carol"))),
        ("transfer 100 2", .command(.transfer(call: 2, target: "100"))),
        ("message sip:bob@example.com hello", .command(.sendMessage(call: nil, target: "sip:bob@example.com", text: "hello", account: nil))),
        ("message bob see you at 3", .command(.sendMessage(call: nil, target: "bob", text: "see you at 3", account: nil))),
        ("msg 2 \"two  spaces\" kept", .command(.sendMessage(call: 2, target: nil, text: "two  spaces kept", account: nil))),
        ("chat bob 'x # y'", .command(.sendMessage(call: nil, target: "bob", text: "x # y", account: nil))),
        ("dnd", .command(.doNotDisturb(nil))),
        ("dnd on", .command(.doNotDisturb(true))),
        ("DND OFF", .command(.doNotDisturb(false))),
        ("forward", .command(.forward(.show))),
        ("forward off", .command(.forward(.clear(nil)))),
        ("forward always sip:carol@example.com", .command(.forward(.set(.always, target: "sip:carol@example.com")))),
        ("fwd busy 5551234", .command(.forward(.set(.busy, target: "5551234")))),
        ("forward noanswer voicemail", .command(.forward(.set(.noAnswer, target: "voicemail")))),
        ("forward NoAnswer off", .command(.forward(.clear(.noAnswer)))),
        ("autoanswer", .command(.autoAnswer(.show))),
        ("autoanswer on", .command(.autoAnswer(.set(on: true, delay: nil, account: nil)))),
        ("aa ON 5 work", .command(.autoAnswer(.set(on: true, delay: 5, account: "work")))),
        ("autoanswer on home", .command(.autoAnswer(.set(on: true, delay: nil, account: "home")))),
        ("autoanswer off work", .command(.autoAnswer(.set(on: false, delay: nil, account: "work")))),
        ("set", .command(.set(key: nil, value: nil))),
        ("set general.call_waiting false", .command(.set(key: "general.call_waiting", value: "false"))),
        ("set account.work.codecs [\"opus\", \"pcmu\"]", .command(.set(key: "account.work.codecs", value: "[opus, pcmu]"))),
        ("set account.work.codecs '[\"opus\", \"pcmu\"]'", .command(.set(key: "account.work.codecs", value: "[\"opus\", \"pcmu\"]"))),
        ("redial", .command(.redial)),
        ("atransfer 1 2", .command(.attendedTransfer(call: 1, to: 2))),
        ("voicemail", .command(.voicemail(account: nil))),
        ("vm work", .command(.voicemail(account: "work"))),
        ("transfer accept", .command(.answerTransfer(call: nil, accept: true))),
        ("transfer ACCEPT 3", .command(.answerTransfer(call: 3, accept: true))),
        ("transfer decline", .command(.answerTransfer(call: nil, accept: false))),
        ("transfer decline 2", .command(.answerTransfer(call: 2, accept: false))),
        ("calls", .command(.calls)),
        ("reload", .command(.reload)),
        ("contacts", .command(.contacts(search: nil))),
        ("contacts smith", .command(.contacts(search: "smith"))),
        ("phonebook \"bob smith\"", .command(.contacts(search: "bob smith"))),
        ("import ~/cards.vcf", .command(.importContacts(path: "~/cards.vcf"))),
        ("import '/tmp/my cards.vcf'", .command(.importContacts(path: "/tmp/my cards.vcf"))),
        ("quit", .command(.quit)),
        ("exit", .command(.quit)),
        ("help", .help(nil)),
        ("stats", .command(.statistics(call: nil))),
        ("quality 2", .command(.statistics(call: 2))),
        ("mute", .command(.mute(call: nil, muted: true))),
        ("unmute 3", .command(.mute(call: 3, muted: false))),
        ("record", .command(.record(call: nil, path: nil))),
        ("record 2 ~/calls/bob.wav", .command(.record(call: 2, path: "~/calls/bob.wav"))),
        ("record bob.wav", .command(.record(call: nil, path: "bob.wav"))),
        ("record stop", .command(.stopRecording(call: nil))),
        ("record 2 STOP", .command(.stopRecording(call: 2))),
        ("dtmf 123#", .command(.sendDigits(call: nil, digits: "123#"))),
        ("play \"greeting one.wav\" 2", .command(.play(call: 2, path: "greeting one.wav"))),
        ("send *9 2", .command(.sendDigits(call: 2, digits: "*9"))),
        ("help call", .help(.call)),
        ("help dial", .help(.call)),
        ("help HANGUP", .help(.hangup)),
        ("audio", .command(.audio(.status))),
        ("conference", .command(.conference)),
        ("conf", .command(.conference)),
        ("join", .command(.conference)),
        ("sound devices", .command(.audio(.devices))),
        ("nat", .command(.nat(.status(call: nil)))),
        ("ice status 2", .command(.nat(.status(call: 2)))),
        ("?", .help(nil)),
        ("? reject", .help(.reject)),
    ]

    @Test(arguments: accepted.indices) func parses(index: Int) throws {
        let (line, expected) = Self.accepted[index]
        #expect(try CommandParser.parse(line) == expected, "\(line)")
    }

    @Test func everyVerbAndAliasIsCovered() throws {
        let covered = Set(Self.accepted.compactMap { $0.0.split(separator: " ").first.map { $0.lowercased() } })
        #expect(Set(CommandVerb.allWords).subtracting(covered).isEmpty)
    }

    @Test(arguments: ["CALL bob", "Call bob", "cAlL bob", "  call   bob  ", "\tcall\tbob\t", "call bob\n", "call bob\r\n"])
    func commandWordsAreCaseInsensitiveAndSpacingIsFree(line: String) throws {
        #expect(try CommandParser.parse(line) == .command(.call(target: "bob", account: nil)))
    }

    @Test func argumentsKeepTheirCase() throws {
        #expect(try CommandParser.parse("call sip:Bob@Example.COM Work")
                == .command(.call(target: "sip:Bob@Example.COM", account: "Work")))
    }

    @Test(arguments: ["", "   ", "\t", "# a comment", "   # indented comment", "#", "\n", "\r\n"])
    func blankLinesAndCommentsAreNothing(line: String) throws {
        #expect(try CommandParser.parse(line) == nil)
    }

    @Test func aCommentStartsOnlyAtAWord() throws {
        #expect(try CommandParser.parse("call bob # ring Bob at work") == .command(.call(target: "bob", account: nil)))
        #expect(try CommandParser.parse("call bob#work") == .command(.call(target: "bob#work", account: nil)))
        #expect(try CommandParser.parse("call '#31#bob'") == .command(.call(target: "#31#bob", account: nil)))
    }

    @Test func quotedArgumentsHoldSpaces() throws {
        #expect(try CommandParser.parse(#"register "my work account""#) == .command(.register(account: "my work account")))
        #expect(try CommandParser.parse("call bob 'home office'") == .command(.call(target: "bob", account: "home office")))
        #expect(try CommandParser.parse(#""call" bob"#) == .command(.call(target: "bob", account: nil)))
        #expect(try CommandParser.parse(#"call "sip:bob@example.com" "a \"quoted\" name""#)
                == .command(.call(target: "sip:bob@example.com", account: #"a "quoted" name"#)))
    }

    @Test func callNumbersAreDecimal() throws {
        #expect(try CommandParser.parse("answer 007") == .command(.answer(call: 7)))
        #expect(try CommandParser.parse("answer 999999999") == .command(.answer(call: 999_999_999)))
    }
}

/// `audio …`: the sound card's subcommands and their refusals.
@Suite(.timeLimit(.minutes(1))) struct AudioCommandParsingTests {
    func parse(_ line: String) throws -> Command? {
        if case .command(let command) = try CommandParser.parse(line) { return command }
        return nil
    }

    @Test func eachFormMakesItsCommand() throws {
        #expect(try parse("audio") == .audio(.status))
        #expect(try parse("sound devices") == .audio(.devices))
        #expect(try parse("audio output headset") == .audio(.use(.output, device: "headset")))
        #expect(try parse("audio input default") == .audio(.use(.input, device: nil)))
        #expect(try parse("audio ring") == .audio(.use(.ring, device: nil)))
        #expect(try parse("audio gain mic -6") == .audio(.gain(microphone: true, decibels: -6)))
        #expect(try parse("audio gain speaker 3.5") == .audio(.gain(microphone: false, decibels: 3.5)))
        #expect(try parse("audio mute") == .audio(.mute(true)))
        #expect(try parse("audio mute ON") == .audio(.mute(true)))
        #expect(try parse("audio mute off") == .audio(.mute(false)))
        #expect(try parse("audio unmute") == .audio(.mute(false)))
        #expect(try parse("audio levels") == .audio(.levels))
    }

    @Test func badWordsAreNamed() {
        #expect(throws: CommandError.notAChoice(verb: .audio, word: "volume", choices: ["devices", "input", "output", "ring", "gain", "mute", "levels"])) {
            try parse("audio volume")
        }
        #expect(throws: CommandError.notAChoice(verb: .audio, word: "left", choices: ["mic", "speaker"])) { try parse("audio gain left 3") }
        #expect(throws: CommandError.notANumber(verb: .audio, word: "loud")) { try parse("audio gain mic loud") }
        #expect(throws: CommandError.notANumber(verb: .audio, word: "nan")) { try parse("audio gain mic nan") }
        #expect(throws: CommandError.tooManyArguments(verb: .audio)) { try parse("audio devices now") }
        #expect(throws: CommandError.notAChoice(verb: .audio, word: "maybe", choices: ["on", "off"])) { try parse("audio mute maybe") }
        #expect(throws: CommandError.tooManyArguments(verb: .audio)) { try parse("audio mute on now") }
    }
}

/// `nat [status] [CALL]`.
@Suite(.timeLimit(.minutes(1))) struct NATCommandParsingTests {
    func parse(_ line: String) throws -> Command? {
        if case .command(let command) = try CommandParser.parse(line) { return command }
        return nil
    }

    @Test func eachFormMakesItsCommand() throws {
        #expect(try parse("nat") == .nat(.status(call: nil)))
        #expect(try parse("NAT Status") == .nat(.status(call: nil)))
        #expect(try parse("nat 3") == .nat(.status(call: 3)))
        #expect(try parse("nat status 1") == .nat(.status(call: 1)))
    }

    @Test func badWordsAreNamed() {
        #expect(throws: CommandError.notAChoice(verb: .nat, word: "reset", choices: ["status"])) { try parse("nat reset") }
        #expect(throws: CommandError.notACallNumber(verb: .nat, word: "x", allowsAll: false)) { try parse("nat status x") }
        #expect(throws: CommandError.tooManyArguments(verb: .nat)) { try parse("nat status 1 2") }
        #expect(throws: CommandError.notOnOrOff(verb: .autoanswer, word: "maybe")) { try parse("autoanswer maybe") }
        #expect(throws: CommandError.notANumber(verb: .autoanswer, word: "9999")) { try parse("autoanswer on 9999") }
        #expect(throws: CommandError.tooManyArguments(verb: .autoanswer)) { try parse("autoanswer off work now") }
        #expect(throws: CommandError.tooManyArguments(verb: .nat)) { try parse("nat 1 status") }
    }
}
