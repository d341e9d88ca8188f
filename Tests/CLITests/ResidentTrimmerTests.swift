import Foundation
import Testing
@testable import pipit

/// Giving clean file pages back: in this process, on mappings made for the test, and in a
/// pipit left idle.
@Suite(.timeLimit(.minutes(1)))
struct ResidentTrimmerTests {
    static let size = 1 << 20

    /// A 1 MiB file of a known pattern, mapped privately with `protection`.
    func mapFile(protection: Int32) throws -> (UnsafeMutableRawPointer, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trim-\(UUID().uuidString)").path
        let bytes = (0..<Self.size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let base = mmap(nil, Self.size, protection, MAP_PRIVATE, fd, 0)
        try #require(base != MAP_FAILED)
        return (try #require(base), path)
    }

    func checksum(_ base: UnsafeMutableRawPointer) -> Int {
        var sum = 0
        for i in stride(from: 0, to: Self.size, by: 64) { sum = sum &* 31 &+ Int(base.load(fromByteOffset: i, as: UInt8.self)) }
        return sum
    }

    /// This process's smaps entry for the mapping at `base`.
    func mapping(at base: UnsafeMutableRawPointer) throws -> ProcessMapping {
        var reader = ProcessMapping.Reader()
        var found: ProcessMapping?
        let start = UInt(bitPattern: base)
        ProcLines.forEach("/proc/self/smaps") { if let m = reader.feed($0), m.start == start { found = m } }
        if let last = reader.finish(), last.start == start { found = last }
        return try #require(found)
    }

    @Test func cleanFilePagesAreUnmappedAndReadBackUnchanged() throws {
        let (base, path) = try mapFile(protection: PROT_READ)
        defer { munmap(base, Self.size); unlink(path) }
        let before = checksum(base)
        #expect(try mapping(at: base).residentKiB == Self.size / 1024)
        #expect(ResidentTrimmer.trim() >= Self.size / 1024)
        #expect(try mapping(at: base).residentKiB == 0)
        #expect(checksum(base) == before)
        #expect(try mapping(at: base).residentKiB == Self.size / 1024)
    }

    @Test func writtenPagesAreNeverGivenBack() throws {
        // Like relocated read-only data (RELRO): written once, then made read-only.
        let (base, path) = try mapFile(protection: PROT_READ | PROT_WRITE)
        defer { munmap(base, Self.size); unlink(path) }
        base.storeBytes(of: 0xAB, toByteOffset: 4096 * 3 + 5, as: UInt8.self)
        let written = checksum(base)
        #expect(mprotect(base, Self.size, PROT_READ) == 0)
        let held = try mapping(at: base)
        #expect(held.anonymousKiB == 4 && !held.isTrimmable)
        ResidentTrimmer.trim()
        #expect(try mapping(at: base).residentKiB == held.residentKiB)
        #expect(base.load(fromByteOffset: 4096 * 3 + 5, as: UInt8.self) == 0xAB)
        #expect(checksum(base) == written)
    }

    @Test func residentFileSizeIsRead() throws {
        let bytes = try #require(ResidentTrimmer.residentFileBytes())
        #expect(bytes > 0 && bytes % Int(getpagesize()) == 0)
    }

    @Test func statmsThirdField() {
        func third(_ text: String) -> Int? { Array(text.utf8).withUnsafeBufferPointer { StatmField.third($0) } }
        #expect(third("5000 2400 1200 900 0 800 0\n") == 1200)
        #expect(third("5000 2400 1200") == 1200)
        #expect(third("5000 2400") == nil)
        #expect(third("5000 x 1200 1") == nil)
        #expect(third("") == nil)
        #expect(third("1 2 99999999999999999999999 4") == nil)
    }

    /// RssFile of `pid`, KiB.
    static func residentFile(_ pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("RssFile:") })
        return try #require(Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]))
    }

    @Test func anIdlePipitGivesBackWhatStartingUpTouched() async throws {
        let phone = try HeadlessProcess(["--headless"], home: try TestHome.local("alice").url)
        _ = try await phone.listeningPort()
        let pid = phone.process.processIdentifier
        let started = try Self.residentFile(pid)
        // The first reading at 2 s, quiet at 4 s: trimmed then.
        var now = started
        for _ in 0..<40 where now > started / 2 {
            try await Task.sleep(for: .milliseconds(250))
            now = try Self.residentFile(pid)
        }
        #expect(now <= started / 2, "RssFile \(started) KiB after start, \(now) KiB after 10 s idle")
        // And it still works.
        phone.send("accounts")
        _ = try await phone.waitForLine("accounts") { $0.contains("alice") }
        phone.send("quit")
        #expect(try await phone.waitForExit() == 0)
    }
}
