import Glibc
import Synchronization
import Testing
import TestLab
import NAT
@testable import Media

/// TURN over TLS against the real coturn on 127.0.0.1, through the media engine: the TLS
/// engine runs on the media thread over the non-blocking TCP socket.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct TURNOverTLSTests {
    /// A coturn with a TLS listener whose certificate names `turn.lab.test` (and nothing
    /// else), signed by a fresh lab CA.
    struct Server {
        let coturn: Coturn
        let ca: CertificateAuthority
        let address: TransportAddress
    }

    static func server(_ lab: Lab) async throws -> Server {
        let ca = try await lab.makeCertificateAuthority()
        let certificate = try await ca.issue("turn", subjectAltNames: [.dns("turn.lab.test")])
        let coturn = try await lab.startCoturn(tls: certificate, verbose: true)
        let port = try #require(coturn.tlsPort)
        return Server(coturn: coturn, ca: ca, address: try #require(TransportAddress(host: "127.0.0.1", port: UInt16(port))))
    }

    static func settings(_ server: Server, name: String = "turn.lab.test", trustLabCA: Bool = true) -> NATSettings {
        NATSettings(ice: false, turnServer: server.address, turnTransport: .tcp, turnUser: server.coturn.user,
                    turnPassword: server.coturn.password,
                    turnTLS: TURNTLSSettings(serverName: name, caFile: trustLabCA ? server.ca.certificate.path : nil),
                    gatherTimeout: .seconds(10))
    }

    /// The NAT events a stream reported (on the media thread).
    final class Events: Sendable {
        let texts = Mutex<[String]>([])
    }

    /// Opens a call's media with `settings` and waits for gathering; the NAT events too.
    static func gather(_ settings: NATSettings, engine: MediaEngine) async throws
        -> (id: MediaStreamID, gathering: NATGathering, events: Events, seconds: Double) {
        let events = Events()
        let (rtp, rtcp) = try MediaSocket.bindPair(host: "127.0.0.1", ports: 20000...40000)
        let monitor = StreamMonitor { event in if case .nat(let text) = event { events.texts.withLock { $0.append(text) } } }
        let started = ContinuousClock.now
        let id = try engine.openCall(rtp: rtp, rtcp: rtcp, nat: settings, monitor: monitor)
        let gathering = try #require(await engine.gathered(id))
        return (id, gathering, events, Double((ContinuousClock.now - started) / .milliseconds(1)) / 1000)
    }

    @Test func allocatesOverTLSAndDeallocatesAtTheEnd() async throws {
        try await Lab.run { lab in
            let server = try await Self.server(lab)
            let engine = try MediaEngine()
            defer { engine.stop() }
            let call = try await Self.gather(Self.settings(server), engine: engine)
            #expect(call.gathering.turnFailure == nil, "\(call.gathering.turnFailure ?? "")")
            let relayed = try #require(call.gathering.relayedAddress, "no relay: \(server.coturn.log())")
            #expect(relayed.host == "127.0.0.1" && relayed.port != 0)
            #expect(call.gathering.defaultAddress == relayed)
            let session = server.coturn.log().split(separator: "\n").first { $0.contains("new, realm=<lab.test>, username=<lab>") }
            #expect(session?.contains("cipher=") == true, "the allocation was made over TLS: \(session ?? "none")")
            engine.remove(call.id)
            // The Refresh with lifetime 0 went through TLS: coturn deletes the allocation.
            var closed = false
            for _ in 0..<100 where !closed {
                try await Task.sleep(for: .milliseconds(20))
                closed = server.coturn.log().contains("refreshed, realm=<lab.test>, username=<lab>, lifetime=0, cipher=")
            }
            #expect(closed, "no deallocation: \(server.coturn.log())")
        }
    }

    /// Without the lab CA the certificate is not trusted: gathering ends at once with a
    /// failure that names the server, no relay, no hang.
    @Test func anUntrustedCertificateIsRefusedClearly() async throws {
        try await Lab.run { lab in
            let server = try await Self.server(lab)
            let engine = try MediaEngine()
            defer { engine.stop() }
            let call = try await Self.gather(Self.settings(server, trustLabCA: false), engine: engine)
            #expect(call.gathering.relayedAddress == nil)
            #expect(call.gathering.turnFailure == "TURN over TLS to turn.lab.test:\(server.address.port): certificate not trusted")
            #expect(call.seconds < 5, "gathering waited \(call.seconds) s")
            #expect(call.events.texts.withLock { $0 }.contains { $0.contains("certificate not trusted") })
            engine.remove(call.id)
        }
    }

    /// A trusted certificate for another name is refused too.
    @Test func aCertificateForAnotherNameIsRefused() async throws {
        try await Lab.run { lab in
            let server = try await Self.server(lab)
            let engine = try MediaEngine()
            defer { engine.stop() }
            let call = try await Self.gather(Self.settings(server, name: "other.lab.test"), engine: engine)
            #expect(call.gathering.relayedAddress == nil)
            #expect(call.gathering.turnFailure
                    == "TURN over TLS to other.lab.test:\(server.address.port): the certificate does not name other.lab.test")
            engine.remove(call.id)
        }
    }

    /// A server that takes the connection and closes it mid-handshake: a TURN failure at
    /// once, not a wait for the gathering deadline.
    @Test func aServerThatClosesTheConnectionIsAFailureNotAHang() async throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(listener, raw, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, raw, &length) == 0
            }
        }
        try #require(bound)
        let port = UInt16(bigEndian: address.sin_port)
        // Accepts one connection, reads the ClientHello, closes.
        let server = Task.detached {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            var hello = [UInt8](repeating: 0, count: 16384)   // all of it: unread bytes would make a reset
            _ = recv(connection, &hello, hello.count, 0)
            close(connection)
        }
        let engine = try MediaEngine()
        defer { engine.stop() }
        let settings = NATSettings(ice: false, turnServer: TransportAddress(host: "127.0.0.1", port: port), turnTransport: .tcp,
                                   turnUser: "lab", turnPassword: "lab-secret",
                                   turnTLS: TURNTLSSettings(serverName: "turn.lab.test"), gatherTimeout: .seconds(10))
        let call = try await Self.gather(settings, engine: engine)
        await server.value
        #expect(call.gathering.relayedAddress == nil)
        #expect(call.gathering.turnFailure == "TURN over TLS to turn.lab.test:\(port): the server closed the TLS connection")
        #expect(call.seconds < 5, "gathering waited \(call.seconds) s")
        engine.remove(call.id)
    }

    /// The server goes away after the allocation: the loss is said at once, in words,
    /// and the relay is dropped (no hang, no spinning on the dead connection).
    @Test func aServerGoneMidCallIsReported() async throws {
        try await Lab.run { lab in
            let server = try await Self.server(lab)
            let engine = try MediaEngine()
            defer { engine.stop() }
            let call = try await Self.gather(Self.settings(server), engine: engine)
            try #require(call.gathering.relayedAddress != nil)
            _ = await server.coturn.process.stop(signal: SIGKILL)
            let expected = "TURN over TLS to turn.lab.test:\(server.address.port): the server closed the TLS connection"
            var said: [String] = []
            for _ in 0..<100 where said.isEmpty {
                try await Task.sleep(for: .milliseconds(20))
                said = call.events.texts.withLock { $0 }.filter { $0.contains("the relay is gone") }
            }
            // A killed process's sockets end with a FIN or a reset, by timing.
            #expect(said == ["TURN: \(expected); the relay is gone"]
                    || said == ["TURN: TURN over TLS to turn.lab.test:\(server.address.port): the connection failed; the relay is gone"],
                    "\(said)")
            engine.remove(call.id)
        }
    }
}
