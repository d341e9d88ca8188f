#if canImport(Glibc)
import Glibc
#endif

/// The contacts as the UA core uses them: an actor owning a `ContactStore` (its own
/// SQLite connection), so that look-ups and imports stay off the signalling loop. The
/// database is opened on first use: an idle phone does not pay for it, and a caller's name
/// is not looked for in a database that does not exist (`history = false` and no contacts:
/// a call then loads no SQLite at all).
public actor ContactBook {
    private var store: ContactStore?
    private let directory: String?

    /// Opens `PipitDatabase` in `directory` (the XDG data directory when nil) when first needed.
    public init(directory: String? = nil) {
        self.directory = directory
    }

    public init(store: sending ContactStore) {
        self.store = store
        self.directory = nil
    }

    private func opened() throws -> ContactStore {
        if let store { return store }
        let opened = ContactStore(database: try PipitDatabase.open(directory: directory))
        store = opened
        return opened
    }

    /// The store for a look-up: nil when the database file does not exist yet (no
    /// contacts), without creating it.
    private func existing() -> ContactStore? {
        if let store { return store }
        guard let folder = try? directory ?? DataDirectory.current(),
              access(DataDirectory.join(folder, PipitDatabase.fileName), F_OK) == 0 else { return nil }
        return try? opened()
    }

    /// Every contact, or those whose name contains `text`.
    public func list(matching text: String?) throws -> [Contact] {
        let store = try opened()
        if let text, !text.isEmpty { return try store.search(text) }
        return try store.all()
    }

    public func importVCards(contentsOf path: String) throws -> VCardImportReport {
        try opened().importVCards(contentsOf: path)
    }

    /// What to dial for a contact named exactly `name` (any case): its first SIP URI,
    /// else its first number.
    public func address(named name: String) -> String? {
        guard let contact = (try? existing()?.search(name))?.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            return nil
        }
        return contact.uris.first ?? contact.numbers.first?.number
    }

    /// The name to show for a caller: the contact whose URI — or, for a number, whose
    /// phone number — matches.
    public func name(for uri: String) -> String? {
        guard let store = existing() else { return nil }
        if let contact = try? store.lookup(uri: uri) { return contact.name }
        guard let user = ContactKeys.sipKey(uri)?.split(separator: "@").first,
              user.contains(where: \.isNumber),
              user.allSatisfy({ $0.isNumber || $0 == "+" }) else { return nil }
        return (try? store.lookup(number: String(user)))?.name
    }
}
