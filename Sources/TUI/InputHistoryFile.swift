import UserAgent
#if canImport(Glibc)
import Glibc
#endif

/// Keeps the input history across runs: one line per entry in
/// `$XDG_STATE_HOME/pipit/input_history`, else `input_history` in the data directory.
/// Each entered line is appended at once (nothing is lost to a crash); loading keeps the
/// newest `limit` and rewrites the file when it has grown past twice that.
public struct InputHistoryFile: Sendable {
    public let path: String
    public let limit: Int

    public init(path: String, limit: Int = InputHistory.defaultLimit) {
        self.path = path
        self.limit = limit
    }

    /// The file for this environment; nil when neither directory can be found.
    public static func standard() -> InputHistoryFile? {
        if let state = getenv("XDG_STATE_HOME").map({ String(cString: $0) }), state.hasPrefix("/") {
            return InputHistoryFile(path: state + "/pipit/input_history")
        }
        guard let data = try? DataDirectory.current() else { return nil }
        return InputHistoryFile(path: data + "/input_history")
    }

    /// The saved entries (none when there is no file yet).
    public func load() -> InputHistory {
        guard let file = fopen(path, "r") else { return InputHistory(limit: limit) }
        defer { fclose(file) }
        var lines: [String] = []
        var buffer: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(buffer) }
        while true {
            let count = getline(&buffer, &capacity, file)
            guard count >= 0, let buffer else { break }
            let bytes = UnsafeRawBufferPointer(start: buffer, count: min(count, InputLine.maxLength * 4))
            var line = String(decoding: bytes, as: UTF8.self)
            if line.hasSuffix("\n") { line.removeLast() }
            if !line.isEmpty { lines.append(line) }
            if lines.count > limit * 4 { lines.removeFirst(lines.count - limit) } // bound memory for a huge file
        }
        let history = InputHistory(lines, limit: limit)
        if lines.count > limit * 2 { rewrite(history.entries) }
        return history
    }

    /// Appends one entered line.
    public func append(_ line: String) {
        guard !line.contains("\n"), prepareDirectory() else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        writeAll(fd, Array((line + "\n").utf8))
    }

    private func rewrite(_ entries: [String]) {
        guard prepareDirectory() else { return }
        let temporary = path + ".new"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        writeAll(fd, Array(entries.map { $0 + "\n" }.joined().utf8))
        close(fd)
        rename(temporary, path)
    }

    private func prepareDirectory() -> Bool {
        guard let slash = path.lastIndex(of: "/") else { return true }
        let directory = String(path[..<slash])
        return (try? DataDirectory.prepare(directory)) != nil
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            offset += n
        }
    }
}
