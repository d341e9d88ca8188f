import Glibc
import Synchronization

/// Lets a ring's consumer sleep in `poll` until enough samples are readable, instead of
/// guessing when the producer's next burst is due: the consumer arms it with how many
/// samples it waits for and polls `descriptor`; the producer write that makes that many
/// readable writes one byte to a pipe. Disarmed (the consumer is busy), a write costs
/// one atomic load, so a device thread makes one wake-up syscall per sleep at most.
///
/// The pipe is created on first use by the consumer and published atomically; the
/// producer only ever loads it.
final class RingDoorbell: Sendable {
    /// The pipe's ends, -1 until created; both set before `writer` is published.
    private let reader = Atomic<Int32>(-1)
    private let writer = Atomic<Int32>(-1)
    /// Samples the consumer waits for; 0 when disarmed.
    private let wanted = Atomic<Int>(0)

    init() {}

    deinit {
        let r = reader.load(ordering: .acquiring)
        let w = writer.load(ordering: .acquiring)
        if r >= 0 { close(r) }
        if w >= 0 { close(w) }
    }

    /// Consumer side: the descriptor to poll for `POLLIN`; nil when no pipe can be made.
    func descriptor() -> Int32? {
        let existing = reader.load(ordering: .acquiring)
        if existing >= 0 { return existing }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        reader.store(fds[0], ordering: .releasing)
        writer.store(fds[1], ordering: .releasing)
        return fds[0]
    }

    /// Consumer side: asks for a ring once `samples` are readable. False when they already
    /// are (`available` is read after arming, so a write in between is never missed):
    /// then the consumer must not sleep.
    func arm(samples: Int, available: () -> Int) -> Bool {
        wanted.store(max(1, samples), ordering: .sequentiallyConsistent)
        // Pairs with the producer's fence: either it sees `wanted`, or we see its samples.
        atomicMemoryFence(ordering: .sequentiallyConsistent)
        if available() >= samples {
            wanted.store(0, ordering: .sequentiallyConsistent)
            return false
        }
        return true
    }

    /// Consumer side: stops asking (it may have woken for another reason) and, when
    /// `poll` saw the descriptor readable, empties the pipe so the next `poll` does not
    /// return at once for an old ring. (A ring that races this disarm leaves a byte: one
    /// early wake-up later, no lost one.)
    func disarm(drain: Bool) {
        wanted.store(0, ordering: .sequentiallyConsistent)
        guard drain else { return }
        let fd = reader.load(ordering: .acquiring)
        guard fd >= 0 else { return }
        // One read empties what a few rings left; looping until EAGAIN would cost a second
        // read per wake-up (a syscall, expensive in a VM) for nothing.
        var drain = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while read(fd, &drain, 32) == 32 {}
    }

    /// Producer side, after publishing a write: rings when the consumer waits for no more
    /// than the samples `available` counts. Only the first write to get there rings.
    func written(available: () -> Int) {
        atomicMemoryFence(ordering: .sequentiallyConsistent)
        let want = wanted.load(ordering: .sequentiallyConsistent)
        guard want > 0, available() >= want,
              wanted.compareExchange(expected: want, desired: 0, ordering: .sequentiallyConsistent).exchanged else { return }
        let fd = writer.load(ordering: .acquiring)
        guard fd >= 0 else { return }
        // A full pipe already means "wake up"; the byte may be dropped.
        var one: UInt8 = 1
        _ = write(fd, &one, 1)
    }
}
