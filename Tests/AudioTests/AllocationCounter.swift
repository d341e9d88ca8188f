import Glibc

// Counts heap allocations made by pipit's audio device threads (named `pipit-au…`) while
// armed. malloc, calloc and realloc of this test binary are replaced by these, which
// forward to glibc's own entry points (`__libc_malloc`, …: the same allocator, so `free`
// stays glibc's). Disarmed, the cost is one load of a plain global per allocation.
//
// The globals are plain `Int`s: constant-initialized by the compiler (no lazy once, which
// could itself allocate), written by the test thread only while no device runs, read by
// device threads. A lost increment between two device threads could only make a non-zero
// count smaller, never zero.

nonisolated(unsafe) var allocationCountingArmed = 0
nonisolated(unsafe) var deviceThreadAllocations = 0

@_silgen_name("__libc_malloc") private func libcMalloc(_ size: Int) -> UnsafeMutableRawPointer?
@_silgen_name("__libc_calloc") private func libcCalloc(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer?
@_silgen_name("__libc_realloc") private func libcRealloc(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer?

@_silgen_name("pthread_getname_np")
private func getThreadName(_ thread: pthread_t, _ name: UnsafeMutablePointer<CChar>, _ length: Int) -> Int32

@_cdecl("malloc") func countingMalloc(_ size: Int) -> UnsafeMutableRawPointer? {
    if allocationCountingArmed != 0 { countIfDeviceThread() }
    return libcMalloc(size)
}

@_cdecl("calloc") func countingCalloc(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer? {
    if allocationCountingArmed != 0 { countIfDeviceThread() }
    return libcCalloc(count, size)
}

@_cdecl("realloc") func countingRealloc(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    if allocationCountingArmed != 0 { countIfDeviceThread() }
    return libcRealloc(pointer, size)
}

/// Starts counting from zero. The first run of the name check instantiates the runtime
/// metadata of its buffer (which allocates), so it runs here once, outside malloc.
func armAllocationCounting() {
    countIfDeviceThread()
    deviceThreadAllocations = 0
    allocationCountingArmed = 1
}

/// Stops counting and returns the count.
func disarmAllocationCounting() -> Int {
    allocationCountingArmed = 0
    return deviceThreadAllocations
}

/// glibc answers for the calling thread with prctl(PR_GET_NAME): no allocation.
private func countIfDeviceThread() {
    var name: (CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar)
        = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    let isDevice = withUnsafeMutableBytes(of: &name) { bytes -> Bool in
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
              getThreadName(pthread_self(), base, 16) == 0 else { return false }
        // "pipit-au", byte by byte: an array literal here would allocate inside malloc.
        return bytes[0] == 0x70 && bytes[1] == 0x69 && bytes[2] == 0x70 && bytes[3] == 0x69
            && bytes[4] == 0x74 && bytes[5] == 0x2D && bytes[6] == 0x61 && bytes[7] == 0x75
    }
    if isDevice { deviceThreadAllocations += 1 }
}
