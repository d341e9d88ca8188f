#if canImport(Glibc)
import Glibc
#endif

/// Where the command mode's lines come from.
enum CommandSource {
    case standardInput
    /// `--script FILE`, opened.
    case script(path: String, fd: Int32)
    /// `-e "CMD; CMD"`, split.
    case arguments([String])

    /// Scripts and `-e` stop at the first failure; a person typing goes on.
    var stopsOnFailure: Bool {
        if case .standardInput = self { return false }
        return true
    }

    /// How messages name the source.
    var name: String {
        switch self {
        case .standardInput: "stdin"
        case .script(let path, _): path
        case .arguments: "-e"
        }
    }

    func lines() -> AsyncStream<String> {
        switch self {
        case .standardInput: LineInput.lines(of: STDIN_FILENO)
        case .script(_, let fd): LineInput.lines(of: fd)
        case .arguments(let lines):
            AsyncStream { continuation in
                for line in lines { continuation.yield(line) }
                continuation.finish()
            }
        }
    }
}
