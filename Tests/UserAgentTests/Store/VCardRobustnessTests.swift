import Testing
@testable import UserAgent

/// The reader on damaged copies of real-shaped files: it must never trap, and never
/// produce more than the file holds.
@Suite("vCard robustness")
struct VCardRobustnessTests {
    static let fixtures = [VCardFixtures.nextcloud, VCardFixtures.rfc6350, VCardFixtures.android]

    @Test(.timeLimit(.minutes(1)))
    func cutAtEveryByte() {
        for fixture in Self.fixtures {
            let bytes = Array(fixture.utf8)
            var full = VCardImportReport()
            let complete = VCardReader.read(bytes, report: &full)
            for length in 0...bytes.count {
                var report = VCardImportReport()
                let cards = VCardReader.read(Array(bytes.prefix(length)), report: &report)
                #expect(cards.count <= complete.count)
                // A cut inside a card is reported, never silently dropped.
                // A cut exactly between cards looks like a shorter file; anything else shows.
                let text = String(decoding: bytes.prefix(length), as: UTF8.self).vCardTrimmed()
                if cards.count < complete.count, !text.isEmpty, !text.hasSuffix("END:VCARD") {
                    #expect(!report.skipped.isEmpty || !report.ignored.isEmpty, "cut at \(length)")
                }
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func randomDamage() {
        var generator = StoreSeededGenerator(seed: 7)
        for round in 0..<600 {
            var bytes = Array(Self.fixtures[round % Self.fixtures.count].utf8)
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                guard !bytes.isEmpty else { break }
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[at] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(contentsOf: [0x0a, 0x20, 0x3d, 0x5c, 0x3b, 0x3a, 0x22].shuffled(using: &generator)
                                     .prefix(3), at: at)
                default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 40)], at: at)
                }
            }
            var report = VCardImportReport()
            let cards = VCardReader.read(bytes, report: &report)
            #expect(cards.count <= 4)
            for card in cards {
                #expect(!card.contact.name.isEmpty)
                #expect(!card.contact.uris.isEmpty || !card.contact.numbers.isEmpty)
                #expect(card.contact.uris.allSatisfy { ContactKeys.sipKey($0) != nil })
                #expect(card.contact.numbers.allSatisfy { ContactKeys.numberKey($0.number) != nil })
            }
        }
    }
}
