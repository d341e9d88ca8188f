import Control
import Synchronization
import UserAgent
#if canImport(Glibc)
import Glibc
#endif

/// `account add` without arguments in the command mode: the wizard's questions go out as
/// info events, and the next lines of standard input are the answers. On a terminal the
/// password is read without echo.
struct HeadlessWizard {
    private var wizard = AccountWizard()
    private let echo = TerminalEcho(fd: STDIN_FILENO)

    /// Whether `line` starts the wizard (it is `account add` alone, read from standard input).
    static func starts(_ line: String, source: CommandSource) -> Bool {
        guard case .standardInput = source else { return false }
        return (try? AccountCommand.parse(line)) == .ask
    }

    /// The first question.
    func begin(_ printer: EventPrinter) {
        printer.print(.info(wizard.prompt))
    }

    /// Takes one line as the answer; the account once all are given, or nil (asked again,
    /// next question, or cancelled). True in `finished` when the wizard is over.
    mutating func answer(_ line: String, _ printer: EventPrinter) -> (draft: AccountDraft?, finished: Bool) {
        let wasSecret = wizard.isSecret
        let step = wizard.answer(line)
        if wasSecret { echo.set(on: true) }
        switch step {
        case .ask, .refused:
            if case .refused(let why) = step { printer.print(.error("account add: \(why)")) }
            printer.print(.info(wizard.prompt))
            if wizard.isSecret { echo.set(on: false) }
            return (nil, false)
        case .cancelled:
            printer.print(.info("account add: cancelled"))
            return (nil, true)
        case .done(let draft):
            return (draft, true)
        }
    }
}

/// Switches a terminal's echo (for a password); does nothing when `fd` is not a terminal.
struct TerminalEcho {
    let fd: Int32
    /// Echo is off now: a run that ends at the password prompt (Ctrl-C, end of input)
    /// turns it back on (see `restore`).
    private static let isOff = Atomic<Bool>(false)

    func set(on: Bool) {
        guard isatty(fd) == 1 else { return }
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { return }
        if on { settings.c_lflag |= tcflag_t(ECHO) } else { settings.c_lflag &= ~tcflag_t(ECHO) }
        if tcsetattr(fd, TCSANOW, &settings) == 0 { Self.isOff.store(!on, ordering: .relaxed) }
    }

    /// Turns echo back on if a password prompt left it off.
    static func restore(_ fd: Int32) {
        if isOff.load(ordering: .relaxed) { TerminalEcho(fd: fd).set(on: true) }
    }
}
