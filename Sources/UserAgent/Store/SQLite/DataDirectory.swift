#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where pipit keeps its data (XDG base directories) and how the files are protected:
/// call history and contacts are private, so the directory is 0700 and files are 0600.
public enum DataDirectory {
    /// `$XDG_DATA_HOME/pipit`, else `$HOME/.local/share/pipit`. A relative
    /// `XDG_DATA_HOME` is ignored, as the XDG spec says. Nil when neither is usable.
    public static func path(xdgDataHome: String?, home: String?) -> String? {
        if let base = xdgDataHome, base.hasPrefix("/") {
            return join(base, "pipit")
        }
        if let home, home.hasPrefix("/") {
            return join(home, ".local/share/pipit")
        }
        return nil
    }

    /// The data directory for this process's environment (HOME falling back to the
    /// password database).
    public static func current() throws -> String {
        let xdg = getenv("XDG_DATA_HOME").map { String(cString: $0) }
        var home = getenv("HOME").map { String(cString: $0) }
        if home?.isEmpty ?? true, let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir {
            home = String(cString: dir)
        }
        guard let path = path(xdgDataHome: xdg, home: home) else {
            throw StoreError.invalid("no data directory: set XDG_DATA_HOME or HOME to an absolute path")
        }
        return path
    }

    /// Creates `path` and any missing parents with mode 0700, and makes `path` itself
    /// 0700 even if it already existed wider open.
    public static func prepare(_ path: String) throws {
        var prefix = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0, errno != EEXIST {
                throw StoreError.fileSystem(operation: "mkdir", path: prefix, errno: errno)
            }
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw StoreError.fileSystem(operation: "stat", path: path, errno: errno)
        }
        guard info.st_mode & mode_t(S_IFMT) == mode_t(S_IFDIR) else {
            throw StoreError.fileSystem(operation: "use as directory", path: path, errno: ENOTDIR)
        }
        if info.st_mode & 0o777 != 0o700, chmod(path, 0o700) != 0 {
            throw StoreError.fileSystem(operation: "chmod 0700", path: path, errno: errno)
        }
    }

    /// Creates the file at `path` with mode 0600 if missing, and narrows it to 0600 if it
    /// exists wider open. SQLite gives its `-wal` and `-shm` files the database's mode.
    public static func prepareFile(_ path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw StoreError.fileSystem(operation: "open", path: path, errno: errno)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw StoreError.fileSystem(operation: "stat", path: path, errno: errno)
        }
        if info.st_mode & 0o777 != 0o600, fchmod(fd, 0o600) != 0 {
            throw StoreError.fileSystem(operation: "chmod 0600", path: path, errno: errno)
        }
    }

    static func join(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }
}
