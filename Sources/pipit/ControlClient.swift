#if canImport(Glibc)
import Glibc
#endif

/// `pipit --send "CMD"` and the URI hand-off: one command line to the running pipit over
/// the control socket; its reply lines go to standard output.
enum ControlClient {
    enum Outcome: Equatable {
        /// No pipit serves the socket (or there is no socket directory).
        case noInstance(String)
        /// The command ran; `ok` says whether it succeeded.
        case replied(ok: Bool)
    }

    /// Sends `line` and prints the reply (without the end marker).
    static func send(_ line: String) -> Outcome {
        let path: String
        switch ControlPath.current() {
        case .success(let location): path = location.socket
        case .failure(let error): return .noInstance(error.description)
        }
        guard let fd = connectUnix(path) else {
            return .noInstance("no pipit is running (\(path): \(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        guard writeAll(fd, Array((line + "\n").utf8)) else { return .noInstance("the running pipit hung up") }
        shutdown(fd, Int32(SHUT_WR)) // one command: the server ends the reply and closes
        var reader = SocketLineReader(fd: fd, limit: 65_536)
        while let (reply, _) = reader.next() {
            switch reply {
            case ".ok": return .replied(ok: true)
            case ".failed": return .replied(ok: false)
            default: FileOutput.write(reply, to: STDOUT_FILENO)
            }
        }
        return .noInstance("the running pipit closed the connection without a reply")
    }

    /// `--send`'s exit status, with a message on standard error when it is not 0.
    static func run(_ line: String) -> Int32 {
        switch send(line) {
        case .replied(ok: true):
            return ExitStatus.ok
        case .replied(ok: false):
            FileOutput.standardError("pipit: the command failed")
            return ExitStatus.commandFailed
        case .noInstance(let why):
            FileOutput.standardError("pipit: \(why)")
            return ExitStatus.startFailed
        }
    }
}
