import Media
import SIPMessage
import NAT
import Testing
@testable import UserAgent

@Suite(.timeLimit(.minutes(1)))
struct NATConfigurationTests {
    func decode(_ text: String) throws -> PipitConfig {
        try ConfigLoader.decode(text, path: "/home/a/.config/pipit/config.toml", environment: ["HOME": "/home/a", "USER": "a"])
    }

    @Test func accountOverridesNetwork() throws {
        let config = try decode("""
            [network]
            stun_server = "192.0.2.1"
            turn_server = "192.0.2.2:3479"
            turn_user = "alice"
            turn_transport = "tcp"

            [[account]]
            name = "work"
            uri = "sip:alice@example.com"
            turn_user = "alice-work"
            ice = false

            [[account]]
            name = "home"
            uri = "sip:alice@example.org"
            stun_server = "[2001:db8::9]:3480"
            turn_transport = "udp"
            """)
        let work = NATConfiguration.settings(account: config.accounts[0], network: config.network)
        #expect(work.problems.isEmpty)
        let w = try #require(work.settings)
        #expect(!w.ice)
        #expect(w.stunServer == TransportAddress(host: "192.0.2.1", port: 3478))
        #expect(w.turnServer == TransportAddress(host: "192.0.2.2", port: 3479))
        #expect(w.turnUser == "alice-work")
        #expect(w.turnTransport == .tcp)
        let h = try #require(NATConfiguration.settings(account: config.accounts[1], network: config.network).settings)
        #expect(h.ice)
        #expect(h.stunServer == TransportAddress(host: "2001:db8::9", port: 3480))
        #expect(h.turnTransport == .udp)
    }

    @Test func iceOffAndNoServersMeansNothingToDo() throws {
        let config = try decode("""
            [network]
            ice = false
            [[account]]
            name = "a"
            uri = "sip:a@example.com"
            """)
        #expect(NATConfiguration.settings(account: config.accounts[0], network: config.network).settings == nil)
    }

    @Test func badTransportNamesFileLineAndKey() {
        let error = configError("[network]\nturn_transport = \"sctp\"\n")
        #expect("\(error.map { "\($0)" } ?? "")".contains("turn_transport"))
        #expect("\(error.map { "\($0)" } ?? "")".contains(":2"))
    }

    @Test func resolvesNamesAndRefusesGarbage() throws {
        #expect(NATConfiguration.resolve("localhost:3478", defaultPort: 1)?.isLoopback == true)
        #expect(NATConfiguration.resolve("127.0.0.1", defaultPort: 3478) == TransportAddress(host: "127.0.0.1", port: 3478))
        #expect(NATConfiguration.resolve("host:notaport", defaultPort: 3478) == nil)
        // An empty name fails inside the resolver (no query leaves the machine).
        #expect(NATConfiguration.resolve(":3478", defaultPort: 3478) == nil)
        var network = NetworkSettings()
        network.stunServer = ":3478"
        let account = AccountConfig(name: "a", uri: try SIPURI.parse("sip:a@example.com"))
        let (settings, problems) = NATConfiguration.settings(account: account, network: network)
        #expect(settings?.stunServer == nil)
        #expect(problems == ["cannot resolve the STUN server :3478"])
    }
}
