/// One problem in a configuration file, with where it is.
public struct ConfigDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The file; `nil` when the text did not come from a file.
    public var path: String?
    public var line: Int
    public var column: Int
    /// Where in the file: "general", "network", "audio", `account "work"` (or `account 2`
    /// before the account has a name); `nil` at the top level and for syntax errors.
    public var section: String?
    /// The key the problem is about; `nil` for syntax errors.
    public var key: String?
    /// What is wrong and what is allowed. Never contains a password.
    public var message: String

    public init(path: String?, line: Int, column: Int, section: String?, key: String?, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.section = section
        self.key = key
        self.message = message
    }

    /// `FILE:LINE: SECTION: KEY: MESSAGE`, e.g.
    /// `/home/a/.config/pipit/config.toml:14: account "work": expires: must be an integer from 60 to 86400, not "ten"`.
    public var description: String {
        var out = "\(path ?? "config"):\(line): "
        if let section { out += section + ": " }
        if let key { out += key + ": " }
        return out + message
    }
}

/// Why a configuration could not be loaded. Descriptions name the file, line and key, say
/// how to fix the problem, and never contain a password or password-command output.
public enum ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read: an explicit `--config FILE` that does not exist, no
    /// permission, not a regular file, too large.
    case unreadable(path: String, reason: String)
    /// The file holds a password (`password`, `turn_password`) and group or others may read
    /// or write it (`mode` is the file's permission bits).
    case insecurePermissions(path: String, mode: UInt32)
    /// Not valid TOML 1.0.
    case syntax(ConfigDiagnostic)
    /// Valid TOML with unknown keys or bad values: every problem found, in file order.
    case invalid([ConfigDiagnostic])

    /// The located problems (empty for `unreadable` and `insecurePermissions`).
    public var diagnostics: [ConfigDiagnostic] {
        switch self {
        case .syntax(let d): [d]
        case .invalid(let ds): ds
        case .unreadable, .insecurePermissions: []
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read the configuration: \(reason)"
        case .insecurePermissions(let path, let mode):
            let octal = String(mode & 0o777, radix: 8)
            return "\(path): holds a password but group or others may access it (mode \(octal)); "
                + "run `chmod 600 \(path)`, or use password_command instead of password"
        case .syntax(let d):
            return d.description
        case .invalid(let ds):
            return ds.map(\.description).joined(separator: "\n")
        }
    }
}
