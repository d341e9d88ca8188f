#if canImport(Glibc)
import Glibc
#endif

/// Sends a desktop notification through `notify-send` when it is on PATH. The process is
/// started and reaped on a thread of its own, so a missing D-Bus session never blocks the UI.
enum DesktopNotifier {
    /// The full path of `notify-send`, or nil.
    static func find(path: String? = getenv("PATH").map { String(cString: $0) }) -> String? {
        guard let path else { return nil }
        for directory in path.split(separator: ":") where directory.hasPrefix("/") {
            let candidate = String(directory) + "/notify-send"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    static func notify(summary: String, body: String, program: String) {
        let arguments = [program, "--app-name=pipit", "--urgency=critical", summary, body]
        let job = Job(arguments: arguments)
        var thread = pthread_t()
        let box = Unmanaged.passRetained(job).toOpaque()
        let started = pthread_create(&thread, nil, { raw in
            Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, box)
        if started != 0 { Unmanaged<Job>.fromOpaque(box).release() } else { pthread_detach(thread) }
    }

    private final class Job: @unchecked Sendable {
        let arguments: [String]
        init(arguments: [String]) { self.arguments = arguments }

        func run() {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            // Its output would scribble over the screen.
            for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
                posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
            }
            var argv = arguments.map { strdup($0) }
            argv.append(nil)
            defer { for pointer in argv { free(pointer) } }
            var pid = pid_t()
            guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }
}
