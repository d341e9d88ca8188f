import Foundation
import Testing
@testable import TestLab

/// The lab's own promises: it stops what it started on every path, escalates to SIGKILL,
/// cleans up forked children, and names the Debian package of a missing tool.
@Suite struct LabTests {
    struct Boom: Error {}

    static let sleep = Tool("sleep", package: "coreutils")
    static let shell = Tool("sh", package: "dash")

    /// Whether a PID names a live (not zombie) process.
    static func alive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    @Test func stopsProcessesWhenTheBodyThrows() async throws {
        var started: LabProcess?
        var directory: URL?
        await #expect(throws: Boom.self) {
            try await Lab.run { lab in
                directory = lab.directory
                started = try lab.spawn("sleeper", Self.sleep, ["30"])
                throw Boom()
            }
        }
        let process = try #require(started)
        #expect(process.status == .signaled(SIGTERM))
        #expect(!Self.alive(process.pid))
        // A failed run keeps its directory for inspection; this failure was on purpose.
        let kept = try #require(directory)
        #expect(FileManager.default.fileExists(atPath: kept.appendingPathComponent("sleeper.log").path))
        try FileManager.default.removeItem(at: kept)
    }

    @Test func escalatesToSIGKILLAndKillsChildren() async throws {
        try await Lab.run { lab in
            // The shell ignores SIGTERM and forks a child that ignores it too.
            let stubborn = try lab.spawn("stubborn", Self.shell, ["-c", "trap '' TERM; sleep 30 & wait"])
            try await Poll.until("the shell's child", timeout: .seconds(5)) {
                !LabProcess.descendants(of: stubborn.pid).isEmpty
            }
            let children = LabProcess.descendants(of: stubborn.pid)
            let status = await stubborn.stop(grace: .milliseconds(300))
            #expect(status == .signaled(SIGKILL))
            try await Poll.until("the child to be gone", timeout: .seconds(5)) {
                children.allSatisfy { !Self.alive($0) }
            }
        }
    }

    @Test func portClashIsRecognisedAndRetried() async throws {
        try await Lab.run { lab in
            let loser = try lab.spawn("loser", Self.shell, ["-c", "echo 'bind: Address already in use' >&2; exit 1"])
            try await loser.wait(timeout: .seconds(5))
            let mapped = loser.portClash(LabError.exited("loser", status: .exited(1)))
            #expect((mapped as? LabError)?.isPortClash == true)

            var attempts = 0
            let value = try await lab.retryingPortClash {
                attempts += 1
                if attempts < 3 { throw LabError.portInUse("peer") }
                return 42
            }
            #expect(value == 42 && attempts == 3)

            attempts = 0
            await #expect(throws: LabError.self) {
                try await lab.retryingPortClash(attempts: 2) {
                    attempts += 1
                    throw LabError.portInUse("peer")
                }
            }
            #expect(attempts == 2)
        }
    }

    @Test func missingToolNamesItsPackage() {
        let error = #expect(throws: LabError.self) {
            try Tool("pipit-no-such-tool", package: "pipit-no-such-package").path()
        }
        #expect(error?.description.contains("pipit-no-such-package") == true)
    }

    @Test func freePortsAreDistinctAndBindable() throws {
        let ports = try (0..<20).map { _ in try FreePort.udpAndTCP(tcpFollowers: 1) }
        #expect(Set(ports).count == ports.count)
        #expect(ports.allSatisfy { (1024..<65535).contains($0) })
    }

    @Test func udpBlocksDoNotOverlap() throws {
        let starts = try (0..<20).map { try FreePort.udpBlock(4, host: $0 % 2 == 0 ? "127.0.0.1" : "::1") }
        let ports = starts.flatMap { $0..<($0 + 4) }
        #expect(Set(ports).count == ports.count)
    }
}
