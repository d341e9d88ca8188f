/// A person or place the user calls: a name, any number of SIP URIs and phone numbers.
public struct Contact: Sendable, Equatable, Identifiable {
    /// One phone number with an optional label ("cell", "work" …).
    public struct Number: Sendable, Equatable {
        /// The number as the user wrote it ("+49 30 1234-56").
        public var number: String
        public var label: String?

        public init(_ number: String, label: String? = nil) {
            self.number = number
            self.label = label
        }
    }

    /// Assigned by the store; nil for a contact not stored yet.
    public var id: Int64?
    public var name: String
    /// SIP URIs as written ("sip:bob@example.com").
    public var uris: [String]
    public var numbers: [Number]
    public var note: String?
    /// The vCard UID it was imported from, which re-imports match on.
    public var uid: String?

    public init(id: Int64? = nil, name: String, uris: [String] = [], numbers: [Number] = [],
                note: String? = nil, uid: String? = nil) {
        self.id = id
        self.name = name
        self.uris = uris
        self.numbers = numbers
        self.note = note
        self.uid = uid
    }
}
