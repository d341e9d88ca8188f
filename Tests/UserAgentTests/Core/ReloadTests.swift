import Foundation
import NIOPosix
import SIPStack
import Testing
import TestLab
@testable import UserAgent

/// `reload` re-reads the file: accounts come and go, calls stay up.
@Suite(.timeLimit(.minutes(1)))
struct ReloadTests {
    @Test func reloadAddsAndRemovesAccountsWithoutDroppingACall() async throws {
        let first = """
            [network]
            listen = ["udp:127.0.0.1:0"]
            [[account]]
            name = "alice"
            uri = "sip:alice@127.0.0.1"
            register = false
            codecs = ["pcmu"]
            """
        let phone = try await ConfigFilePhone.start(first)
        let (ua, log) = (phone.ua, phone.log)

        let bob = try await TestPhone.start("bob")
        await ua.handle(.call(target: bob.uri, account: nil))
        _ = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: nil))
        try await log.waitFor("call up", timeout: .seconds(5)) { if case .call(let c) = $0 { c.state == .established } else { false } }

        try phone.rewrite(first + """

            [[account]]
            name = "work"
            uri = "sip:alice@work.example"
            register = false
            """)
        await ua.handle(.reload)
        try await log.waitFor("reload summary", timeout: .seconds(5)) {
            if case .info(let text) = $0 { text.contains("added work") } else { false }
        }
        await ua.handle(.accounts)
        let listing = try await log.waitFor("accounts", timeout: .seconds(2)) { if case .accounts = $0 { true } else { false } }
        guard case .accounts(let accounts) = listing else { return }
        #expect(accounts.map(\.name) == ["alice", "work"])
        await ua.handle(.calls)
        let calls = try await log.waitFor("calls", timeout: .seconds(2)) { if case .calls = $0 { true } else { false } }
        guard case .calls(let live) = calls else { return }
        #expect(live.first?.state == .established, "the call survived the reload")

        // With a call up the listeners stay: the call's dialog lives on them.
        let listening = await ua.listeners
        try phone.rewrite(first.replacingOccurrences(of: "udp:127.0.0.1:0", with: "udp:127.0.0.3:0"))
        await ua.handle(.reload)
        try await log.waitFor("listen deferred", timeout: .seconds(5)) {
            if case .info(let text) = $0 { text.contains("network.listen take effect when pipit restarts") } else { false }
        }
        #expect(await ua.listeners == listening)

        try phone.rewrite("this is = = not toml")
        await ua.handle(.reload)
        try await log.waitFor("reload error", timeout: .seconds(2)) {
            if case .error(let text) = $0 { text.hasPrefix("reload:") && text.contains("config.toml:1") } else { false }
        }
        await ua.shutdown(grace: .seconds(2))
        await bob.stop()
    }
}
