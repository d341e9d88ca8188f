import Foundation
import Testing
import TestLab

/// TURN over TLS through the NAT lab: alice sits behind the firewall that drops all UDP
/// and reaches coturn only with `turn_transport = "tls"` (port 5349 by default, the lab CA
/// in `tls_ca_file`, the certificate naming coturn's IP address); bob behind a cone NAT.
/// Both tones must be heard, alice's media on the relay. Then the same with a CA pipit
/// does not trust: `nat status` says why, in words.
@Suite(.timeLimit(.minutes(2)), .serialized)
struct NATLabTLSCallTests {
    /// coturn's public address in the lab (`NATNetwork+Build`): what the certificate names.
    static let turnAddress = "203.0.113.20"

    static func phone(_ user: String, on host: NATNetwork.Host, of nat: NATTopology, frequency: Double, tls: Bool,
                      caFile: URL, autoAnswer: Bool = false, dir: URL) throws -> NATLabCallTests.Phone {
        try NATLabCallTests.phone(user, on: host, of: nat, frequency: frequency, NATLabPhoneSettings(
            sipTransport: tls ? "tcp" : "udp", turnServer: tls ? turnAddress : "", turnTransport: tls ? "tls" : "udp",
            caFile: caFile.path, autoAnswer: autoAnswer), dir: dir)
    }

    /// Starts the lab with TLS on coturn and both phones (`trusted`: alice gets the lab
    /// CA, else another); runs `call` once they are registered, stops both, then runs
    /// `check` (their recordings are complete then).
    static func run(trusted: Bool, call: (NATTopology, NATLabCallTests.Phone, NATLabCallTests.Phone) async throws -> String,
                    check: (NATTopology, NATLabCallTests.Phone, NATLabCallTests.Phone, String) throws -> Void) async throws {
        try await Lab.run { lab in
            let ca = try await lab.makeCertificateAuthority()
            let certificate = try await ca.issue("coturn", subjectAltNames: [.ip(turnAddress)])
            let stranger = try await lab.makeCertificateAuthority(commonName: "someone else's CA")
            let nat = try await lab.startNATTopology(turnTLS: certificate)
            try #require(nat.network.stunAddress == turnAddress)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-natlab-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let alice = try phone("alice", on: try #require(nat.home("firewalled")).client, of: nat, frequency: 1000, tls: true,
                                  caFile: trusted ? ca.certificate : stranger.certificate, dir: dir)
            let bob: NATLabCallTests.Phone
            do {
                bob = try phone("bob", on: try #require(nat.home("cone")).client, of: nat, frequency: 440, tls: false,
                                caFile: ca.certificate, autoAnswer: true, dir: dir)
            } catch {
                await alice.stop()
                throw error
            }
            let outcome: Result<String, any Error>
            do {
                try await alice.process.waitForLine("alice registered", timeout: .seconds(15)) { $0.hasPrefix("account alice: registered") }
                try await bob.process.waitForLine("bob registered", timeout: .seconds(15)) { $0.hasPrefix("account bob: registered") }
                outcome = .success(try await call(nat, alice, bob))
            } catch {
                outcome = .failure(error)
            }
            await alice.stop()
            await bob.stop()
            try check(nat, alice, bob, try outcome.get())
        }
    }

    @Test func aFirewallThatDropsUDPIsCrossedByTURNOverTLS() async throws {
        try await Self.run(trusted: true) { nat, alice, bob in
            alice.process.send("call sip:bob@\(nat.network.sipAddress);transport=tcp")
            try await alice.process.waitForLine("established", timeout: .seconds(15)) { $0.hasPrefix("call 1: established") }
            try await NATLabCallTests.waitForTwoWayRTP(alice.process, bob.process)
            try await Task.sleep(for: .seconds(3))
            let pair = alice.process.lines.last { $0.contains("ICE: media now goes ") }?
                .components(separatedBy: "ICE: media now goes ").last ?? "none"
            alice.process.send("hangup")
            try await bob.process.waitForLine("bob hung up") { $0.hasPrefix("call 1: terminated") }
            return pair
        } check: { nat, alice, bob, pair in
            let heardByAlice = try WAV(contentsOf: alice.heard), heardByBob = try WAV(contentsOf: bob.heard)
            try NATLabCallTests.requireTwoWayAudio(.init(callerPair: pair, calleePair: "", secondsToTwoWayAudio: 0,
                                                         callerHeard: ToneAnalysis(heardByAlice),
                                                         calleeHeard: ToneAnalysis(heardByBob)))
            #expect(NATLabCallTests.kinds(pair).local == "relay", "\(pair)")
            #expect(!alice.process.lines.contains { $0.contains("TURN over TLS") }, "no TLS failure")
            let session = nat.coturn.log().split(separator: "\n").first { $0.contains("new, realm=<lab.test>, username=<lab>") }
            #expect(session?.contains("cipher=") == true, "alice's allocation was made over TLS: \(session ?? "none")")
        }
    }

    @Test func anUntrustedTURNCertificateIsNamedInNATStatus() async throws {
        try await Self.run(trusted: false) { nat, alice, bob in
            alice.process.send("call sip:bob@\(nat.network.sipAddress);transport=tcp")
            try await alice.process.waitForLine("established", timeout: .seconds(15)) { $0.hasPrefix("call 1: established") }
            let expected = "TURN over TLS to \(Self.turnAddress):5349: certificate not trusted"
            // Said as it happened (a log line), as the reason nothing is heard, and in
            // `nat status` among the call's problems.
            try await alice.process.waitForLine("the no-media diagnosis") { $0 == "call 1: no audio from the peer: " + expected
                + "; without a relay, a peer behind a symmetric NAT or a firewall cannot reach us" }
            alice.process.send("nat status 1")
            let line = try await alice.process.waitForLine("the TLS failure in nat status") {
                $0.contains("problems: ") && $0.contains("turn: " + expected)
            }
            alice.process.send("hangup")
            try await bob.process.waitForLine("bob hung up") { $0.hasPrefix("call 1: terminated") }
            return line
        } check: { _, alice, _, line in
            #expect(line.hasPrefix("  problems: "), "\(line)")
            // Once, although RTCP's connection failed the same way.
            #expect(alice.process.lines.filter { $0.contains("certificate not trusted") && $0.hasPrefix("log ") }
                    == ["log info: call 1: TURN over TLS to \(Self.turnAddress):5349: certificate not trusted"])
            #expect(alice.process.lines.contains { $0.hasPrefix("nat: account alice: ") && $0.contains("turn \(Self.turnAddress) (over tls, user lab)") })
        }
    }
}
