import Foundation
import Testing

/// pipit's tasks run on the SIP event loop (`EventLoopGlobalExecutor`), not on Swift's
/// thread pool beside it: starting up and answering a command hand work between threads
/// only where a thread must block (the loop, the standard-input reader). Counted from the
/// kernel's voluntary context switches of all pipit's threads; on the pool, each command
/// also woke a pool thread and the loop for every hop between the two.
@Suite(.timeLimit(.minutes(1)))
struct TaskExecutorTests {
    /// Voluntary context switches (the thread blocked) of every thread of `pid` so far.
    static func voluntarySwitches(_ pid: Int32) throws -> Int {
        var total = 0
        for task in try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task") {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8) else { continue }
            for line in status.split(separator: "\n") where line.hasPrefix("voluntary_ctxt_switches:") {
                total += Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        return total
    }

    @Test func commandsCrossFewThreads() async throws {
        let phone = try HeadlessProcess(["--headless"], home: try TestHome.local("alice").url)
        _ = try await phone.listeningPort()
        try await Task.sleep(for: .seconds(0.5))  // start-up settles
        let pid = phone.process.processIdentifier
        let before = try Self.voluntarySwitches(pid)
        let commands = 20
        for n in 1...commands {
            phone.send("accounts")
            // One at a time: each command's switches are counted alone.
            while phone.lines.filter({ $0.hasPrefix("account alice:") }).count < n {
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        let perCommand = Double(try Self.voluntarySwitches(pid) - before) / Double(commands)
        // Measured: 2.0 (the reader and the loop each block once); on the pool, 7.0.
        #expect(perCommand < 4, "\(perCommand) voluntary context switches per command")
        phone.send("quit")
        #expect(try await phone.waitForExit() == 0)
    }
}
