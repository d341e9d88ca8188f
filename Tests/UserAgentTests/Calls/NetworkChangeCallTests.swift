import Media
import NAT
import Testing
@testable import UserAgent

/// A change of our own addresses restarts ICE only on the calls whose media used a
/// vanished address (unless the route moved, when every call restarts).
@Suite(.timeLimit(.minutes(1)), .serialized)
struct NetworkChangeCallTests {
    @Test func onlyACallOnAVanishedAddressRestarts() async throws {
        let call = try await NATCallTests.call(caller: NATSettings(), callee: NATSettings())
        _ = try await NATCallTests.selectedPairs(call)
        // An unrelated address went away (say an expired IPv6 privacy address): nothing.
        #expect(await call.caller.restartICE(ifUsing: ["10.99.0.1", "2001:db8::99"]) == false)
        let stats = await call.caller.statistics()
        #expect(stats?.nat?.iceState == "completed", "\(String(describing: stats?.nat?.iceState))")
        // The address the call's socket stands on went away: ICE restarts.
        #expect(await call.caller.restartICE(ifUsing: ["10.99.0.1", "127.0.0.1"]))
        // The route moved: restart whatever the call uses.
        #expect(await call.callee.restartICE(ifUsing: nil))
        try await NATCallTests.end(call)
    }
}
