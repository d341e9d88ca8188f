import SIPMessage
import Testing
@testable import UserAgent

struct AccountSelectionTests {
    func account(_ name: String, _ uri: String) -> AccountConfig {
        AccountConfig(name: name, uri: try! SIPURI.parse(Substring(uri)))
    }

    var accounts: [AccountConfig] {
        [account("home", "sip:alice@home.example"), account("work", "sip:a.smith@corp.example:5080")]
    }

    @Test func explicitChoiceWins() throws {
        #expect(try AccountSelection.account(for: "bob@home.example", named: "WORK", in: accounts).name == "work")
        #expect(throws: AccountSelection.Failure.unknownAccount("gym")) {
            try AccountSelection.account(for: "bob", named: "gym", in: accounts)
        }
    }

    @Test func domainThenDefault() throws {
        #expect(try AccountSelection.account(for: "sip:bob@corp.example;transport=tcp", named: nil, in: accounts).name == "work")
        #expect(try AccountSelection.account(for: "bob@Corp.Example", named: nil, in: accounts).name == "work")
        #expect(try AccountSelection.account(for: "sip:carol@elsewhere.example", named: nil, in: accounts).name == "home")
        #expect(try AccountSelection.account(for: "1234", named: nil, in: accounts).name == "home")
        #expect(throws: AccountSelection.Failure.noAccounts) { try AccountSelection.account(for: "x", named: nil, in: []) }
    }

    @Test func targetsAreCompleted() throws {
        let work = accounts[1]
        func uri(_ text: String) throws -> String { try AccountSelection.requestURI(for: text, account: work).description }
        #expect(try uri("sip:bob@example.com") == "sip:bob@example.com")
        #expect(try uri("sips:bob@example.com") == "sips:bob@example.com")
        #expect(try uri("bob") == "sip:bob@corp.example:5080")
        #expect(try uri("bob@example.com") == "sip:bob@example.com")
        #expect(try uri("+1 (555) 010-9999") == "sip:+15550109999@corp.example:5080;user=phone")
        #expect(try uri("tel:+4930123") == "sip:+4930123@corp.example:5080;user=phone")
        #expect(try uri("  42 ") == "sip:42@corp.example:5080;user=phone")
        for bad in ["", "bob smith", "<sip:x@y>", "sip:", "sip:@"] {
            #expect(throws: AccountSelection.Failure.self, "\(bad)") { try uri(bad) }
        }
    }
}
