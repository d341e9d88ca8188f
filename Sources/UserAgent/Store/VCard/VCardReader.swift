/// Turns vCard text (RFC 6350 4.0, vCard 3.0, and the 2.1 that phones still export) into
/// contacts. Pure: bytes in, contacts and problems out. Everything is bounded: line
/// length, properties per card, cards per file; nothing in the input can make it trap.
struct VCardReader {
    /// A card that became a contact, with the line its BEGIN was on.
    struct Card: Equatable {
        var line: Int
        var contact: Contact
    }

    static let maximumCards = 20_000
    static let maximumPropertiesPerCard = 1_000
    /// Properties whose values pipit never uses and which are often huge (base64 photos).
    static let unusedBulky: Set<String> = ["PHOTO", "LOGO", "SOUND", "KEY"]

    static func read(_ data: [UInt8], report: inout VCardImportReport,
                     maximumCards: Int = VCardReader.maximumCards) -> [Card] {
        var cards: [Card] = []
        var open: VCardBuilder?
        var sawCard = false
        for line in VCardLines(data) {
            let keyword = keywordLine(line)
            if keyword == "BEGIN:VCARD" {
                sawCard = true
                if let unfinished = open {
                    report.skip(line: unfinished.line, "card has no END:VCARD before the BEGIN on line \(line.number)")
                }
                open = VCardBuilder(line: line.number)
                continue
            }
            guard var builder = open else {
                report.ignore(line: line.number, keyword == "END:VCARD"
                              ? "END:VCARD without BEGIN:VCARD" : "text outside a card")
                continue
            }
            open = nil  // so the builder's arrays are uniquely owned while it grows
            if keyword == "END:VCARD" {
                guard cards.count < maximumCards else {
                    report.skip(line: builder.line, "more than \(maximumCards) cards in one file; the rest ignored")
                    continue
                }
                switch builder.finish() {
                case let .success(contact): cards.append(Card(line: builder.line, contact: contact))
                case let .failure(problem): report.skip(line: builder.line, problem.reason)
                }
                for problem in builder.problems { report.ignore(line: problem.line, problem.reason) }
                continue
            }
            builder.add(line)
            open = builder
        }
        if let unfinished = open {
            report.skip(line: unfinished.line, "card has no END:VCARD (file ends first)")
        }
        if !sawCard {
            report.skip(line: 1, "no BEGIN:VCARD found: not a vCard file")
        }
        return cards
    }

    /// "BEGIN:VCARD" / "END:VCARD" in any case with spaces trimmed, else nil.
    private static func keywordLine(_ line: VCardLines.Line) -> String? {
        guard line.bytes.count < 64, !line.truncated else { return nil }
        let text = String(decoding: line.bytes, as: UTF8.self).vCardTrimmed().uppercased()
        return text == "BEGIN:VCARD" || text == "END:VCARD" ? text : nil
    }
}
