/// One mapping of the process's address space, as `/proc/self/smaps` describes it: as
/// much as trimming needs.
struct ProcessMapping: Equatable {
    var start: UInt
    var end: UInt
    var writable: Bool
    var privateMapping: Bool
    /// The file mapped, "" for anonymous memory, "[stack]", "[vdso]" and the like.
    var path: String
    var residentKiB = 0
    /// Pages of this mapping that are private copies (written, or relocated at load).
    var anonymousKiB = 0
    /// Pages the process locked in memory (`mlock`); `madvise` refuses those.
    var lockedKiB = 0

    /// Every resident page is a clean copy of a file that this mapping cannot write:
    /// dropping them loses nothing (the next touch maps them again from the page cache).
    /// Relocated read-only data (RELRO) has private copies and is left alone, as are
    /// devices (ALSA's mmapped status pages) and shared memory (PulseAudio's memfd).
    var isTrimmable: Bool {
        !writable && privateMapping && residentKiB > 0 && anonymousKiB == 0 && lockedKiB == 0
            && path.hasPrefix("/") && !path.hasPrefix("/dev/") && !path.hasPrefix("/memfd:")
    }
}

extension ProcessMapping {
    /// Builds mappings from smaps lines fed one at a time, so that the file (hundreds of
    /// KiB) is never held whole. Lines it does not understand are skipped: the format
    /// gains fields between kernel versions. Lines are parsed as bytes: a process has
    /// hundreds of mappings with twenty-odd lines each, and making a string of every line
    /// cost the trimmer ~20 ms of CPU at each call's start (perf, session 12).
    struct Reader {
        private var current: ProcessMapping?

        /// The mapping this line ends (a new mapping's first line ends the one before).
        mutating func feed(_ line: UnsafeBufferPointer<UInt8>) -> ProcessMapping? {
            if let header = ProcessMapping.header(line) {
                defer { current = header }
                return current
            }
            guard current != nil, let (key, kib) = ProcessMapping.field(line) else { return nil }
            switch key {
            case .resident: current?.residentKiB = kib
            case .anonymous: current?.anonymousKiB = kib
            case .locked: current?.lockedKiB = kib
            }
            return nil
        }

        /// The same, for a line as text (tests, whole files).
        mutating func feed(_ line: Substring) -> ProcessMapping? {
            var text = String(line)
            return text.withUTF8 { feed($0) }
        }

        /// The last mapping, at the end of the file.
        mutating func finish() -> ProcessMapping? {
            defer { current = nil }
            return current
        }
    }

    /// Every mapping of a whole smaps text.
    static func parse(smaps text: Substring) -> [ProcessMapping] {
        var reader = Reader()
        var out = text.split(separator: "\n").compactMap { reader.feed($0) }
        if let last = reader.finish() { out.append(last) }
        return out
    }

    /// `start-end perms offset dev inode [path]`; the path may hold spaces.
    fileprivate static func header(_ line: UnsafeBufferPointer<UInt8>) -> ProcessMapping? {
        var at = 0
        guard let start = ProcNumber.hex(line, &at), at < line.count, line[at] == UInt8(ascii: "-") else { return nil }
        at += 1
        guard let end = ProcNumber.hex(line, &at), start < end, at < line.count, line[at] == space else { return nil }
        skipSpaces(line, &at)
        let perms = at
        while at < line.count, line[at] != space { at += 1 }
        guard at - perms == 4 else { return nil }
        // offset, device, inode: present, not needed.
        for _ in 0..<3 {
            skipSpaces(line, &at)
            let field = at
            while at < line.count, line[at] != space { at += 1 }
            guard at > field else { return nil }
        }
        skipSpaces(line, &at)
        let path = String(decoding: UnsafeBufferPointer(rebasing: line[at...]), as: UTF8.self)
        return ProcessMapping(start: start, end: end, writable: line[perms + 1] == UInt8(ascii: "w"),
                              privateMapping: line[perms + 3] == UInt8(ascii: "p"), path: path)
    }

    fileprivate enum Field { case resident, anonymous, locked }

    /// `Key:   123 kB`, for the three keys the trimmer reads.
    fileprivate static func field(_ line: UnsafeBufferPointer<UInt8>) -> (Field, Int)? {
        guard let (prefix, key) = fieldKeys.first(where: { line.starts(with: $0.0.utf8) }) else { return nil }
        var at = prefix.utf8.count
        skipSpaces(line, &at)
        guard let value = ProcNumber.decimal(line, &at), at < line.count, line[at] == space || line[at] == tab
        else { return nil }
        skipSpaces(line, &at)
        guard line[at...].elementsEqual("kB".utf8) else { return nil }
        return (key, value)
    }

    private static let fieldKeys: [(String, Field)] = [("Rss:", .resident), ("Anonymous:", .anonymous), ("Locked:", .locked)]

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    private static func skipSpaces(_ line: UnsafeBufferPointer<UInt8>, _ at: inout Int) {
        while at < line.count, line[at] == space || line[at] == tab { at += 1 }
    }
}
