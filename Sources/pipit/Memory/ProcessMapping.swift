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
    /// gains fields between kernel versions.
    struct Reader {
        private var current: ProcessMapping?

        /// The mapping this line ends (a new mapping's first line ends the one before).
        mutating func feed(_ line: Substring) -> ProcessMapping? {
            if let header = ProcessMapping.header(line) {
                defer { current = header }
                return current
            }
            if current != nil, let (key, kib) = ProcessMapping.field(line) {
                switch key {
                case "Rss": current?.residentKiB = kib
                case "Anonymous": current?.anonymousKiB = kib
                case "Locked": current?.lockedKiB = kib
                default: break
                }
            }
            return nil
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
    fileprivate static func header(_ line: Substring) -> ProcessMapping? {
        let parts = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard parts.count >= 5, parts[1].utf8.count == 4 else { return nil }
        let range = parts[0].split(separator: "-")
        guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16), start < end
        else { return nil }
        let perms = Array(parts[1].utf8)
        let path = parts.count > 5 ? String(parts[5].drop(while: { $0 == " " })) : ""
        return ProcessMapping(start: start, end: end, writable: perms[1] == UInt8(ascii: "w"),
                              privateMapping: perms[3] == UInt8(ascii: "p"), path: path)
    }

    /// `Key:   123 kB`.
    fileprivate static func field(_ line: Substring) -> (Substring, Int)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let value = line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard value.count == 2, value[1] == "kB", let kib = Int(value[0]) else { return nil }
        return (line[..<colon], kib)
    }
}
