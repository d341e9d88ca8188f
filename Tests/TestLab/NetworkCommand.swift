import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the short `ip` and `nft` commands that build a network lab, synchronously: each
/// takes a few milliseconds, and the lab's polling `execute` would add 25 ms to each of
/// the dozens a topology needs.
enum NetworkCommand {
    /// Runs `tool` with `arguments` (stdin from `input` when given) and returns its stdout.
    /// A non-zero exit throws an error that shows the command line and its stderr.
    @discardableResult
    static func run(_ tool: Tool, _ arguments: [String], input: String? = nil) throws -> String {
        let executable = try tool.path()
        let commandLine = ([tool.name] + arguments).joined(separator: " ")
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        var feed: [Int32] = [-1, -1]
        guard pipe(&output) == 0, pipe(&errors) == 0, pipe(&feed) == 0 else {
            throw LabError.unexpected("\(commandLine): pipe() failed (errno \(errno))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, feed[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        for fd in output + errors + feed { posix_spawn_file_actions_addclose(&actions, fd) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, nil, argv, environ)
        close(output[1])
        close(errors[1])
        close(feed[0])
        if let input, rc == 0 {
            let bytes = Array(input.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { write(feed[1], $0.baseAddress, $0.count) }
                if n <= 0 { break }
                offset += n
            }
        }
        close(feed[1])
        let stdout = drain(output[0])
        let stderr = drain(errors[0])
        guard rc == 0 else { throw LabError.spawnFailed(commandLine, errno: rc) }
        var raw: Int32 = 0
        while waitpid(child, &raw, 0) == -1 && errno == EINTR {}
        let status = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        guard status == 0 else {
            let detail = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw LabError.unexpected("`\(commandLine)` failed (status \(status)): \(detail)")
        }
        return stdout
    }

    /// Reads `fd` to its end and closes it.
    private static func drain(_ fd: Int32) -> String {
        defer { close(fd) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                data += chunk[0..<n]
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return String(decoding: data, as: UTF8.self)
            }
        }
    }
}

extension Tool {
    /// iproute2's `ip`: namespaces, links, addresses, routes.
    public static let ip = Tool("ip", package: "iproute2")
    /// nftables' `nft`: the routers' NAT and filter rules.
    public static let nft = Tool("nft", package: "nftables")
}
