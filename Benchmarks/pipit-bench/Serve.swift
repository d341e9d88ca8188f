import NIOPosix
import SIPStack
#if canImport(Glibc)
import Glibc
#endif

/// The stack as a UAS that answers every request 200 OK: what SIPp loads in `make bench`.
func serve(listen: String) async throws {
    var configuration = SIPStack.Configuration()
    configuration.listen = [listen]
    // UDP server transactions live 32 s after answering (timer J = 64·T1), so a sustained
    // load of R/s needs 32·R of them; the default (4096) is sized for a phone, not a load test.
    configuration.maxTransactions = 1 << 20
    let stack = SIPStack(eventLoop: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration)
    let bound = try await stack.start()
    // Unbuffered, so the harness sees it at once.
    let line = Array("ready \(bound.first?.port ?? 0)\n".utf8)
    _ = line.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    for await incoming in stack.incomingRequests {
        incoming.respond(200, "OK", toTag: "bench")
    }
}
