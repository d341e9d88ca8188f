import Foundation
import Testing

/// `nat status` in the headless mode: the accounts' NAT settings, as text and as JSON,
/// without the TURN password.
@Suite(.timeLimit(.minutes(1)))
struct NATStatusCommandTests {
    static let config = """
        [general]
        log_level = "info"
        [network]
        listen = ["udp:127.0.0.1:0"]
        stun_server = "127.0.0.1:3478"
        turn_server = "127.0.0.1:3479"
        turn_user = "alice"
        turn_transport = "tcp"
        turn_password = "hunter2-secret"
        [[account]]
        name = "alice"
        uri = "sip:alice@127.0.0.1"
        register = false
        [[account]]
        name = "lan"
        uri = "sip:lan@127.0.0.1"
        register = false
        ice = false
        stun_server = "127.0.0.1:3490"
        """

    @Test func answersWithTheAccountsSettings() async throws {
        let home = try TestHome(config: Self.config)
        defer { try? FileManager.default.removeItem(at: home.url) }
        let pipit = try HeadlessProcess(["--headless"], home: home.url)
        pipit.send("nat")
        pipit.send("nat status 4")
        pipit.send("nat reset")
        try await pipit.waitForLine("no calls") { $0 == "nat: no calls" }
        pipit.closeInput()
        #expect(try await pipit.waitForExit() == 0)
        let out = pipit.lines
        #expect(out.contains("nat: account alice: ice on, stun 127.0.0.1:3478, turn 127.0.0.1:3479 (over tcp, user alice)"), "\(out)")
        #expect(out.contains("nat: account lan: ice off, stun 127.0.0.1:3490, turn 127.0.0.1:3479 (over tcp, user alice)"), "\(out)")
        #expect(out.contains("error: no call 4"), "\(out)")
        #expect(out.contains { $0.contains("`reset`") }, "\(out)")
        #expect(!out.contains { $0.contains("hunter2") })
    }

    @Test func answersInJSON() async throws {
        let home = try TestHome(config: Self.config)
        defer { try? FileManager.default.removeItem(at: home.url) }
        let pipit = try HeadlessProcess(["--headless", "--json"], home: home.url)
        pipit.send("nat status")
        let line = try await pipit.waitForLine("nat event") { $0.contains(#""event":"nat""#) }
        pipit.closeInput()
        #expect(try await pipit.waitForExit() == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let accounts = try #require(object["accounts"] as? [[String: Any]])
        #expect(accounts.count == 2)
        #expect(accounts.first?["account"] as? String == "alice")
        #expect(accounts.first?["ice"] as? Bool == true)
        #expect(accounts.first?["stun_server"] as? String == "127.0.0.1:3478")
        #expect(accounts.first?["turn_user"] as? String == "alice")
        #expect(accounts.first?["turn_transport"] as? String == "tcp")
        #expect(accounts.last?["ice"] as? Bool == false)
        #expect((object["calls"] as? [Any])?.isEmpty == true)
        #expect(!line.contains("hunter2"))
    }
}
