import Testing
@testable import UserAgent

@Suite("Contacts")
struct ContactStoreTests {
    let dir: StoreTestDirectory
    let contacts: ContactStore

    init() throws {
        dir = try StoreTestDirectory()
        contacts = ContactStore(database: try PipitDatabase.open(directory: dir.path))
    }

    static let bob = Contact(name: "Bob Builder", uris: ["sip:bob@example.com", "sips:bob@work.example"],
                             numbers: [Contact.Number("+49 (30) 1234-56", label: "work"),
                                       Contact.Number("0170 999")],
                             note: "builds things")

    @Test(.timeLimit(.minutes(1)))
    func addReadUpdateDelete() throws {
        let stored = try contacts.add(Self.bob)
        let id = try #require(stored.id)
        var expected = Self.bob
        expected.id = id
        #expect(try contacts.contact(id: id) == expected)

        expected.name = "Robert Builder"
        expected.uris = ["sip:robert@example.com"]
        expected.numbers = [Contact.Number("+1 555 0100", label: "cell")]
        expected.note = nil
        try contacts.update(expected)
        #expect(try contacts.contact(id: id) == expected)
        #expect(try contacts.lookup(uri: "sip:bob@example.com") == nil, "old URIs are gone")

        #expect(try contacts.delete(id: id))
        #expect(try !contacts.delete(id: id))
        #expect(try contacts.contact(id: id) == nil)
        #expect(try contacts.database.query("SELECT count(*) FROM contact_uris") { $0.int64(0) } == [0])
        #expect(try contacts.database.query("SELECT count(*) FROM contact_numbers") { $0.int64(0) } == [0])
    }

    @Test(.timeLimit(.minutes(1)))
    func invalidContactsAreRefused() throws {
        #expect(throws: StoreError.invalid("contact name is empty")) {
            try contacts.add(Contact(name: "  ", uris: ["sip:a@b"]))
        }
        #expect(throws: StoreError.invalid("not a SIP address: mailto:a@b")) {
            try contacts.add(Contact(name: "A", uris: ["mailto:a@b"]))
        }
        #expect(throws: StoreError.invalid("not a phone number: call me")) {
            try contacts.add(Contact(name: "A", numbers: [Contact.Number("call me")]))
        }
        #expect(throws: StoreError.self) {
            try contacts.add(Contact(name: String(repeating: "x", count: 5_000)))
        }
        let tooMany = (0...ContactStore.maximumAddresses).map { Contact.Number("\($0)") }
        #expect(throws: StoreError.self) { try contacts.add(Contact(name: "A", numbers: tooMany)) }
        #expect(throws: StoreError.invalid("contact has no id")) { try contacts.update(Contact(name: "A")) }
        #expect(throws: StoreError.notFound("contact 999")) { try contacts.update(Contact(id: 999, name: "A")) }
        #expect(try contacts.all().isEmpty)
    }

    @Test(.timeLimit(.minutes(1)))
    func listAndSearchByName() throws {
        for name in ["carol", "Alice Liddell", "Bob Builder", "Malice 100%"] {
            try contacts.add(Contact(name: name, numbers: [Contact.Number("1")]))
        }
        #expect(try contacts.all().map(\.name) == ["Alice Liddell", "Bob Builder", "carol", "Malice 100%"])
        #expect(try contacts.all(limit: 2).map(\.name) == ["Alice Liddell", "Bob Builder"])
        #expect(try contacts.search("ali", match: .prefix).map(\.name) == ["Alice Liddell"])
        #expect(try contacts.search("ali", match: .substring).map(\.name) == ["Alice Liddell", "Malice 100%"])
        #expect(try contacts.search("CAR", match: .prefix).map(\.name) == ["carol"])
        #expect(try contacts.search("0%").map(\.name) == ["Malice 100%"])
        #expect(try contacts.search("_").isEmpty, "wildcards are literal")
    }

    @Test(.timeLimit(.minutes(1)))
    func lookupByURIIgnoresDisplayParametersPortAndCase() throws {
        try contacts.add(Self.bob)
        for form in ["sip:bob@example.com", "sip:bob@example.com;transport=tcp", "<sip:bob@example.com>",
                     "\"Bobby\" <sip:Bob@EXAMPLE.com:5060;transport=tls>;tag=abc", "sips:bob@example.com",
                     " sip:bob@example.com?subject=hi ", "bob@example.com", "sip:bob@work.example"] {
            #expect(try contacts.lookup(uri: form)?.name == "Bob Builder", "\(form)")
        }
        for form in ["sip:bob@example.org", "sip:rob@example.com", "sip:example.com", "mailto:bob@example.com", ""] {
            #expect(try contacts.lookup(uri: form) == nil, "\(form)")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func lookupByNumberComparesDigitsAndPlus() throws {
        try contacts.add(Self.bob)
        for form in ["+493012345 6", "+49-30-123456", "tel:+49-30-123456;phone-context=x", "0170999"] {
            #expect(try contacts.lookup(number: form)?.name == "Bob Builder", "\(form)")
        }
        #expect(try contacts.lookup(number: "493012345 6") == nil, "a leading + is significant")
        #expect(try contacts.lookup(number: "no digits") == nil)
        // A caller's URI that is really a number finds the contact by number.
        #expect(try contacts.lookup(uri: "sip:+49301234 56@carrier.example;user=phone")?.name == "Bob Builder")
        #expect(try contacts.lookup(uri: "<sip:0170999@carrier.example>")?.name == "Bob Builder")
        #expect(try contacts.lookup(uri: "tel:+49-30-123456")?.name == "Bob Builder")
        #expect(try contacts.lookup(uri: "sip:+1555@carrier.example") == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func keysNormalise() {
        #expect(ContactKeys.sipKey("sip:Bob@Example.COM:5070;lr") == "bob@example.com")
        #expect(ContactKeys.sipKey("sip:[2001:db8::1]:5060") == "[2001:db8::1]")
        #expect(ContactKeys.sipKey("sip:alice@[2001:DB8::1];transport=udp") == "alice@[2001:db8::1]")
        #expect(ContactKeys.sipKey("Alice <sip:alice@atlanta.example>") == "alice@atlanta.example")
        #expect(ContactKeys.sipKey("tel:+1234") == nil)
        #expect(ContactKeys.sipKey("sip:") == nil)
        #expect(ContactKeys.sipKey("<") == nil)
        #expect(ContactKeys.numberKey("+1 (418) 656-9254") == "+14186569254")
        #expect(ContactKeys.numberKey("tel:+1-418-656-9254;ext=102") == "+14186569254")
        #expect(ContactKeys.numberKey("00 49 30") == "004930")
        #expect(ContactKeys.numberKey("٣٤٥") == nil, "only ASCII digits count")
        #expect(ContactKeys.numberKey("+") == nil)
    }
}
