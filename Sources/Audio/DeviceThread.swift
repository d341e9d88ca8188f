import Glibc

/// A named POSIX thread for a device's loop (`pipit-audio-…`, at most 15 bytes as Linux
/// allows). The body is boxed once at spawn; nothing is allocated while it runs.
struct DeviceThread: @unchecked Sendable {
    private let handle: pthread_t

    private final class Start {
        let name: String
        let body: () -> Void
        init(name: String, body: @escaping () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Starts `body` on a new thread named `name`.
    static func spawn(name: String, device: String, _ body: @escaping @Sendable () -> Void) throws(AudioError) -> DeviceThread {
        let start = Unmanaged.passRetained(Start(name: name, body: body))
        var handle = pthread_t()
        let status = pthread_create(&handle, nil, { argument in
            guard let argument else { return nil }
            let start = Unmanaged<Start>.fromOpaque(argument).takeRetainedValue()
            ThreadName.setCurrent(start.name)
            start.body()
            return nil
        }, start.toOpaque())
        guard status == 0 else {
            start.release()
            throw AudioError(device: device, operation: "start", reason: "pthread_create: \(String(cString: strerror(status)))")
        }
        return DeviceThread(handle: handle)
    }

    /// Waits for the thread to end (its body must have been told to stop).
    func join() {
        pthread_join(handle, nil)
    }
}

/// The monotonic clock in nanoseconds, and an absolute sleep on it: how the clocked
/// backends keep real-time pace without drifting.
enum MonotonicClock {
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    static func sleep(until deadline: Int64) {
        var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &time, nil) == EINTR {}
    }
}
