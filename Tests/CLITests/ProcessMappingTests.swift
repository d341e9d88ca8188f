import Foundation
import Testing
@testable import pipit

/// Reading /proc/self/smaps, and which mappings the trimmer may give back.
@Suite(.timeLimit(.minutes(1)))
struct ProcessMappingTests {
    static let smaps = """
        55d0c3a00000-55d0c3b00000 r--p 00000000 08:01 1234     /usr/bin/pipit
        Size:               1024 kB
        Rss:                 192 kB
        Anonymous:             0 kB
        Locked:                0 kB
        55d0c3b00000-55d0c4000000 r-xp 00100000 08:01 1234     /usr/bin/pipit
        Rss:                3204 kB
        Anonymous:             0 kB
        VmFlags: rd ex mr mw me dw
        55d0c4000000-55d0c4080000 r--p 00600000 08:01 1234     /usr/bin/pipit
        Rss:                 544 kB
        Anonymous:           544 kB
        55d0c4080000-55d0c4100000 rw-p 00680000 08:01 1234     /usr/bin/pipit
        Rss:                 192 kB
        Anonymous:           188 kB
        7f0000000000-7f0000021000 rw-p 00000000 00:00 0
        Rss:                  56 kB
        Anonymous:            56 kB
        7f0000100000-7f0000200000 r-xp 00000000 08:01 99       /opt/my libs/libspace.so
        Rss:                  64 kB
        Anonymous:             0 kB
        7f0000200000-7f0000201000 r--s 00000000 00:05 7        /dev/snd/pcmC0D0p
        Rss:                   4 kB
        Anonymous:             0 kB
        7f0000300000-7f0000340000 rw-s 00000000 00:01 8        /memfd:pulseaudio (deleted)
        Rss:                 240 kB
        Anonymous:             0 kB
        7f0000400000-7f0000410000 r-xp 00000000 08:01 55       /usr/lib/liblocked.so
        Rss:                  64 kB
        Anonymous:             0 kB
        Locked:               64 kB
        7f0000500000-7f0000510000 r-xp 00000000 08:01 56       /usr/lib/libcold.so
        Rss:                   0 kB
        Anonymous:             0 kB
        7ffd00000000-7ffd00002000 r-xp 00000000 00:00 0        [vdso]
        Rss:                   8 kB
        Anonymous:             0 kB
        """

    @Test func everyMappingIsRead() throws {
        let maps = ProcessMapping.parse(smaps: Substring(Self.smaps))
        #expect(maps.count == 11)
        let text = try #require(maps.first { $0.start == 0x55d0c3b00000 })
        #expect(text == ProcessMapping(start: 0x55d0c3b00000, end: 0x55d0c4000000, writable: false, privateMapping: true,
                                       path: "/usr/bin/pipit", residentKiB: 3204, anonymousKiB: 0))
        #expect(maps.contains { $0.path == "/opt/my libs/libspace.so" })
        #expect(maps.first { $0.path.isEmpty }?.anonymousKiB == 56)
        #expect(maps.first { $0.path == "/usr/lib/liblocked.so" }?.lockedKiB == 64)
    }

    @Test func onlyCleanReadOnlyFilePagesAreTrimmable() {
        let trimmable = ProcessMapping.parse(smaps: Substring(Self.smaps)).filter(\.isTrimmable).map(\.start)
        // The binary's headers and text, and a library's text. Not: relocated read-only
        // data, data, anonymous memory, a device, shared memory, locked or empty mappings,
        // the vDSO.
        #expect(trimmable == [0x55d0c3a00000, 0x55d0c3b00000, 0x7f0000100000])
    }

    @Test func fedLineByLineTheSameAsWhole() {
        var reader = ProcessMapping.Reader()
        var fed: [ProcessMapping] = []
        for line in Self.smaps.split(separator: "\n") {
            if let done = reader.feed(line) { fed.append(done) }
        }
        if let last = reader.finish() { fed.append(last) }
        #expect(fed == ProcessMapping.parse(smaps: Substring(Self.smaps)))
    }

    @Test func linesItDoesNotKnowAreSkipped() {
        let odd = """
            garbage
            Rss: 12 kB
            zzzz-yyyy r-xp 0 0 0 /x
            10-5 r-xp 0 0 0 /backwards
            10-20 rwxpq 0 0 0 /longperms
            10-20 r-xp 0 0 0 /ok
            Rss: many kB
            Rss: 4 MB
            Anonymous:
            Rss: 8 kB
            """
        let maps = ProcessMapping.parse(smaps: Substring(odd))
        #expect(maps == [ProcessMapping(start: 0x10, end: 0x20, writable: false, privateMapping: true, path: "/ok",
                                        residentKiB: 8)])
    }

    @Test func anonymousMappingsTabsAndOverlongNumbers() {
        let text = """
            30-40 rw-p 00000000 00:00 0       \nRss:\t12 kB
            Anonymous:   99999999999999999999 kB
            ffffffffffffffffff-fffffffffffffffffff r--p 0 0 0 /toolong
            50-60 r--p 0 0
            """
        #expect(ProcessMapping.parse(smaps: Substring(text)) ==
                [ProcessMapping(start: 0x30, end: 0x40, writable: true, privateMapping: true, path: "", residentKiB: 12)])
    }

    @Test func thisProcessHasItsOwnBinaryMapped() throws {
        var maps: [ProcessMapping] = []
        var reader = ProcessMapping.Reader()
        #expect(ProcLines.forEach("/proc/self/smaps") { if let m = reader.feed($0) { maps.append(m) } })
        if let last = reader.finish() { maps.append(last) }
        let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        #expect(maps.contains { $0.path == exe && !$0.writable && $0.residentKiB > 0 })
        #expect(maps.contains { $0.path == "[stack]" && $0.anonymousKiB > 0 })
    }
}
