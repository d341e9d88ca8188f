import Control
import UserAgent
#if canImport(Glibc)
import Glibc
#endif

/// Writes `account add`'s account into the configuration file: appended after what the file
/// holds (kept byte for byte), or in a new file (mode 0600, folders 0700) when there is none.
/// The result must load as a configuration before it replaces the file, so a duplicate
/// name or a broken file is refused and the file stays as it was. The new contents go to a
/// temporary file that is renamed over the old one: a crash leaves the old file or the new,
/// never half of one.
enum AccountFile {
    /// What was written.
    struct Written: Equatable {
        let path: String
        let created: Bool
    }

    /// The file `account add` writes: the one pipit loaded, else the default one (which
    /// does not exist yet: pipit runs the built-in setup).
    static func path(for config: PipitConfig, environment: [String: String] = ConfigLoader.processEnvironment()) -> String? {
        config.path ?? ConfigLoader.defaultPath(environment: environment)
    }

    static func add(_ draft: AccountDraft, to path: String,
                    environment: [String: String] = ConfigLoader.processEnvironment()) -> Result<Written, AccountCommandError> {
        let target = resolved(path)
        let existing: [UInt8]?
        switch read(target) {
        case .success(let bytes): existing = bytes
        case .failure(let error): return .failure(error)
        }
        if let existing {
            do {
                _ = try ConfigLoader.decode(String(decoding: existing, as: UTF8.self), path: target, environment: environment)
            } catch {
                return .failure(AccountCommandError("\(target) does not load now; fix it first: \(error)"))
            }
        }
        let bytes = AccountTable.appending(draft, to: existing ?? [])
        do {
            _ = try ConfigLoader.decode(String(decoding: bytes, as: UTF8.self), path: target, environment: environment)
        } catch {
            return .failure(AccountCommandError("the account cannot be added to \(target): \(error)"))
        }
        if let problem = makeFolders(for: target) { return .failure(problem) }
        if let problem = replace(target, with: bytes) { return .failure(problem) }
        return .success(Written(path: target, created: existing == nil))
    }

    /// The file a symbolic link points to (a configuration kept in a dotfiles folder stays
    /// there); the path itself when it does not exist yet.
    private static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    /// The file's bytes; nil when there is no file.
    private static func read(_ path: String) -> Result<[UInt8]?, AccountCommandError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return errno == ENOENT ? .success(nil) : .failure(system("cannot read \(path)"))
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(system("cannot read \(path)"))
            }
            if n == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[..<n])
            guard bytes.count <= ConfigLoader.maxFileSize else { return .failure(AccountCommandError("\(path) is too large")) }
        }
    }

    /// Creates the missing folders above `path`, private (0700) as the XDG spec asks.
    private static func makeFolders(for path: String) -> AccountCommandError? {
        var folder = ""
        for part in path.split(separator: "/").dropLast() {
            folder += "/" + part
            if mkdir(folder, 0o700) != 0 && errno != EEXIST { return system("cannot create \(folder)") }
        }
        return nil
    }

    /// Writes `bytes` to a private temporary file beside `path`, then renames it over `path`.
    private static func replace(_ path: String, with bytes: [UInt8]) -> AccountCommandError? {
        let temporary = path + ".new-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return system("cannot write \(temporary)") }
        var offset = 0
        var failed = false
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { failed = true; break }
            offset += n
        }
        // The umask may have narrowed the mode only; 0600 exactly, whatever the old file had.
        if failed || fchmod(fd, 0o600) != 0 || fsync(fd) != 0 {
            let error = system("cannot write \(temporary)")
            close(fd)
            unlink(temporary)
            return error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let error = system("cannot replace \(path)")
            unlink(temporary)
            return error
        }
        return nil
    }

    private static func system(_ what: String) -> AccountCommandError {
        AccountCommandError("\(what): \(String(cString: strerror(errno)))")
    }
}
