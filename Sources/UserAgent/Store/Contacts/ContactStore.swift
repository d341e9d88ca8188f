/// The address book. A contact is a row in `contacts` with its URIs and numbers in their
/// own tables, each with a match key (see `ContactKeys`) that lookups use.
///
/// Uses the connection it is given (opened by `PipitDatabase.open`), on that
/// connection's executor.
public final class ContactStore {
    /// Limits that keep a hostile import or a runaway caller bounded.
    public static let maximumAddresses = 100
    public static let maximumFieldLength = 4_096
    /// Most rows a query returns, whatever the caller asks for.
    public static let maximumLimit = 10_000

    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a new contact and returns it with its id. Name must not be blank; every
    /// URI must be a SIP address and every number must hold digits.
    @discardableResult
    public func add(_ contact: Contact) throws -> Contact {
        try Self.validate(contact)
        return try database.transaction {
            try database.run("INSERT INTO contacts (name, note, uid) VALUES (?, ?, ?)",
                             [.text(contact.name), .optional(contact.note), .optional(contact.uid)])
            var stored = contact
            stored.id = database.lastInsertRowID
            try writeAddresses(of: stored, id: database.lastInsertRowID)
            return stored
        }
    }

    /// Replaces a stored contact (matched by `id`) with this one.
    public func update(_ contact: Contact) throws {
        guard let id = contact.id else { throw StoreError.invalid("contact has no id") }
        try Self.validate(contact)
        try database.transaction {
            let changed = try database.run("UPDATE contacts SET name = ?, note = ?, uid = ? WHERE id = ?",
                                           [.text(contact.name), .optional(contact.note),
                                            .optional(contact.uid), .integer(id)])
            guard changed == 1 else { throw StoreError.notFound("contact \(id)") }
            try database.run("DELETE FROM contact_uris WHERE contact_id = ?", [.integer(id)])
            try database.run("DELETE FROM contact_numbers WHERE contact_id = ?", [.integer(id)])
            try writeAddresses(of: contact, id: id)
        }
    }

    /// Deletes a contact (its URIs and numbers go with it); false if there was none.
    @discardableResult
    public func delete(id: Int64) throws -> Bool {
        try database.run("DELETE FROM contacts WHERE id = ?", [.integer(id)]) == 1
    }

    private func writeAddresses(of contact: Contact, id: Int64) throws {
        for (position, uri) in contact.uris.enumerated() {
            guard let key = ContactKeys.sipKey(uri) else { continue }
            try database.run("""
                INSERT INTO contact_uris (contact_id, position, uri, match_key) VALUES (?, ?, ?, ?)
                """, [.integer(id), .integer(Int64(position)), .text(uri), .text(key)])
        }
        for (position, number) in contact.numbers.enumerated() {
            guard let key = ContactKeys.numberKey(number.number) else { continue }
            try database.run("""
                INSERT INTO contact_numbers (contact_id, position, number, label, match_key)
                VALUES (?, ?, ?, ?, ?)
                """, [.integer(id), .integer(Int64(position)), .text(number.number),
                      .optional(number.label), .text(key)])
        }
    }

    static func validate(_ contact: Contact) throws {
        guard contact.name.contains(where: { !$0.isWhitespace }) else {
            throw StoreError.invalid("contact name is empty")
        }
        guard contact.uris.count + contact.numbers.count <= maximumAddresses else {
            throw StoreError.invalid("contact has more than \(maximumAddresses) URIs and numbers")
        }
        let texts = [contact.name, contact.note ?? "", contact.uid ?? ""] + contact.uris
            + contact.numbers.flatMap { [$0.number, $0.label ?? ""] }
        guard texts.allSatisfy({ $0.utf8.count <= maximumFieldLength }) else {
            throw StoreError.invalid("contact field longer than \(maximumFieldLength) bytes")
        }
        for uri in contact.uris where ContactKeys.sipKey(uri) == nil {
            throw StoreError.invalid("not a SIP address: \(uri)")
        }
        for number in contact.numbers where ContactKeys.numberKey(number.number) == nil {
            throw StoreError.invalid("not a phone number: \(number.number)")
        }
    }
}
