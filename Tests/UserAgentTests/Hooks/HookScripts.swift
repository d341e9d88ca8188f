#if canImport(Glibc)
import Glibc
#endif
@testable import UserAgent

extension TempDirectory {
    /// Writes an executable script through a close-on-exec descriptor: tests run in
    /// parallel, and a child spawned meanwhile by another test must not inherit the file
    /// open for writing (exec would fail with ETXTBSY for as long as that child lives).
    func script(_ name: String, _ text: String, mode: mode_t = 0o700) throws -> String {
        let file = path + "/" + name
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw ScriptError.cannotWrite(file) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw ScriptError.cannotWrite(file) }
        return file
    }
}

enum ScriptError: Error { case cannotWrite(String) }
