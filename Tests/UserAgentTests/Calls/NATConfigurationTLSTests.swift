import Media
import NAT
import Testing
@testable import UserAgent

/// `turn_transport = "tls"`: TCP to the server with TLS on it, port 5349 by default, the
/// certificate checked for the host the user wrote and against `tls_ca_file`.
@Suite(.timeLimit(.minutes(1)))
struct NATConfigurationTLSTests {
    func decode(_ text: String) throws -> PipitConfig {
        try ConfigLoader.decode(text, path: "/home/a/.config/pipit/config.toml", environment: ["HOME": "/home/a", "USER": "a"])
    }

    @Test func tlsInNetworkAndPerAccount() throws {
        let config = try decode("""
            [network]
            turn_server = "127.0.0.1"
            turn_user = "alice"
            turn_password = "secret"
            turn_transport = "tls"

            [[account]]
            name = "work"
            uri = "sip:alice@example.com"

            [[account]]
            name = "home"
            uri = "sip:alice@example.org"
            turn_server = "[::1]:443"
            turn_transport = "tls"

            [[account]]
            name = "plain"
            uri = "sip:alice@example.net"
            turn_transport = "tcp"
            """)
        let work = NATConfiguration.settings(account: config.accounts[0], network: config.network)
        #expect(work.problems.isEmpty)
        let w = try #require(work.settings)
        #expect(w.turnServer == TransportAddress(host: "127.0.0.1", port: 5349), "RFC 8656's port for TLS")
        #expect(w.turnTransport == .tcp)
        #expect(w.turnTLS == TURNTLSSettings(serverName: "127.0.0.1"))
        let h = try #require(NATConfiguration.settings(account: config.accounts[1], network: config.network).settings)
        #expect(h.turnServer == TransportAddress(host: "::1", port: 443))
        #expect(h.turnTLS?.serverName == "::1")
        let p = try #require(NATConfiguration.settings(account: config.accounts[2], network: config.network).settings)
        #expect(p.turnServer == TransportAddress(host: "127.0.0.1", port: 3478))
        #expect(p.turnTransport == .tcp && p.turnTLS == nil)
    }

    /// The certificate must name the host as written, not the address it resolves to; and
    /// `tls_ca_file` (shared with SIP over TLS) is trusted besides the system store.
    @Test func theNameToCheckIsTheConfiguredHost() throws {
        let config = try decode("""
            [network]
            turn_server = "localhost:5350"
            turn_user = "alice"
            turn_password = "secret"
            turn_transport = "tls"
            tls_ca_file = "/nonexistent/ca.pem"
            [[account]]
            name = "a"
            uri = "sip:a@example.com"
            """)
        let result = NATConfiguration.settings(account: config.accounts[0], network: config.network)
        let s = try #require(result.settings)
        #expect(s.turnServer?.port == 5350)
        #expect(s.turnTLS == TURNTLSSettings(serverName: "localhost", caFile: "/nonexistent/ca.pem"))
        // A CA file that cannot be read is said before any call.
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.hasPrefix("TURN over TLS: cannot load the trusted CAs from /nonexistent/ca.pem") == true,
                "\(result.problems)")
    }

    @Test func splitKeepsHostAndPort() {
        #expect(NATConfiguration.split("turn.example.com", defaultPort: 5349).map { "\($0.host) \($0.port)" } == "turn.example.com 5349")
        #expect(NATConfiguration.split("[2001:db8::1]:443", defaultPort: 5349).map { "\($0.host) \($0.port)" } == "2001:db8::1 443")
        #expect(NATConfiguration.split("[2001:db8::1]", defaultPort: 5349).map { "\($0.host) \($0.port)" } == "2001:db8::1 5349")
        #expect(NATConfiguration.split("host:port", defaultPort: 5349) == nil)
    }
}
