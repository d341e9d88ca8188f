#if canImport(Glibc)
import Glibc
#endif

/// Tells the UI loop when the terminal has input, without reading it (curses reads, on the
/// loop's task): a thread polls standard input and then waits until the loop has drained
/// it, so the UA loop never waits on the keyboard and the thread never spins.
final class InputWaker: @unchecked Sendable {
    private let ready: @Sendable () -> Void
    private var drained = pthread_cond_t()
    private var lock = pthread_mutex_t()
    private var waiting = false
    private var stopped = false

    init(ready: @escaping @Sendable () -> Void) {
        self.ready = ready
        pthread_mutex_init(&lock, nil)
        pthread_cond_init(&drained, nil)
    }

    func start() {
        var thread = pthread_t()
        let box = Unmanaged.passRetained(self).toOpaque()
        let started = pthread_create(&thread, nil, { raw in
            Unmanaged<InputWaker>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, box)
        if started != 0 { Unmanaged<InputWaker>.fromOpaque(box).release() } else { pthread_detach(thread) }
    }

    /// The loop has read what was waiting: poll again.
    func didDrain() {
        pthread_mutex_lock(&lock)
        waiting = false
        pthread_cond_signal(&drained)
        pthread_mutex_unlock(&lock)
    }

    func stop() {
        pthread_mutex_lock(&lock)
        stopped = true
        waiting = false
        pthread_cond_signal(&drained)
        pthread_mutex_unlock(&lock)
    }

    private func run() {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        while true {
            pthread_mutex_lock(&lock)
            while waiting && !stopped { pthread_cond_wait(&drained, &lock) }
            let done = stopped
            pthread_mutex_unlock(&lock)
            if done { return }
            let result = poll(&descriptor, 1, 250)
            if result < 0 && errno != EINTR { return }
            guard result > 0 else { continue }
            if descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 && descriptor.revents & Int16(POLLIN) == 0 {
                return // the terminal went away; signals end the session
            }
            pthread_mutex_lock(&lock)
            waiting = true
            pthread_mutex_unlock(&lock)
            ready()
        }
    }
}
