/// How a piece of text looks. The curses driver maps each style to a colour pair, or to
/// plain attributes (reverse, bold, dim) on a monochrome terminal or under `NO_COLOR`.
public enum Style: Int, Sendable, CaseIterable {
    case normal
    /// The status line and the pane tabs.
    case bar
    /// The selected tab, the current call.
    case selected
    /// Hints, ages, things of lesser weight.
    case dim
    /// An incoming call: it must catch the eye.
    case alert
    /// Registered, established, encrypted.
    case good
    /// Registering, ringing, on hold.
    case warning
    /// Failed, missed, errors.
    case bad
    /// A key name in hints and in the help screen.
    case key
}

/// A run of text in one style.
public struct Span: Sendable, Equatable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .normal) {
        self.text = text
        self.style = style
    }
}

/// One terminal row: spans that together are at most the screen's width in columns.
public struct ScreenLine: Sendable, Equatable {
    public var spans: [Span]

    public init(_ spans: [Span] = []) { self.spans = spans }

    /// The row's text without styles (for tests and filtering).
    public var text: String { spans.map(\.text).joined() }
    /// Columns the row takes on a terminal.
    public var width: Int { spans.reduce(0) { $0 + DisplayWidth.of($1.text) } }
}

/// What the terminal should show: exactly `height` rows of at most `width` columns, and
/// where the cursor goes. A pure value: the layout makes it, the driver draws it.
public struct Screen: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var lines: [ScreenLine]
    /// Row and column of the text cursor; nil hides it.
    public var cursor: Cursor?

    public struct Cursor: Sendable, Equatable {
        public var row: Int
        public var column: Int

        public init(row: Int, column: Int) {
            self.row = row
            self.column = column
        }
    }

    public init(width: Int, height: Int, lines: [ScreenLine], cursor: Cursor?) {
        self.width = width
        self.height = height
        self.lines = lines
        self.cursor = cursor
    }
}
