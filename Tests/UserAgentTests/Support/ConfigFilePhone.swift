import Glibc
import NIOPosix
import SIPStack
@testable import UserAgent

/// A user agent started from a configuration file the test writes (and rewrites before a
/// `reload`), with its events collected.
struct ConfigFilePhone {
    let ua: UserAgent
    let log: EventLog
    let path: String

    static func start(_ text: String) async throws -> ConfigFilePhone {
        let dir = "/tmp/pipit-reload-\(UInt64.random(in: 0...UInt64.max))"
        mkdir(dir, 0o700)
        let path = dir + "/config.toml"
        try write(text, to: path)
        let config = try ConfigLoader.load(path: path, environment: [:])
        let stack = SIPStack(eventLoop: MultiThreadedEventLoopGroup.singleton.next(), configuration: .init(config))
        let ua = UserAgent(config: config, stack: stack, timing: .fast)
        _ = try await ua.start()
        let log = EventLog()
        let events = ua.events
        Task { for await event in events { await log.append(event) } }
        return ConfigFilePhone(ua: ua, log: log, path: path)
    }

    /// Replaces the file (mode 0600, as a file with a password must be).
    func rewrite(_ text: String) throws { try Self.write(text, to: path) }

    static func write(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw TestPhoneError.timeout("cannot write \(path)") }
        defer { close(fd) }
        _ = Array(text.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }
}
