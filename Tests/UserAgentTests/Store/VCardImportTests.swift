import Testing
@testable import UserAgent

@Suite("vCard import")
struct VCardImportTests {
    let dir: StoreTestDirectory
    let contacts: ContactStore

    init() throws {
        dir = try StoreTestDirectory()
        contacts = ContactStore(database: try PipitDatabase.open(directory: dir.path))
    }

    func load(_ text: String) throws -> VCardImportReport {
        try contacts.importVCards(Array(text.utf8))
    }

    @Test(.timeLimit(.minutes(1)))
    func nextcloudExport() throws {
        let report = try load(VCardFixtures.nextcloud)
        #expect(report.added == 2 && report.skipped.isEmpty && report.ignored.isEmpty)
        let alice = try #require(try contacts.lookup(uri: "sip:alice@example.com;transport=udp"))
        #expect(alice.name == "Alice Liddell")
        #expect(alice.uid == "0e3f0c1a-9c1d-4a3b-8f00-6b1e2d3c4f50")
        #expect(alice.uris == ["sip:alice@example.com"], "xmpp: is not a SIP address")
        #expect(alice.numbers == [Contact.Number("+49 170 1234567", label: "cell"),
                                  Contact.Number("+49 30 9876-543", label: "work")])
        #expect(alice.note == "Met at FOSDEM, room K\nBring tea; no milk. This note is long enough to be folded by the exporter.")
        let bob = try #require(try contacts.lookup(uri: "<sip:bob@pbx.example.org>"))
        #expect(bob.uris == ["sip:bob@pbx.example.org"], "X-SIP without a scheme gets sip:")
    }

    @Test(.timeLimit(.minutes(1)))
    func rfc6350Example() throws {
        let report = try load(VCardFixtures.rfc6350)
        #expect(report.added == 1 && report.skippedCount == 0)
        let simon = try #require(try contacts.lookup(number: "+1 418 656 9254"))
        #expect(simon.name == "Simon Perreault")
        #expect(simon.numbers == [Contact.Number("+1-418-656-9254", label: "work"),
                                  Contact.Number("+1-418-262-6501", label: "work")])
    }

    @Test(.timeLimit(.minutes(1)))
    func androidExport() throws {
        let report = try load(VCardFixtures.android)
        #expect(report.added == 2 && report.skippedCount == 0)
        #expect(report.ignored.isEmpty, "the photo is dropped silently: \(report.ignored)")
        let joerg = try #require(try contacts.lookup(number: "01705551234"))
        #expect(joerg.name == "Jörg Ünal ☎️")
        #expect(joerg.numbers.map(\.label) == ["cell", "home"])
        #expect(joerg.uris == ["sip:joerg@work.example", "sip:joerg@example.org;transport=tcp"])
        #expect(try contacts.lookup(uri: "sip:joerg@example.org")?.id == joerg.id)
        #expect(try contacts.lookup(number: "+390815550000")?.name == "Pizza Napoli", "ORG names a card without N")
    }

    @Test(.timeLimit(.minutes(1)))
    func reimportMergesInsteadOfDoubling() throws {
        _ = try load(VCardFixtures.nextcloud)
        let again = try load(VCardFixtures.nextcloud)
        #expect(again.added == 0 && again.merged == 0 && again.unchanged == 2 && again.imported == 2)
        #expect(try contacts.all().count == 2)

        // The same person exported from another device: no UID, one new number.
        let phone = """
            BEGIN:VCARD
            VERSION:3.0
            FN:alice liddell
            TEL;TYPE=HOME:+49 (170) 1234567
            TEL;TYPE=HOME:+44 20 7946 0000
            END:VCARD
            """
        let merged = try load(phone)
        #expect(merged.merged == 1 && merged.added == 0)
        let alice = try #require(try contacts.lookup(number: "+442079460000"))
        #expect(alice.name == "Alice Liddell")
        #expect(alice.numbers.count == 3, "the known number is not doubled")
        #expect(try contacts.all().count == 2)

        // Same name, another UID: another person.
        let namesake = """
            BEGIN:VCARD
            VERSION:4.0
            UID:urn:uuid:ffffffff-0000-4000-8000-000000000009
            FN:Bob Builder
            TEL:+1 555 0199
            END:VCARD
            """
        #expect(try load(namesake).added == 1)
        #expect(try contacts.search("Bob Builder").count == 2)
    }

    @Test(.timeLimit(.minutes(1)))
    func duplicateCardsInOneFileBecomeOneContact() throws {
        let card = "BEGIN:VCARD\nVERSION:3.0\nFN:Dup\nTEL:123\nEND:VCARD\n"
        let report = try load(card + card + card)
        #expect(report.added == 1 && report.unchanged == 2)
        #expect(try contacts.all().count == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func brokenCardsAreSkippedWithLineNumbers() throws {
        let text = """
            some preamble the exporter wrote
            BEGIN:VCARD
            VERSION:3.0
            TEL:+1 555 0100
            END:VCARD
            BEGIN:VCARD
            FN:Only Email
            EMAIL:x@example.com
            END:VCARD
            BEGIN:VCARD
            FN:Never Ended
            TEL:1
            BEGIN:VCARD
            FN:Good One
            TEL;CHARSET=ISO-8859-1:555
            TEL:+1 555 0101
            IMPP:sip:
            this line has no colon
            END:VCARD
            END:VCARD
            BEGIN:VCARD
            FN:Cut Off
            TEL:2
            """
        let report = try load(text)
        #expect(report.added == 1)
        #expect(report.skipped == [
            .init(line: 2, reason: "card has no name (FN, N or ORG)"),
            .init(line: 6, reason: "card \"Only Email\" has no phone number or SIP address"),
            .init(line: 10, reason: "card has no END:VCARD before the BEGIN on line 13"),
            .init(line: 21, reason: "card has no END:VCARD (file ends first)"),
        ])
        #expect(report.ignored == [
            .init(line: 1, reason: "text outside a card"),
            .init(line: 15, reason: "TEL in charset iso-8859-1: only UTF-8 is supported"),
            .init(line: 17, reason: "IMPP \"sip:\" is not a SIP address"),
            .init(line: 18, reason: "not a vCard property (no name or no ':')"),
            .init(line: 20, reason: "END:VCARD without BEGIN:VCARD"),
        ])
        let good = try #require(try contacts.search("Good").first)
        #expect(good.numbers == [Contact.Number("+1 555 0101")])
    }

    @Test(.timeLimit(.minutes(1)))
    func binaryInputNeverTraps() throws {
        var generator = StoreSeededGenerator(seed: 42)
        var bytes = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let report = try contacts.importVCards(bytes)
        #expect(report.imported == 0)
        #expect(report.skipped == [.init(line: 1, reason: "no BEGIN:VCARD found: not a vCard file")])

        // Binary inside a card: the bad lines go, the card stays.
        bytes = Array("BEGIN:VCARD\nFN:Bin\nTEL:1\n".utf8) + [0xff, 0xfe, 0x3a, 0x00, 0x0a]
            + Array("NOTE:a\u{0}b\nNOTE;X=1:".utf8) + [0xc3, 0x28] + Array("\nEND:VCARD\n".utf8)
        let inside = try contacts.importVCards(bytes)
        #expect(inside.added == 1)
        #expect(inside.ignored.map(\.reason) == ["binary data (NUL byte)", "binary data (NUL byte)", "not UTF-8"])
        #expect(try contacts.search("Bin").first?.note == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func hugeLinesAreCutAndBounded() throws {
        let huge = String(repeating: "A", count: 2 * 1024 * 1024)
        // A 2 MiB name, then a 2 MiB folded photo: neither is kept whole.
        var folded = "PHOTO;ENCODING=b;TYPE=JPEG:"
        for _ in 0..<(2 * 1024 * 1024 / 75) { folded += "\r\n " + String(repeating: "Q", count: 74) }
        let junk = "X-JUNK:" + String(repeating: "j", count: 300_000)  // unused: dropped quietly
        let text = "BEGIN:VCARD\nVERSION:3.0\nFN:\(huge)\nN:Long;Lucy\n\(folded)\n\(junk)\nTEL:42\nEND:VCARD\n"
        let report = try load(text)
        #expect(report.added == 1)
        #expect(report.ignored == [.init(line: 3, reason: "FN longer than \(VCardLines.defaultMaximumLength) bytes")])
        #expect(try contacts.lookup(number: "42")?.name == "Lucy Long", "N names the card when FN is unusable")
    }

    @Test(.timeLimit(.minutes(1)))
    func tooManyPropertiesAreCapped() throws {
        var text = "BEGIN:VCARD\nFN:Switchboard\n"
        for index in 0..<3_000 { text += "TEL:+1 555 \(index)\n" }
        text += "END:VCARD\n"
        let report = try load(text)
        #expect(report.added == 1)
        #expect(report.ignored == [
            .init(line: 103, reason: "more than 100 phone numbers and SIP addresses; the rest ignored"),
            .init(line: 1_002, reason: "more than 1000 properties; the rest ignored"),
        ])
        let board = try #require(try contacts.search("Switchboard").first)
        #expect(board.numbers.count == ContactStore.maximumAddresses)
    }

    @Test(.timeLimit(.minutes(1)))
    func byteOrderMarkAndBlankLines() throws {
        let text = "\u{FEFF}BEGIN:VCARD\r\n\r\nFN:Bommy\r\n\r\nTEL:77\r\nEND:VCARD\r\n"
        #expect(try load(text).added == 1)
        #expect(try contacts.lookup(number: "77")?.name == "Bommy")
        // Megabytes of nothing produce no lines and no work.
        var report = VCardImportReport()
        let blank = [UInt8](repeating: UInt8(ascii: "\n"), count: 1024 * 1024)
        #expect(VCardReader.read(blank, report: &report).isEmpty)
        #expect(Array(VCardLines(blank)).isEmpty)
    }

    @Test(.timeLimit(.minutes(1)))
    func cardsPerFileAreCapped() {
        let cards = (0..<5).map { "BEGIN:VCARD\nFN:P\($0)\nTEL:\($0)\nEND:VCARD\n" }.joined()
        var report = VCardImportReport()
        let read = VCardReader.read(Array(cards.utf8), report: &report, maximumCards: 3)
        #expect(read.map(\.contact.name) == ["P0", "P1", "P2"])
        #expect(read.map(\.line) == [1, 5, 9])
        #expect(report.skipped.map(\.line) == [13, 17])
        #expect(report.skipped.first?.reason == "more than 3 cards in one file; the rest ignored")
    }

    @Test(.timeLimit(.minutes(1)))
    func problemListIsBounded() throws {
        let card = "BEGIN:VCARD\nEND:VCARD\n"
        let report = try load(String(repeating: card, count: VCardImportReport.maximumProblems + 50))
        #expect(report.skipped.count == VCardImportReport.maximumProblems)
        #expect(report.skippedCount == VCardImportReport.maximumProblems + 50)
        #expect(report.unlistedProblems == 50)
    }

    @Test(.timeLimit(.minutes(1)))
    func importsFromAFile() throws {
        let path = dir.file("contacts.vcf")
        try StoreTestDirectory.writeFile(Array(VCardFixtures.rfc6350.utf8), to: path)
        #expect(try contacts.importVCards(contentsOf: path).added == 1)
        #expect(throws: StoreError.self) { _ = try contacts.importVCards(contentsOf: dir.file("missing.vcf")) }
    }

    @Test(.timeLimit(.minutes(1)))
    func foldingAndEscapes() {
        let lines = Array(VCardLines(Array("A:1\r\n 2\r\n\t3\nB:x\n\n".utf8)))
        #expect(lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["A:123", "B:x"])
        #expect(lines.map(\.number) == [1, 4])
        #expect(VCardValue.components("Doe\\;Jr;John;\\,\\n\\\\;") == ["Doe;Jr", "John", ",\n\\", ""])
        #expect(VCardValue.text("a;b\\,c") == "a;b,c")
        let property = VCardProperty.parse("item2.TEL;TYPE=\"a:b,c\";cell;PREF=1:tel:+1:2")
        #expect(property?.name == "TEL")
        #expect(property?.value == "tel:+1:2")
        #expect(property?.parameter("TYPE") == ["a:b,c", "cell"], "a quoted comma is literal")
        #expect(VCardProperty.parse("no colon") == nil)
        #expect(VCardProperty.parse(":value") == nil)
        #expect(VCardValue.quotedPrintable("a=3Db=ZZ=4") == Array("a=b=ZZ=4".utf8))
    }
}

/// A deterministic generator for fuzz-style inputs (SplitMix64).
struct StoreSeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
