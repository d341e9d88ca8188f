#if canImport(Glibc)
import Glibc
#endif
import Audio
import Synchronization

/// Gives back to the kernel the pages of code and read-only data that pipit touched once
/// and does not use while it sits idle or carries a call: starting up, registering and
/// setting up a call fault in megabytes of the binary (the kernel maps 64 KiB around
/// every page touched), and they would stay mapped, counted in pipit's resident memory,
/// for as long as it runs. `madvise(MADV_DONTNEED)` on the mappings that hold only clean
/// file pages unmaps them; they stay in the page cache, so touching them again costs a
/// minor fault, not a disk read. Written or relocated memory is never touched (see
/// `ProcessMapping.isTrimmable`).
///
/// It runs on a plain thread of its own, and its readings between trims use a few
/// syscalls and integer arithmetic only: whatever code it ran would itself stay resident.
final class ResidentTrimmer: @unchecked Sendable {
    private var thread = pthread_t()
    /// Set by `stop`; read by the thread at its next reading.
    private let stopped = Atomic<Bool>(false)

    /// Starts the thread; nil when it cannot be started (pipit runs on without it).
    static func start() -> ResidentTrimmer? {
        let trimmer = ResidentTrimmer()
        let box = Unmanaged.passRetained(trimmer).toOpaque()
        guard pthread_create(&trimmer.thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<ResidentTrimmer>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, box) == 0 else {
            Unmanaged<ResidentTrimmer>.fromOpaque(box).release()
            return nil
        }
        pthread_detach(trimmer.thread)
        return trimmer
    }

    /// Asks the thread to end (at its next reading; the process may exit before).
    func stop() { stopped.store(true, ordering: .relaxed) }

    private func run() {
        ThreadName.setCurrent("pipit-trim")
        var policy = ResidentTrimPolicy()
        while !stopped.load(ordering: .relaxed) {
            Self.sleep(milliseconds: policy.tick)
            guard !stopped.load(ordering: .relaxed), let resident = Self.residentFileBytes() else { return }
            guard policy.observe(residentFile: resident, at: Self.monotonicMilliseconds()) else { continue }
            Self.trim()
            policy.trimmed(leaving: Self.residentFileBytes() ?? resident, at: Self.monotonicMilliseconds())
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

    /// File-backed and shared resident memory, bytes: the third field of /proc/self/statm
    /// (pages), read into a small buffer and parsed by hand.
    static func residentFileBytes() -> Int? {
        let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer -> Int? in
            let n = read(fd, buffer.baseAddress, buffer.count)
            guard n > 0 else { return nil }
            return StatmField.third(UnsafeBufferPointer(rebasing: buffer[0..<n])).map { $0 * Int(getpagesize()) }
        }
    }

    static func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }

    private static func sleep(milliseconds: Int) {
        var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: milliseconds % 1000 * 1_000_000)
        var left = timespec()
        while nanosleep(&request, &left) != 0, errno == EINTR { request = left }
    }
}

/// The third number of a statm line ("size resident shared text lib data dt"): resident
/// pages backed by files or shared memory.
enum StatmField {
    static func third(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var at = 0
        for field in 0..<3 {
            while at < bytes.count, bytes[at] == UInt8(ascii: " ") { at += 1 }
            guard let value = ProcNumber.decimal(bytes, &at) else { return nil }
            if field == 2 { return value }
            guard at < bytes.count, bytes[at] == UInt8(ascii: " ") else { return nil }
        }
        return nil
    }
}
