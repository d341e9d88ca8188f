import Testing
@testable import UserAgent
#if canImport(Glibc)
import Glibc
#endif

/// Contacts in use: imported from vCard, named on incoming calls, dialled by name.
@Suite(.timeLimit(.minutes(1)))
struct ContactsTests {
    func book() throws -> (ContactBook, String) {
        let dir = "/tmp/pipit-contacts-\(UInt64.random(in: 0...UInt64.max))"
        let book = ContactBook(store: ContactStore(database: try PipitDatabase.open(directory: dir)))
        return (book, dir)
    }

    func write(_ text: String, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        _ = Array(text.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    @Test func importedContactNamesTheCallerAndIsDialledByName() async throws {
        let (book, dir) = try book()
        let bob = try await TestPhone.start("bob", contacts: book)
        let alice = try await TestPhone.start("alice", contacts: book)
        let cards = dir + "/cards.vcf"
        write("""
            BEGIN:VCARD\r
            VERSION:3.0\r
            FN:Alice Liddell\r
            IMPP:sip:alice@127.0.0.1\r
            END:VCARD\r
            BEGIN:VCARD\r
            VERSION:3.0\r
            FN:Bob Builder\r
            IMPP:\(bob.uri)\r
            TEL;TYPE=cell:+1 555 0100\r
            END:VCARD\r
            BEGIN:VCARD\r
            broken\r

            """, to: cards)
        await bob.send(.importContacts(path: cards))
        let summary = try await bob.log.waitFor("import summary", timeout: .seconds(5)) {
            if case .info(let text) = $0 { text.contains("2 added") } else { false }
        }
        #expect("\(summary)".contains("1 skipped"))
        await bob.send(.contacts(search: "builder"))
        let listing = try await bob.log.waitFor("contacts", timeout: .seconds(2)) { if case .contacts = $0 { true } else { false } }
        guard case .contacts(let found) = listing else { return }
        #expect(found.map(\.name) == ["Bob Builder"])
        #expect(found.first?.numbers.first?.number == "+1 555 0100")

        // Alice dials "Bob Builder"; Bob sees "Alice Liddell" although the INVITE has no display name.
        await alice.send(.call(target: "bob builder", account: nil))
        let ringing = try await bob.waitForState(.incoming)
        #expect(ringing.remoteName == "Alice Liddell")
        let calling = try await alice.waitForState(.ringing)
        #expect(calling.remoteURI == bob.uri)
        #expect(calling.remoteName == "bob builder")
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }

    @Test func missingFileIsAnError() async throws {
        let (book, _) = try book()
        let phone = try await TestPhone.start("carol", contacts: book)
        await phone.send(.importContacts(path: "/nonexistent/cards.vcf"))
        try await phone.log.waitFor("error", timeout: .seconds(2)) {
            if case .error(let text) = $0 { text.hasPrefix("import /nonexistent/cards.vcf") } else { false }
        }
        await phone.stop()
    }
}
