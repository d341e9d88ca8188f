import CSwiftRuntimeHooks
import NIOCore
import NIOPosix

/// Swift concurrency's global executor replaced by NIO's event loop, one thread for both.
///
/// pipit's user agent is an actor on the SIP stack's event loop; its tasks (event streams,
/// the command loop, registrations) would otherwise run on libdispatch's pool, and every
/// step between the two is a wake-up of another thread. On this path start-up crossed
/// threads ~40 times before the first REGISTER and started four pool threads. Work that
/// blocks (password commands, hooks, files) already runs on NIO's blocking thread pools,
/// and media on its own threads. NIO does the same (`NIOSingletons.unsafeTryInstall…`) but
/// finds the hook by `dlsym`, which the release build's static runtime does not export.
enum EventLoopGlobalExecutor {
    private typealias EnqueueHook =
        @convention(thin) (UnownedJob, @convention(thin) (UnownedJob) -> Void) -> Void

    /// Installs the hook (once, on the main thread, before any task starts); false when the
    /// runtime has none or something else installed one first (tasks then stay on the pool).
    @discardableResult
    static func install() -> Bool {
        guard let slot = pipit_enqueue_global_hook_slot(), slot.pointee == nil else { return false }
        let hook: EnqueueHook = { job, _ in
            MultiThreadedEventLoopGroup.singleton.any().enqueue(ExecutorJob(job))
        }
        // A thin function is one code pointer, as the runtime's hook slot expects.
        slot.pointee = unsafeBitCast(hook, to: UnsafeMutableRawPointer.self)
        return true
    }
}
