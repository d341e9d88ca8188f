import Foundation
import Testing

/// The real `pipit` binary in a pseudo-terminal: with no `--headless` on a terminal it
/// starts the full-screen interface, and `:quit` gives the terminal back.
@Suite(.timeLimit(.minutes(1)))
struct TUITerminalTests {
    /// pipit started on a fresh 80×24 pseudo-terminal, with its files in `home`.
    private func start(_ home: TestHome, term: String = "xterm-256color") throws -> (Process, PseudoTerminal) {
        let terminal = try PseudoTerminal(columns: 80, rows: 24)
        let process = Process()
        process.executableURL = PipitBinary.url
        process.arguments = []
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.url.path
        environment["XDG_CONFIG_HOME"] = home.url.appendingPathComponent("config").path
        environment["XDG_DATA_HOME"] = home.url.appendingPathComponent("data").path
        environment["XDG_STATE_HOME"] = home.url.appendingPathComponent("state").path
        environment["TERM"] = term
        environment["SWIFT_BACKTRACE"] = "interactive=no" // a crash must not wait for a key
        environment["PATH"] = "/usr/bin:/bin" // no notify-send surprises from a desktop session
        process.environment = environment
        process.standardInput = terminal.child
        process.standardOutput = terminal.child
        process.standardError = terminal.child
        try process.run()
        terminal.closeChildSide()
        return (process, terminal)
    }

    private func waitForExit(_ process: Process) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(15)
        while process.isRunning && clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { process.terminate() }
        #expect(!process.isRunning, "pipit did not end")
    }

    private func waitForScreen(_ terminal: PseudoTerminal) async throws {
        try await terminal.waitFor("the status line and the input line") { screen in
            screen.contains("\u{1B}[?1049h") && screen.contains(" pipit ") && screen.contains("alice")
                && screen.contains("local") && screen.contains("Calls") && screen.contains("> ")
        }
    }

    @Test func startsTheScreenAndQuitsRestoringTheTerminal() async throws {
        let home = try TestHome.local("alice")
        defer { try? FileManager.default.removeItem(at: home.url) }
        let (process, terminal) = try start(home)
        try await waitForScreen(terminal)
        terminal.type(":quit\r")
        try await waitForExit(process)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        try await terminal.waitFor("the main screen back (rmcup)") { $0.contains("\u{1B}[?1049l") }
        let saved = try String(contentsOfFile: home.url.appendingPathComponent("state/pipit/input_history").path, encoding: .utf8)
        #expect(saved == ":quit\n")
    }

    @Test func aTerminalThatCannotShowAScreenIsNamed() async throws {
        let home = try TestHome.local("alice")
        defer { try? FileManager.default.removeItem(at: home.url) }
        let (process, terminal) = try start(home, term: "dumb")
        try await waitForExit(process)
        #expect(process.terminationStatus == 1)
        try await terminal.waitFor("the reason") { $0.contains("the terminal (TERM=dumb) cannot show the full-screen interface") }
    }

    @Test func sigtermQuitsCleanlyAndACrashStillRestoresTheTerminal() async throws {
        let home = try TestHome.local("alice")
        defer { try? FileManager.default.removeItem(at: home.url) }
        let (quitting, first) = try start(home)
        try await waitForScreen(first)
        kill(quitting.processIdentifier, SIGTERM)
        try await waitForExit(quitting)
        #expect(quitting.terminationReason == .exit && quitting.terminationStatus == 0)
        try await first.waitFor("rmcup after SIGTERM") { $0.contains("\u{1B}[?1049l") }

        let (crashing, second) = try start(home)
        try await waitForScreen(second)
        kill(crashing.processIdentifier, SIGSEGV)
        try await waitForExit(crashing)
        #expect(crashing.terminationReason == .uncaughtSignal && crashing.terminationStatus == SIGSEGV)
        try await second.waitFor("rmcup after SIGSEGV") { $0.contains("\u{1B}[?1049l") }
    }
}

/// A pseudo-terminal pair: the child side becomes the process's terminal, the test reads
/// everything written to it from the master side on a thread of its own.
final class PseudoTerminal: @unchecked Sendable {
    let master: Int32
    let child: FileHandle
    private let lock = NSLock()
    private var bytes: [UInt8] = []

    init(columns: UInt16, rows: UInt16) throws {
        // Swift's Glibc module leaves posix_openpt, grantpt, unlockpt and ptsname out
        // (X/Open declarations): found at run time instead.
        typealias OpenPT = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        func function<T>(_ name: String, _ type: T.Type) throws -> T {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { throw PseudoTerminalError.cannotOpen }
            return unsafeBitCast(symbol, to: type)
        }
        let openpt = try function("posix_openpt", OpenPT.self), grant = try function("grantpt", OpenPT.self)
        let unlock = try function("unlockpt", OpenPT.self), ptsname = try function("ptsname", Name.self)
        master = openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, grant(master) == 0, unlock(master) == 0, let pointer = ptsname(master) else {
            throw PseudoTerminalError.cannotOpen
        }
        let name = String(cString: pointer)
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let fd = open(name, O_RDWR | O_NOCTTY)
        guard fd >= 0 else { throw PseudoTerminalError.cannotOpen }
        child = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        let thread = Thread { [weak self] in self?.readAll() }
        thread.start()
    }

    deinit { close(master) }

    /// The parent's copy of the child side: closed once the child has it, so reads end
    /// (EIO) when the child exits.
    func closeChildSide() { try? child.close() }

    private func readAll() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            lock.withLock { bytes += buffer[0..<n] }
        }
    }

    var output: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }

    func type(_ text: String) {
        let data = Array(text.utf8)
        _ = data.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    func waitFor(_ what: String, timeout: Duration = .seconds(10), _ predicate: (String) -> Bool) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if predicate(output) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for \(what); the terminal got:\n\(output.debugDescription.suffix(3000))")
        throw PseudoTerminalError.timeout
    }
}

enum PseudoTerminalError: Error { case cannotOpen, timeout }
