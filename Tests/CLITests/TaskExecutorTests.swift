import Foundation
import Testing

/// pipit's tasks run on the SIP event loop (`EventLoopGlobalExecutor`), not on Swift's
/// thread pool beside it: starting up and answering a command hand work between threads
/// only where a thread must block (the loop, the standard-input reader). Counted from the
/// kernel's voluntary context switches of all pipit's threads; on the pool, each command
/// also woke a pool thread and the loop for every hop between the two.
@Suite(.timeLimit(.minutes(1)))
struct TaskExecutorTests {
    @Test func commandsCrossFewThreads() async throws {
        let phone = try HeadlessProcess(["--headless"], home: try TestHome.local("alice").url)
        _ = try await phone.listeningPort()
        try await Task.sleep(for: .seconds(0.5))  // start-up settles
        let pid = phone.process.processIdentifier
        let before = try ContextSwitches.total(of: pid, voluntaryOnly: true)
        let commands = 20
        for n in 1...commands {
            phone.send("accounts")
            // One at a time: each command's switches are counted alone.
            while phone.lines.filter({ $0.hasPrefix("account alice:") }).count < n {
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        let perCommand = Double(try ContextSwitches.total(of: pid, voluntaryOnly: true) - before) / Double(commands)
        // Measured: 2.0 (the reader and the loop each block once); on the pool, 7.0.
        #expect(perCommand < 4, "\(perCommand) voluntary context switches per command")
        phone.send("quit")
        #expect(try await phone.waitForExit() == 0)
    }
}
