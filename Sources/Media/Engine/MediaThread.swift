import Audio
import Glibc

/// A plain POSIX thread for the media loop, named `pipit-media`: media must not wait
/// behind the signalling event loop or Swift's cooperative pool.
/// Started and joined by one owner (`MediaEngine`, under its lock).
final class MediaThread: @unchecked Sendable {
    private var thread: pthread_t?

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Starts `body` on a new thread.
    init(body: @escaping @Sendable () -> Void) throws(MediaEngineError) {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        var handle = pthread_t()
        let result = pthread_create(&handle, nil, { raw in
            guard let raw else { return nil }
            let body = Unmanaged<Body>.fromOpaque(raw).takeRetainedValue()
            ThreadName.setCurrent("pipit-media")
            body.run()
            return nil
        }, box)
        guard result == 0 else {
            Unmanaged<Body>.fromOpaque(box).release()
            throw .thread(result)
        }
        thread = handle
    }

    /// Waits for the body to return.
    func join() {
        guard let thread else { return }
        pthread_join(thread, nil)
        self.thread = nil
    }
}

public enum MediaEngineError: Error, Equatable, Sendable, CustomStringConvertible {
    case thread(Int32)
    case system(String, Int32)
    case stopped

    public var description: String {
        switch self {
        case .thread(let code): "cannot start the media thread: \(String(cString: strerror(code)))"
        case .system(let call, let code): "\(call): \(String(cString: strerror(code)))"
        case .stopped: "the media engine has stopped"
        }
    }
}
