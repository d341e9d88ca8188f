import Audio
import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// The thin curses layer: starts and ends the screen, draws a `Screen` row by row where it
/// changed, and reads keys. Not thread-safe, like curses: one task owns it (`TUIApp.run`).
final class CursesTerminal {
    private let curses: CursesLibrary
    private var window: UnsafeMutablePointer<WINDOW>?
    private var previous: Screen?
    private let colours: Bool

    // ncurses' attribute bits (NCURSES_BITS(mask, shift) = mask << (shift + 8)); the
    // macros are function-like, which Swift does not import.
    private static let underline: attr_t = 1 << 17
    private static let reverse: attr_t = 1 << 18
    private static let dim: attr_t = 1 << 20
    private static let bold: attr_t = 1 << 21

    /// Starts curses on the terminal: UTF-8 locale, cbreak, no echo, keypad, colours
    /// unless the terminal has none or `NO_COLOR` is set. Throws when ncursesw cannot be
    /// loaded; nil when curses cannot start on this terminal.
    init?() throws(SharedLibraryError) {
        let curses = try CursesLibrary.load()
        self.curses = curses
        setlocale(LC_ALL, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
        // newterm, not initscr: initscr exits the process on a terminal it cannot drive
        // (an unknown TERM, or one without cursor addressing), newterm returns nil.
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
              curses.newterm(nil, output, input) != nil, let window = curses.standardScreen.pointee else { return nil }
        // A terminal without cursor addressing (TERM=dumb) cannot show a screen.
        guard let move = curses.tigetstr("cup"), Int(bitPattern: move) != -1 else {
            _ = curses.endwin()
            return nil
        }
        self.window = window
        TerminalRestore.installCrashHandlers(endwin: curses.endwin)
        _ = curses.cbreak()
        _ = curses.noecho()
        _ = curses.nonl()
        _ = curses.keypad(window, true)
        _ = curses.nodelay(window, true)
        _ = curses.set_escdelay(25)
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        colours = !noColor && curses.has_colors() && curses.start_color() == OK
        if colours { definePairs() }
    }

    /// Ends curses: the terminal gets back its modes and its main screen (rmcup).
    func stop() {
        guard window != nil else { return }
        _ = curses.endwin()
        window = nil
    }

    var size: (width: Int, height: Int) {
        guard let window else { return (80, 24) }
        return (Int(curses.getmaxx(window)), Int(curses.getmaxy(window)))
    }

    /// After SIGWINCH: asks the terminal its size and tells curses.
    func resize() {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 {
            _ = curses.resizeterm(Int32(size.ws_row), Int32(size.ws_col))
        }
        previous = nil
    }

    /// Forgets what is on the terminal so the next `draw` repaints everything (Ctrl-L).
    func invalidate() {
        guard let window else { return }
        previous = nil
        _ = curses.clearok(window, true)
    }

    func bell() { _ = curses.beep() }

    /// Draws the rows that differ from the last screen drawn.
    func draw(_ screen: Screen) {
        guard let window else { return }
        let full = previous.map { $0.width != screen.width || $0.height != screen.height } ?? true
        if full { _ = curses.werase(window) }
        for (row, line) in screen.lines.enumerated() {
            if !full, let previous, row < previous.lines.count, previous.lines[row] == line { continue }
            _ = curses.wmove(window, Int32(row), 0)
            _ = curses.wclrtoeol(window)
            // The bottom-right cell cannot be written without scrolling: stop one short there.
            let limit = row == screen.height - 1 ? screen.width - 1 : screen.width
            var used = 0
            for span in line.spans {
                var text = span.text
                let width = DisplayWidth.of(text)
                if used + width > limit { text = DisplayWidth.truncate(text, to: limit - used) }
                put(text, style: span.style, in: window)
                used += DisplayWidth.of(text)
                if used >= limit { break }
            }
            _ = curses.wattr_set(window, 0, 0, nil)
        }
        if let cursor = screen.cursor {
            _ = curses.curs_set(1)
            _ = curses.wmove(window, Int32(cursor.row), Int32(cursor.column))
        } else {
            _ = curses.curs_set(0)
        }
        _ = curses.wrefresh(window)
        previous = screen
    }

    private func put(_ text: String, style: Style, in window: UnsafeMutablePointer<WINDOW>) {
        guard !text.isEmpty else { return }
        let (attributes, pair) = look(style)
        _ = curses.wattr_set(window, attributes, pair, nil)
        var wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        let count = Int32(wide.count)
        wide.append(0)
        _ = curses.waddnwstr(window, wide, count)
    }

    /// Reads every key waiting, without blocking.
    func readKeys() -> [TerminalInput] {
        guard let window else { return [] }
        var keys: [TerminalInput] = []
        while keys.count < 4_096 { // a paste of a whole file is cut, not looped on forever
            var code: wint_t = 0
            let result = curses.wget_wch(window, &code)
            if result == ERR { break }
            if let key = KeyDecoder.decode(result == KEY_CODE_YES, Int32(bitPattern: code)) { keys.append(key) }
        }
        return keys
    }

    private func look(_ style: Style) -> (attr_t, Int16) {
        guard colours else {
            switch style {
            case .normal, .good: return (0, 0)
            case .bar: return (Self.reverse, 0)
            case .selected, .alert: return (Self.reverse | Self.bold, 0)
            case .dim: return (Self.dim, 0)
            case .warning, .key: return (Self.bold, 0)
            case .bad: return (Self.bold | Self.underline, 0)
            }
        }
        let pair = Int16(style.rawValue)
        switch style {
        case .selected, .alert, .bad, .key: return (Self.bold, pair)
        case .dim: return (Self.dim, 0)
        case .normal, .bar, .good, .warning: return (0, pair)
        }
    }

    private func definePairs() {
        _ = curses.use_default_colors()
        let pairs: [(Style, Int32, Int32)] = [
            (.bar, COLOR_BLACK, COLOR_CYAN), (.selected, COLOR_BLACK, COLOR_YELLOW),
            (.alert, COLOR_WHITE, COLOR_RED), (.good, COLOR_GREEN, -1), (.warning, COLOR_YELLOW, -1),
            (.bad, COLOR_RED, -1), (.key, COLOR_CYAN, -1),
        ]
        for (style, foreground, background) in pairs {
            _ = curses.init_pair(Int16(style.rawValue), Int16(foreground), Int16(background))
        }
    }
}

/// What the terminal sends besides keys.
enum TerminalInput: Sendable, Equatable {
    case key(Key)
    /// curses' KEY_RESIZE.
    case resized
}

/// curses key codes to `Key`s.
enum KeyDecoder {
    static func decode(_ isFunctionKey: Bool, _ code: Int32) -> TerminalInput? {
        if isFunctionKey {
            switch code {
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_BTAB: return .key(.backTab)
            case KEY_ENTER: return .key(.enter)
            case KEY_RESIZE: return .resized
            case (KEY_F0 + 1)...(KEY_F0 + 12): return .key(.function(Int(code - KEY_F0)))
            default: return nil
            }
        }
        switch code {
        case 0x0A, 0x0D: return .key(.enter)
        case 0x09: return .key(.tab)
        case 0x08, 0x7F: return .key(.backspace)
        case 0x1B: return .key(.escape)
        case 0x01...0x1A: return .key(.control(Character(Unicode.Scalar(UInt8(0x60 + code)))))
        case 0x00...0x1F, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: code)) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }
}
