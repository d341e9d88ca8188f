#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TOML

/// Finds, reads, checks and decodes the configuration file.
///
/// - With `--config FILE`: that file must exist.
/// - Otherwise `$XDG_CONFIG_HOME/pipit/config.toml`, else `~/.config/pipit/config.toml`; if
///   it does not exist, `PipitConfig.builtInLocal`.
/// A file that holds a password (`password`, `turn_password`) must not be readable or
/// writable by group or others.
public enum ConfigLoader {
    /// Files larger than this are refused (a configuration is a few KiB).
    public static let maxFileSize = 1 << 20

    /// `$XDG_CONFIG_HOME/pipit/config.toml` (only an absolute XDG_CONFIG_HOME counts, as the
    /// XDG spec says), else `$HOME/.config/pipit/config.toml`; nil without either.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return xdg.trimmingTrailingSlashes + "/pipit/config.toml"
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return home.trimmingTrailingSlashes + "/.config/pipit/config.toml"
        }
        return nil
    }

    /// The variables the loader uses (HOME, USER, XDG_CONFIG_HOME) from this process.
    public static func processEnvironment() -> [String: String] {
        var out: [String: String] = [:]
        for name in ["HOME", "USER", "XDG_CONFIG_HOME"] {
            if let value = getenv(name) { out[name] = String(cString: value) }
        }
        return out
    }

    /// Loads `explicitPath` (`--config FILE`; must exist) or the default file (built-in
    /// local setup when it does not exist).
    public static func load(explicitPath: String?, environment: [String: String] = processEnvironment()) throws(ConfigError) -> PipitConfig {
        if let explicitPath { return try load(path: explicitPath, environment: environment) }
        guard let path = defaultPath(environment: environment) else {
            return .builtInLocal(user: environment["USER"] ?? "pipit")
        }
        var info = stat()
        if stat(path, &info) != 0, errno == ENOENT {
            return .builtInLocal(user: environment["USER"] ?? "pipit")
        }
        return try load(path: path, environment: environment)
    }

    /// Reads and decodes one file, refusing it if it holds a password and group or others
    /// may access it.
    public static func load(path: String, environment: [String: String] = processEnvironment()) throws(ConfigError) -> PipitConfig {
        let (bytes, mode) = try ConfigFile.load(path)
        let table: TOMLTable
        do {
            table = try TOMLTable.parse(utf8: bytes)
        } catch {
            throw .syntax(ConfigDiagnostic(path: path, line: error.line, column: error.column, section: nil, key: nil, message: error.message))
        }
        if mode & 0o066 != 0, holdsPassword(table) {
            throw .insecurePermissions(path: path, mode: mode)
        }
        return try decode(table, path: path, environment: environment)
    }

    /// Decodes configuration text (no file access, no permission check): for tests and
    /// for checking a file's contents.
    public static func decode(_ text: String, path: String? = nil, environment: [String: String] = [:]) throws(ConfigError) -> PipitConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable.parse(text)
        } catch {
            throw .syntax(ConfigDiagnostic(path: path, line: error.line, column: error.column, section: nil, key: nil, message: error.message))
        }
        return try decode(table, path: path, environment: environment)
    }

    static func decode(_ table: TOMLTable, path: String?, environment: [String: String]) throws(ConfigError) -> PipitConfig {
        var decoder = ConfigDecoder(path: path, home: environment["HOME"], userName: environment["USER"] ?? "pipit")
        let config = decoder.decode(table)
        guard decoder.problems.isEmpty else {
            throw .invalid(decoder.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return config
    }

    /// Re-reads the file `current` came from (for `reload`) and says what changed. The
    /// built-in setup (no file) reloads the default file once one exists (`account add`
    /// writes it), else itself.
    public static func reload(_ current: PipitConfig, environment: [String: String] = processEnvironment()) throws(ConfigError) -> (PipitConfig, ConfigChanges) {
        var info = stat()
        guard let path = current.path ?? defaultPath(environment: environment).flatMap({ stat($0, &info) == 0 ? $0 : nil }) else {
            return (current, current.changes(to: current))
        }
        let new = try load(path: path, environment: environment)
        return (new, current.changes(to: new))
    }

    /// True when the document has a literal `password` or `turn_password` anywhere the
    /// loader reads one (whatever else is wrong with it).
    static func holdsPassword(_ table: TOMLTable) -> Bool {
        if table["network"]?.tableValue?["turn_password"] != nil { return true }
        guard let accounts = table["account"]?.arrayValue else { return false }
        return accounts.values.contains {
            $0.tableValue?["password"] != nil || $0.tableValue?["turn_password"] != nil
        }
    }
}

extension String {
    var trimmingTrailingSlashes: String {
        var s = Substring(self)
        while s.count > 1, s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }
}
