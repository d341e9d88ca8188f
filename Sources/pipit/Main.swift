import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// Where pipit starts: the command line is read by `PipitCommandLine`.
///
/// The entry point is synchronous on purpose: an `async` main ends the main thread through
/// `dispatch_main` and `pthread_exit`, whose forced unwind reads the unwind tables
/// (`.eh_frame`), about 0.8 MB of which then stayed resident. Here the work runs as a task
/// that exits the process, and the main thread only waits.
@main
enum PipitMain {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // pipit's signalling runs on one event loop (the user agent's executor), and so do
        // its tasks; the singleton group would otherwise start one loop thread per core.
        // Set before anything touches the singleton, as NIO requires.
        NIOSingletons.groupLoopCountSuggestion = 1
        EventLoopGlobalExecutor.install()
        Task.detached { // not the main actor: its queue is never drained here
            exit(await PipitCommandLine.run(arguments))
        }
        while true { pause() }
    }
}
