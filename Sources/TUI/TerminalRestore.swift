import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// Gives the terminal back when pipit crashes: a handler for the crash signals ends curses
/// (modes, main screen, cursor), lets the handler that was there before (Swift's
/// backtracer) report, and ends the process by the same signal, so the crash still
/// reports and dumps core as it would have.
enum TerminalRestore {
    static let crashSignals: [Int32] = [SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTRAP]

    /// The handlers in place before ours, by signal number; written once before any crash.
    nonisolated(unsafe) private static var previous = [Glibc.sigaction](repeating: Glibc.sigaction(), count: 65)
    /// ncursesw's `endwin`, loaded at run time; set once before the handlers go in.
    nonisolated(unsafe) private static var endwin: pipit_endwin_fn?

    static func installCrashHandlers(endwin: pipit_endwin_fn) {
        Self.endwin = endwin
        for number in crashSignals {
            var action = Glibc.sigaction()
            action.__sigaction_handler.sa_handler = { number in
                _ = TerminalRestore.endwin?()
                // The previous handler (Swift's backtracer) reports first; it may return,
                // so the default action then ends the process with the same signal.
                var before = TerminalRestore.previous[Int(number)]
                sigaction(number, &before, nil)
                raise(number)
                signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            // Not blocked in the handler, so each raise is delivered at once.
            action.sa_flags = Int32(truncatingIfNeeded: SA_NODEFER)
            var old = Glibc.sigaction()
            sigaction(number, &action, &old)
            previous[Int(number)] = old
        }
    }
}
