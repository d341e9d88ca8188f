extension ContactStore {
    /// How `search` matches the name.
    public enum NameMatch: Sendable {
        case prefix, substring
    }

    /// The contact with this id, if any.
    public func contact(id: Int64) throws -> Contact? {
        try load(where: "id = ?", [.integer(id)], limit: 1).first
    }

    /// Every contact, by name (case-insensitive), up to `limit`.
    public func all(limit: Int = ContactStore.maximumLimit) throws -> [Contact] {
        try load(where: "1", [], limit: limit)
    }

    /// Contacts whose name starts with / contains `text` (case-insensitive for ASCII).
    public func search(_ text: String, match: NameMatch = .substring,
                       limit: Int = 100) throws -> [Contact] {
        let escaped = LikePattern.escape(text)
        let pattern = match == .prefix ? escaped + "%" : "%" + escaped + "%"
        return try load(where: "name LIKE ? ESCAPE '\\'", [.text(pattern)], limit: limit)
    }

    /// The contact a SIP address belongs to, compared on user and host only, so
    /// `sip:bob@example.com;transport=tcp` finds `<sip:bob@example.com>`. A `tel:` URI, or
    /// a SIP URI whose user part is a phone number, is also looked up as a number.
    public func lookup(uri: String) throws -> Contact? {
        if let key = ContactKeys.sipKey(uri),
           let found = try load(where: "id IN (SELECT contact_id FROM contact_uris WHERE match_key = ?)",
                                [.text(key)], limit: 1).first {
            return found
        }
        if uri.lowercased().hasPrefix("tel:") { return try lookup(number: uri) }
        if let numberKey = ContactKeys.numberKeyOfSIPUser(uri) {
            return try lookup(numberKey: numberKey)
        }
        return nil
    }

    /// The contact with this phone number, compared on its digits and leading "+".
    public func lookup(number: String) throws -> Contact? {
        guard let key = ContactKeys.numberKey(number) else { return nil }
        return try lookup(numberKey: key)
    }

    private func lookup(numberKey: String) throws -> Contact? {
        try load(where: "id IN (SELECT contact_id FROM contact_numbers WHERE match_key = ?)",
                 [.text(numberKey)], limit: 1).first
    }

    /// Contacts matching `condition`, by name, with their URIs and numbers.
    func load(where condition: String, _ values: [SQLiteValue], limit: Int) throws -> [Contact] {
        let limit = Int64(min(max(limit, 0), ContactStore.maximumLimit))
        var contacts = try database.query("""
            SELECT id, name, note, uid FROM contacts WHERE \(condition)
            ORDER BY name COLLATE NOCASE, id LIMIT ?
            """, values + [.integer(limit)]) { row in
            Contact(id: row.int64(0), name: row.string(1), note: row.optionalString(2),
                    uid: row.optionalString(3))
        }
        for index in contacts.indices {
            guard let id = contacts[index].id else { continue }
            contacts[index].uris = try database.query(
                "SELECT uri FROM contact_uris WHERE contact_id = ? ORDER BY position",
                [.integer(id)]) { $0.string(0) }
            contacts[index].numbers = try database.query(
                "SELECT number, label FROM contact_numbers WHERE contact_id = ? ORDER BY position",
                [.integer(id)]) { Contact.Number($0.string(0), label: $0.optionalString(1)) }
        }
        return contacts
    }
}
