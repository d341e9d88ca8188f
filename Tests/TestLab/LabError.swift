/// Why the lab could not do what a test asked.
public enum LabError: Error, CustomStringConvertible, Sendable {
    /// A peer's binary is not installed; `package` is the Debian package that provides it.
    case missingTool(String, package: String)
    /// A process could not be started.
    case spawnFailed(String, errno: Int32)
    /// A condition polled for did not become true in time.
    case timeout(String)
    /// A process ended while the test still needed it.
    case exited(String, status: LabProcess.Status)
    /// No free loopback port could be found.
    case noFreePort
    /// A peer could not bind a port the lab chose for it (someone took it first).
    case portInUse(String)
    /// A peer answered something the lab did not expect.
    case unexpected(String)

    public var description: String {
        switch self {
        case let .missingTool(tool, package):
            "\(tool) is not installed: install the Debian package '\(package)' (`make test-deps` does)"
        case let .spawnFailed(what, errno):
            "could not start \(what): errno \(errno)"
        case let .timeout(what):
            "timed out waiting for \(what)"
        case let .exited(what, status):
            "\(what) ended early (\(status))"
        case .noFreePort:
            "no free loopback port"
        case let .portInUse(what):
            "\(what) could not bind its port: address already in use"
        case let .unexpected(what):
            what
        }
    }
}
