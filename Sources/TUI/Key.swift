/// A key press as the key handler sees it; the curses driver decodes terminal input to these.
public enum Key: Sendable, Equatable {
    case character(Character)
    /// Ctrl and a letter (lower case): Ctrl-A is `.control("a")`.
    case control(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
}
