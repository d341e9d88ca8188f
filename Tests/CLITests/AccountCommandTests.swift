import Control
import Testing
import UserAgent

/// `account add`: its line, its questions and the TOML it appends (issue 7 item 6).
@Suite(.timeLimit(.minutes(1)))
struct AccountCommandTests {
    @Test func theOneLineFormGivesEveryField() throws {
        let parsed = try AccountCommand.parse("account add sip:alice@example.com user=a1 password='p w#\"x' registrar=sip:reg.example.com:5080")
        guard case .add(let draft)? = parsed else { Issue.record("\(String(describing: parsed))"); return }
        #expect(draft.address.description == "sip:alice@example.com")
        #expect(draft.user == "a1")
        #expect(draft.password?.value == "p w#\"x")
        #expect(draft.registrar?.description == "sip:reg.example.com:5080")
        #expect(!draft.description.contains("p w"), "the draft prints without its password: \(draft)")
    }

    @Test func defaultsAndOtherLines() throws {
        #expect(try AccountCommand.parse("account add") == .ask)
        #expect(try AccountCommand.parse("accounts") == nil)
        #expect(try AccountCommand.parse("call bob") == nil)
        guard case .add(let bare)? = try AccountCommand.parse("ACCOUNT ADD bob@example.org") else { Issue.record("bare"); return }
        #expect(bare.address.description == "sip:bob@example.org")
        #expect(bare.user == nil && bare.password == nil && bare.registrar == nil)
    }

    @Test func refusalsNeverQuoteThePassword() {
        let lines = [
            "account add password=hunter2",                                  // no address
            "account add sip:example.com password=hunter2",                  // no user part
            "account add sip:a@example.com password=hunter2 colour=blue",    // unknown setting
            "account add sip:a@example.com sip:b@example.com password=hunter2",
            "account remove password=hunter2",
            "account add sip:a@example.com password=\"hunter2",               // unterminated quote
        ]
        for line in lines {
            do {
                _ = try AccountCommand.parse(line)
                Issue.record("accepted: \(line)")
            } catch {
                #expect(!error.description.contains("hunter2"), "\(error)")
                #expect(error.description.contains("account") || error.description.contains("quote"), "\(error)")
            }
        }
    }

    @Test func theWizardAsksEachQuestionWithItsDefault() {
        var wizard = AccountWizard()
        #expect(wizard.question == .address && !wizard.isSecret)
        #expect(wizard.answer("not a uri at all") != .ask)
        #expect(wizard.question == .address, "a refused address is asked again")
        #expect(wizard.answer("  sip:carol@sip.example.net:5062 ") == .ask)
        #expect(wizard.prompt == "user name [carol]: ")
        #expect(wizard.answer("") == .ask)
        #expect(wizard.isSecret)
        #expect(wizard.answer(" pass word ") == .ask, "spaces belong to the password")
        #expect(wizard.prompt == "registrar [sip:sip.example.net:5062]: ")
        let done = wizard.answer("")
        let expected = AccountDraft(address: try! AccountDraft.address("sip:carol@sip.example.net:5062"),
                                    password: Secret(" pass word "))
        #expect(done == .done(expected))
    }

    @Test func anEmptyAddressCancels() {
        var wizard = AccountWizard()
        #expect(wizard.answer("") == .cancelled)
    }

    @Test func theTableIsTOMLThatLoads() throws {
        let draft = AccountDraft(address: try AccountDraft.address("sip:dave@example.com"), user: "d-1",
                                 password: Secret("a\"b\\c\u{1}é"), registrar: try AccountDraft.registrar("example.com:5070"))
        let text = AccountTable.text(draft)
        #expect(text == """
            [[account]]
            uri = "sip:dave@example.com"
            username = "d-1"
            password = "a\\"b\\\\c\\u0001é"
            registrar = "sip:example.com:5070"

            """)
        let config = try ConfigLoader.decode(text)
        let account = try #require(config.accounts.first)
        #expect(account.name == "dave@example.com")
        #expect(account.password == .literal(Secret("a\"b\\c\u{1}é")))
        #expect(account.username == "d-1")
        #expect(account.registrar?.description == "sip:example.com:5070")
    }

    @Test func appendingKeepsTheFileByteForByte() throws {
        let draft = AccountDraft(address: try AccountDraft.address("sip:erin@example.com"))
        let existing = Array("# mine\n[general]\nlog_level = \"info\"   # keep this\n[[account]]\nuri = \"sip:x@y\"".utf8)
        let out = AccountTable.appending(draft, to: existing)
        #expect(Array(out.prefix(existing.count)) == existing)
        #expect(String(decoding: out.dropFirst(existing.count), as: UTF8.self) == "\n\n[[account]]\nuri = \"sip:erin@example.com\"\n")
        let fresh = String(decoding: AccountTable.appending(draft, to: []), as: UTF8.self)
        #expect(fresh.hasPrefix("# pipit configuration"))
        #expect(try ConfigLoader.decode(fresh).accounts.map(\.name) == ["erin@example.com"])
    }
}
