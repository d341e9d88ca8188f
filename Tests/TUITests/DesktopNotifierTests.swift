import Foundation
@testable import TUI
import Testing

/// `notify-send` is found on PATH and run with the call's details, without waiting for it.
@Suite(.timeLimit(.minutes(1)))
struct DesktopNotifierTests {
    @Test func findsNotifySendAndRunsItWithTheCaller() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let record = directory.appendingPathComponent("arguments").path
        let program = directory.appendingPathComponent("notify-send").path
        try "#!/bin/sh\nprintf '%s\\n' \"$@\" > \(record).tmp && mv \(record).tmp \(record)\n"
            .write(toFile: program, atomically: true, encoding: .utf8)
        #expect(DesktopNotifier.find(path: directory.path) == nil, "not executable yet")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program)
        #expect(DesktopNotifier.find(path: "/nonexistent") == nil)
        let found = try #require(DesktopNotifier.find(path: "/nonexistent:relative/dir:\(directory.path)"))
        #expect(found == program)

        DesktopNotifier.notify(summary: "Incoming call", body: "Bob <sip:bob@example.com>", program: found)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while !FileManager.default.fileExists(atPath: record), clock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        let arguments = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n")
        #expect(arguments == ["--app-name=pipit", "--urgency=critical", "Incoming call", "Bob <sip:bob@example.com>"])
    }
}
