/// The contacts as the UA core uses them: an actor owning a `ContactStore` (its own
/// SQLite connection), so that look-ups and imports stay off the signalling loop.
public actor ContactBook {
    private let store: ContactStore

    public init(store: sending ContactStore) { self.store = store }

    /// Every contact, or those whose name contains `text`.
    public func list(matching text: String?) throws -> [Contact] {
        if let text, !text.isEmpty { return try store.search(text) }
        return try store.all()
    }

    public func importVCards(contentsOf path: String) throws -> VCardImportReport {
        try store.importVCards(contentsOf: path)
    }

    /// What to dial for a contact named exactly `name` (any case): its first SIP URI,
    /// else its first number.
    public func address(named name: String) -> String? {
        guard let contact = (try? store.search(name))?.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            return nil
        }
        return contact.uris.first ?? contact.numbers.first?.number
    }

    /// The name to show for a caller: the contact whose URI — or, for a number, whose
    /// phone number — matches.
    public func name(for uri: String) -> String? {
        if let contact = try? store.lookup(uri: uri) { return contact.name }
        guard let user = ContactKeys.sipKey(uri)?.split(separator: "@").first,
              user.contains(where: \.isNumber),
              user.allSatisfy({ $0.isNumber || $0 == "+" }) else { return nil }
        return (try? store.lookup(number: String(user)))?.name
    }
}
