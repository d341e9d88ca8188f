/// What a vCard import did: how many cards were added, merged into existing contacts or
/// found already present, and which cards and properties were left out, with why.
public struct VCardImportReport: Sendable, Equatable {
    /// One card or property left out.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The line (1-based) of the card's BEGIN, or of the property.
        public var line: Int
        public var reason: String

        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }

        public var description: String { "line \(line): \(reason)" }
    }

    /// Most problems listed; the rest are only counted in `unlistedProblems`.
    public static let maximumProblems = 1_000

    /// Cards that became new contacts.
    public var added = 0
    /// Cards that added URIs, numbers or a note to a contact already stored.
    public var merged = 0
    /// Cards already fully in the store (a re-import).
    public var unchanged = 0
    /// Cards not imported.
    public var skipped: [Problem] = []
    /// Properties left out of cards (a card can be imported without them).
    public var ignored: [Problem] = []
    /// Problems beyond `maximumProblems`, not listed.
    public var unlistedProblems = 0

    public init() {}

    /// Cards now in the store: added, merged or already there.
    public var imported: Int { added + merged + unchanged }

    /// Cards not imported, listed or not.
    public var skippedCount: Int { skipped.count + unlistedSkipped }
    var unlistedSkipped = 0

    mutating func skip(line: Int, _ reason: String) {
        if skipped.count + ignored.count < Self.maximumProblems {
            skipped.append(Problem(line: line, reason: reason))
        } else {
            unlistedSkipped += 1
            unlistedProblems += 1
        }
    }

    mutating func ignore(line: Int, _ reason: String) {
        if skipped.count + ignored.count < Self.maximumProblems {
            ignored.append(Problem(line: line, reason: reason))
        } else {
            unlistedProblems += 1
        }
    }
}
