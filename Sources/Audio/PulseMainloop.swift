import CPulse
import Glibc

/// A PulseAudio connection's mainloop and its lock, run by one of two: its own thread
/// (`pipit-au-pulse`), or, while a call uses the device, the media loop, which adopts it
/// (`DeviceLoop`) and polls PulseAudio's descriptors together with its own. A call then
/// costs one thread's wake-ups instead of two: before, every captured fragment woke the
/// mainloop thread, which woke the media thread through the capture ring's doorbell.
///
/// Whoever runs it holds the lock except inside `poll`, as `pa_threaded_mainloop` does:
/// other threads call libpulse under the lock, and libpulse wakes the poll itself when
/// such a call gives the loop something to do.
final class PulseMainloop: DeviceLoop, @unchecked Sendable {
    let pa: PulseFunctions
    let mainloop: OpaquePointer
    private let label: String
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    // Under the lock.
    private var thread: DeviceThread?
    private var threadRuns = false
    /// While the adopter polls: its descriptors, and how many of them were ready.
    private var adopterFds: UnsafeMutablePointer<pollfd>?
    private var adopterCount = 0
    private var adopterReady: Int32 = 0
    private(set) var waitedForDevice = false
    /// Set by the device when it hands the loop over (its record streams' fragment), and
    /// what `flush` runs.
    var fragmentMilliseconds = 20
    /// Called with false by `flush`, with true by `release` (the device's streams go back
    /// to being pulled by the server).
    var flushing: ((_ releasing: Bool) -> Void)?

    func flush() {
        guard let flushing else { return }
        lock()
        flushing(false)
        // pa_stream_write only queues the block: libpulse sends it when its mainloop next
        // dispatches, which for the adopted loop is the next block's wake-up, 20 ms on
        // (measured: every block waited 19–20 ms in this process). Dispatch now: the
        // server has it at once, 20 ms more margin for a late media loop, half of it spent
        // on a shorter queue (`PlaybackQueueLevel`).
        _ = pa.mainloop_iterate(mainloop, 0, nil)
        unlock()
    }
    /// PulseAudio's descriptors and the adopter's in one array (grown, rarely).
    private var merged: UnsafeMutablePointer<pollfd>
    private var mergedCapacity = 32

    init(pa: PulseFunctions, label: String) throws(AudioError) {
        guard let mainloop = pa.mainloop_new() else {
            throw AudioError(device: label, operation: "connect", reason: "pa_mainloop_new failed")
        }
        self.pa = pa
        self.mainloop = mainloop
        self.label = label
        mutex = .allocate(capacity: 1)
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        // Recursive, as pa_threaded_mainloop's lock is: a callback may take it again.
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_RECURSIVE))
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
        merged = .allocate(capacity: mergedCapacity)
        pa.mainloop_set_poll_func(mainloop, { fds, count, timeout, userdata in
            guard let fds, let userdata else { return -1 }
            return Unmanaged<PulseMainloop>.fromOpaque(userdata).takeUnretainedValue().poll(pulse: fds, Int(count), timeout)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        pa.mainloop_free(mainloop)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        merged.deallocate()
    }

    var api: UnsafeMutablePointer<pa_mainloop_api>? { pa.mainloop_get_api(mainloop) }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }

    /// Starts the mainloop's own thread (not while adopted).
    func startThread() throws(AudioError) {
        lock()
        defer { unlock() }
        guard thread == nil else { return }
        threadRuns = true
        do {
            thread = try DeviceThread.spawn(name: "pipit-au-pulse", device: label) { [self] in
                lock()
                while threadRuns, pa.mainloop_iterate(mainloop, 1, nil) >= 0 {}
                unlock()
            }
        } catch {
            threadRuns = false
            throw error
        }
    }

    /// Ends the own thread, if it runs, and waits for it (never from a callback).
    func stopThread() {
        lock()
        let running = thread
        thread = nil
        threadRuns = false
        // The thread is in its poll (it holds the lock everywhere else): wake it.
        pa.mainloop_wakeup(mainloop)
        unlock()
        running?.join()
    }

    // MARK: DeviceLoop (the adopter's thread)

    func poll(_ fds: UnsafeMutablePointer<pollfd>, count: Int, timeout: Int32, deviceAfter: Int32) -> Int32 {
        var timeout = timeout
        waitedForDevice = false
        if deviceAfter > 0 {
            let first = timeout < 0 ? deviceAfter : min(timeout, deviceAfter)
            let ready = Glibc.poll(fds, nfds_t(count), first)
            if ready != 0 || timeout == first { return ready }
            if timeout > 0 { timeout -= first }
        }
        lock()
        defer { unlock() }
        adopterFds = fds
        adopterCount = count
        adopterReady = 0
        defer { adopterFds = nil }
        // prepare's timeout is in µs; PulseAudio's own timers may shorten it.
        let microseconds = timeout < 0 ? Int32(-1) : timeout &* 1000
        guard pa.mainloop_prepare(mainloop, microseconds) >= 0 else {
            // Told to quit (never by pipit): poll alone.
            unlock()
            let ready = Glibc.poll(fds, nfds_t(count), timeout)
            lock()
            return ready
        }
        let polled = pa.mainloop_poll(mainloop)
        _ = pa.mainloop_dispatch(mainloop)
        return polled < 0 ? -1 : adopterReady
    }

    func release() {
        lock()
        flushing?(true)
        flushing = nil
        unlock()
        // A thread that cannot be had leaves the device without a loop: its streams stop
        // (the media loop sees a stalled device), nothing worse.
        try? startThread()
    }

    /// The poll function PulseAudio calls with its descriptors: alone on the own thread;
    /// with the adopter's appended when the adopter polls. Unlocks while it sleeps.
    private func poll(pulse fds: UnsafeMutablePointer<pollfd>, _ count: Int, _ timeout: Int32) -> Int32 {
        guard let extra = adopterFds else {
            unlock()
            let ready = Glibc.poll(fds, nfds_t(count), timeout)
            lock()
            return ready
        }
        let total = count + adopterCount
        if total > mergedCapacity {
            merged.deallocate()
            mergedCapacity = total * 2
            merged = .allocate(capacity: mergedCapacity)
        }
        merged.update(from: fds, count: count)
        (merged + count).update(from: extra, count: adopterCount)
        unlock()
        let start = MonotonicClock.now()
        let ready = Glibc.poll(merged, nfds_t(total), timeout)
        waitedForDevice = MonotonicClock.now() - start > 300_000
        lock()
        guard ready >= 0 else { return ready }
        var pulseReady: Int32 = 0
        for i in 0..<count {
            fds[i].revents = merged[i].revents
            if merged[i].revents != 0 { pulseReady += 1 }
        }
        for i in 0..<adopterCount {
            extra[i].revents = merged[count + i].revents
            if merged[count + i].revents != 0 { adopterReady += 1 }
        }
        return pulseReady
    }
}
