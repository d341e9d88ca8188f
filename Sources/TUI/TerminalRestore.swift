import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// Gives the terminal back when pipit crashes: a handler for the crash signals ends curses
/// (modes, main screen, cursor), puts back the handler that was there before (Swift's
/// backtracer, or the default) and raises the signal again, so the crash still reports
/// and dumps core as it would have.
enum TerminalRestore {
    static let crashSignals: [Int32] = [SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTRAP]

    /// The handlers in place before ours, by signal number; written once before any crash.
    nonisolated(unsafe) private static var previous = [Glibc.sigaction](repeating: Glibc.sigaction(), count: 65)

    static func installCrashHandlers() {
        for number in crashSignals {
            var action = Glibc.sigaction()
            action.__sigaction_handler.sa_handler = { number in
                endwin()
                var before = TerminalRestore.previous[Int(number)]
                sigaction(number, &before, nil)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0 // the handler puts the previous one back itself
            var old = Glibc.sigaction()
            sigaction(number, &action, &old)
            previous[Int(number)] = old
        }
    }
}
