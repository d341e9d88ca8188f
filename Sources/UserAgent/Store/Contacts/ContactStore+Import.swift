#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ContactStore {
    /// Largest vCard file accepted (phones export photos inline; 32 MiB is thousands of
    /// contacts with pictures).
    public static let maximumVCardBytes = 32 * 1024 * 1024

    /// Imports every card in `data` (vCard 4.0, 3.0 or 2.1; UTF-8) in one transaction.
    /// A card matching a stored contact — same UID, else same name (case-insensitive) —
    /// is merged into it: new URIs and numbers are added, nothing is doubled, and a
    /// note or UID the contact lacks is filled in.
    public func importVCards(_ data: [UInt8]) throws -> VCardImportReport {
        var report = VCardImportReport()
        guard data.count <= Self.maximumVCardBytes else {
            throw StoreError.invalid("vCard data is \(data.count) bytes; the limit is \(Self.maximumVCardBytes)")
        }
        let cards = VCardReader.read(data, report: &report)
        try database.transaction {
            for card in cards {
                try merge(card.contact, into: &report)
            }
        }
        return report
    }

    /// Reads the file at `path` (at most `maximumVCardBytes`) and imports it.
    public func importVCards(contentsOf path: String) throws -> VCardImportReport {
        try importVCards(Self.readFile(path, limit: Self.maximumVCardBytes))
    }

    private func merge(_ card: Contact, into report: inout VCardImportReport) throws {
        guard var existing = try match(for: card) else {
            try add(card)
            report.added += 1
            return
        }
        var changed = false
        for uri in card.uris {
            let key = ContactKeys.sipKey(uri)
            if !existing.uris.contains(where: { ContactKeys.sipKey($0) == key }),
               existing.uris.count + existing.numbers.count < Self.maximumAddresses {
                existing.uris.append(uri)
                changed = true
            }
        }
        for number in card.numbers {
            let key = ContactKeys.numberKey(number.number)
            if !existing.numbers.contains(where: { ContactKeys.numberKey($0.number) == key }),
               existing.uris.count + existing.numbers.count < Self.maximumAddresses {
                existing.numbers.append(number)
                changed = true
            }
        }
        if existing.note == nil, let note = card.note {
            existing.note = note
            changed = true
        }
        if existing.uid == nil, let uid = card.uid {
            existing.uid = uid
            changed = true
        }
        if changed {
            try update(existing)
            report.merged += 1
        } else {
            report.unchanged += 1
        }
    }

    /// The stored contact a card is the same person as: same UID, else same name.
    private func match(for card: Contact) throws -> Contact? {
        if let uid = card.uid, let found = try load(where: "uid = ?", [.text(uid)], limit: 1).first {
            return found
        }
        // A contact with another UID is another person who shares the name.
        return try load(where: "name = ? COLLATE NOCASE", [.text(card.name)], limit: 10)
            .first { $0.uid == nil || card.uid == nil || $0.uid == card.uid }
    }

    static func readFile(_ path: String, limit: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.fileSystem(operation: "open", path: path, errno: errno) }
        defer { close(fd) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.fileSystem(operation: "read", path: path, errno: errno)
            }
            if count == 0 { return data }
            data.append(contentsOf: chunk[0..<count])
            guard data.count <= limit else {
                throw StoreError.invalid("\(path) is larger than \(limit) bytes")
            }
        }
    }
}
