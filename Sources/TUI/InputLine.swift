/// The editable line at the bottom: text and a cursor between characters (graphemes).
public struct InputLine: Sendable, Equatable {
    /// Longest line accepted: the command parser bounds lines too; this keeps typing sane.
    public static let maxLength = 1_024

    public private(set) var text: [Character] = []
    /// 0…text.count.
    public private(set) var cursor = 0

    public init(_ string: String = "") { set(string) }

    public var string: String { String(text) }
    public var isEmpty: Bool { text.isEmpty }

    public mutating func set(_ string: String) {
        text = Array(string.prefix(Self.maxLength))
        cursor = text.count
    }

    public mutating func insert(_ character: Character) {
        guard text.count < Self.maxLength else { return }
        text.insert(character, at: cursor)
        cursor += 1
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        cursor -= 1
        text.remove(at: cursor)
    }

    public mutating func delete() {
        guard cursor < text.count else { return }
        text.remove(at: cursor)
    }

    public mutating func left() { cursor = max(0, cursor - 1) }
    public mutating func right() { cursor = min(text.count, cursor + 1) }
    public mutating func home() { cursor = 0 }
    public mutating func end() { cursor = text.count }

    /// Ctrl-U: everything before the cursor goes.
    public mutating func killToStart() {
        text.removeFirst(cursor)
        cursor = 0
    }

    /// Ctrl-W: the word before the cursor (and the spaces after it) goes.
    public mutating func deleteWord() {
        var start = cursor
        while start > 0, text[start - 1] == " " { start -= 1 }
        while start > 0, text[start - 1] != " " { start -= 1 }
        text.removeSubrange(start..<cursor)
        cursor = start
    }

    /// The text before the cursor (what completion looks at).
    public var beforeCursor: String { String(text[..<cursor]) }
}
