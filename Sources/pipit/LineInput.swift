#if canImport(Glibc)
import Glibc
#endif

/// Lines of a file descriptor (stdin or a script) as an async stream, read on a thread of
/// its own so a slow typist never blocks the signalling loop. Ends at end of input.
enum LineInput {
    static func lines(of fd: Int32) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let reader = Reader(fd: fd, continuation: continuation)
        var thread = pthread_t()
        let box = Unmanaged.passRetained(reader).toOpaque()
        let started = pthread_create(&thread, nil, { raw in
            let reader = Unmanaged<Reader>.fromOpaque(raw!).takeRetainedValue()
            reader.run()
            return nil
        }, box)
        if started != 0 {
            Unmanaged<Reader>.fromOpaque(box).release()
            continuation.finish()
        } else {
            pthread_detach(thread)
        }
        return stream
    }

    private final class Reader: @unchecked Sendable {
        let fd: Int32
        let continuation: AsyncStream<String>.Continuation
        init(fd: Int32, continuation: AsyncStream<String>.Continuation) {
            self.fd = fd
            self.continuation = continuation
        }

        func run() {
            guard let file = fdopen(fd, "r") else { return continuation.finish() }
            var buffer: UnsafeMutablePointer<CChar>? = nil
            var capacity = 0
            defer { free(buffer) }
            while true {
                let count = getline(&buffer, &capacity, file)
                guard count >= 0, let buffer else { break }
                // The parser bounds line length; a line of megabytes is cut here already.
                let bytes = UnsafeRawBufferPointer(start: buffer, count: min(count, 65_536))
                var line = String(decoding: bytes, as: UTF8.self)
                if line.hasSuffix("\n") { line.removeLast() }
                continuation.yield(line)
            }
            continuation.finish()
        }
    }
}
