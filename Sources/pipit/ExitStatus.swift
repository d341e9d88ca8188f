/// Exit statuses of pipit, as pipit(1) documents them.
enum ExitStatus {
    static let ok: Int32 = 0
    /// pipit could not start (media engine, listening socket); `--send`: no pipit runs.
    static let startFailed: Int32 = 1
    /// A bad configuration file, or a script that cannot be opened.
    static let configuration: Int32 = 2
    /// A bad command line: an unknown option, a missing value (EX_USAGE).
    static let usage: Int32 = 64
    /// A command in a script (or `-e`, or `--send`) failed.
    static let commandFailed: Int32 = 3
    /// A `wait` in a script timed out.
    static let waitTimedOut: Int32 = 4
    /// A `wait` in a script can no longer be met (the call ended, registration was refused).
    static let waitFailed: Int32 = 5
}
