import NIOPosix
import SIPStack
import Testing
import TestLab
@testable import UserAgent

/// `reload` re-reads the file: accounts come and go, calls stay up.
@Suite(.timeLimit(.minutes(1)))
struct ReloadTests {
    func write(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw TestPhoneError.timeout("cannot write \(path)") }
        defer { close(fd) }
        _ = Array(text.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    @Test func reloadAddsAndRemovesAccountsWithoutDroppingACall() async throws {
        let dir = "/tmp/pipit-reload-\(UInt64.random(in: 0...UInt64.max))"
        mkdir(dir, 0o700)
        let path = dir + "/config.toml"
        let first = """
            [network]
            listen = ["udp:127.0.0.1:0"]
            [[account]]
            name = "alice"
            uri = "sip:alice@127.0.0.1"
            register = false
            codecs = ["pcmu"]
            """
        try write(first, to: path)
        let config = try ConfigLoader.load(path: path, environment: [:])
        let stack = SIPStack(eventLoop: MultiThreadedEventLoopGroup.singleton.next(), configuration: .init(config))
        let ua = UserAgent(config: config, stack: stack, timing: .fast)
        _ = try await ua.start()
        let log = EventLog()
        let events = ua.events
        Task { for await event in events { await log.append(event) } }

        let bob = try await TestPhone.start("bob")
        await ua.handle(.call(target: bob.uri, account: nil))
        _ = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: nil))
        try await log.waitFor("call up", timeout: .seconds(5)) { if case .call(let c) = $0 { c.state == .established } else { false } }

        try write(first + """

            [[account]]
            name = "work"
            uri = "sip:alice@work.example"
            register = false
            """, to: path)
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

        try write("this is = = not toml", to: path)
        await ua.handle(.reload)
        try await log.waitFor("reload error", timeout: .seconds(2)) {
            if case .error(let text) = $0 { text.hasPrefix("reload:") && text.contains("config.toml:1") } else { false }
        }
        await ua.shutdown(grace: .seconds(2))
        await bob.stop()
    }
}
