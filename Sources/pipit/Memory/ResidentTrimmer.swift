#if canImport(Glibc)
import Glibc
#endif

/// Gives back to the kernel the pages of code and read-only data that pipit touched once
/// and does not use while it sits idle or carries a call: starting up, registering and
/// setting up a call fault in megabytes of the binary (the kernel maps 64 KiB around
/// every page touched), and they would stay mapped, counted in pipit's resident memory,
/// for as long as it runs. `madvise(MADV_DONTNEED)` on the mappings that hold only clean
/// file pages unmaps them; they stay in the page cache, so touching them again costs a
/// minor fault, not a disk read. Written or relocated memory is never touched (see
/// `ProcessMapping.isTrimmable`).
enum ResidentTrimmer {
    /// Runs `ResidentTrimPolicy` at the pace it asks for, until cancelled.
    static func start() -> Task<Void, Never> {
        Task.detached(priority: .background) {
            var policy = ResidentTrimPolicy()
            let clock = ContinuousClock()
            while !Task.isCancelled {
                try? await Task.sleep(for: policy.tick)
                guard let resident = residentFileBytes() else { return }  // no /proc: nothing to do
                guard policy.observe(residentFile: resident, at: clock.now) else { continue }
                trim()
                policy.trimmed(leaving: residentFileBytes() ?? resident, at: clock.now)
            }
        }
    }

    /// Unmaps the resident pages of every trimmable mapping; the KiB unmapped.
    @discardableResult
    static func trim() -> Int {
        var reader = ProcessMapping.Reader()
        var released = 0
        func release(_ mapping: ProcessMapping?) {
            guard let mapping, mapping.isTrimmable, let base = UnsafeMutableRawPointer(bitPattern: mapping.start) else { return }
            if madvise(base, Int(mapping.end - mapping.start), MADV_DONTNEED) == 0 { released += mapping.residentKiB }
        }
        ProcLines.forEach("/proc/self/smaps") { release(reader.feed($0)) }
        release(reader.finish())
        _ = mallocTrim?(0)
        return released
    }

    /// glibc's `malloc_trim`: also returns the free pages inside every thread's heap
    /// (each thread that allocates gets its own arena, and a call's set-up leaves holes in
    /// them). Not in Swift's Glibc module (it is declared in malloc.h), so found at run time.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()

    /// `RssFile` of /proc/self/status, in bytes.
    static func residentFileBytes() -> Int? {
        var kib: Int?
        ProcLines.forEach("/proc/self/status", bufferSize: 4096) { line in
            guard line.hasPrefix("RssFile:") else { return }
            let value = line.dropFirst("RssFile:".count).split(whereSeparator: { $0 == " " || $0 == "\t" })
            if value.count == 2, value[1] == "kB" { kib = Int(value[0]) }
        }
        return kib.map { $0 * 1024 }
    }
}
