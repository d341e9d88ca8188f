import Foundation
import SIPMessage
import Testing
import TestLab
@testable import SIPStack

#if canImport(Glibc)
import Glibc
#endif

/// A blocking UDP socket on 127.0.0.1 with a receive timeout, enough for a few
/// request/response exchanges with the lab's Kamailio.
private final class UDPPeer {
    let fd: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw LabSocketError.failed("socket") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { close(fd); throw LabSocketError.failed("bind") }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        self.fd = fd
        port = UInt16(bigEndian: addr.sin_port)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8], to port: Int) {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = bytes.withUnsafeBytes { buf in
            withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, buf.baseAddress, buf.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// The next final response (provisional ones skipped).
    func finalResponse() throws -> SIPResponse {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { throw LabSocketError.failed("no response from Kamailio") }
            if case .response(let r) = try SIPMessage.parse(Array(buffer[0..<n])), r.statusCode >= 200 { return r }
        }
    }
}

private enum LabSocketError: Error { case failed(String) }

/// Optional: the computed Authorization checked by a real registrar. The UA core's
/// end-to-end REGISTER over pipit's transports is tested elsewhere.
@Suite(.serialized) struct KamailioDigestTests {
    private static func register(peer: UDPPeer, kamailioPort: Int, cseq: Int) -> SIPRequest {
        SIPRequest(method: .register, requestURI: "sip:127.0.0.1:\(kamailioPort)", headers: SIPHeaders([
            ("Via", "SIP/2.0/UDP 127.0.0.1:\(peer.port);branch=z9hG4bK-auth-\(cseq);rport"),
            ("Max-Forwards", "70"), ("From", "<sip:alice@127.0.0.1>;tag=auth1"), ("To", "<sip:alice@127.0.0.1>"),
            ("Call-ID", "auth-lab-\(peer.port)@127.0.0.1"), ("CSeq", "\(cseq) REGISTER"),
            ("Contact", "<sip:alice@127.0.0.1:\(peer.port)>"), ("Expires", "60"),
        ]))
    }

    /// The retry with the next CSeq and a new branch, as the caller must do.
    private static func renumbered(_ r: SIPRequest, peer: UDPPeer, cseq: Int) -> SIPRequest {
        var out = r
        out.headers.set("CSeq", "\(cseq) REGISTER")
        out.headers.set("Via", "SIP/2.0/UDP 127.0.0.1:\(peer.port);branch=z9hG4bK-auth-\(cseq);rport")
        return out
    }

    @Test func registerWithDigestAgainstKamailio() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "lab-secret"])
            let peer = try UDPPeer()
            var client = DigestClient(credentials: { _ in SIPCredentials(username: "alice", password: "lab-secret") },
                                      random: SeededGenerator())
            var request = Self.register(peer: peer, kamailioPort: kamailio.port, cseq: 1)
            client.authorize(&request)
            peer.send(SIPMessage.request(request).serialized(), to: kamailio.port)
            let challenge = try peer.finalResponse()
            try #require(challenge.statusCode == 401)
            guard case .retry(let answered) = client.handle(challenge, to: request) else {
                Issue.record("no retry for \(challenge.headers.first("WWW-Authenticate") ?? "-")")
                return
            }
            let retry = Self.renumbered(answered, peer: peer, cseq: 2)
            peer.send(SIPMessage.request(retry).serialized(), to: kamailio.port)
            let ok = try peer.finalResponse()
            try #require(ok.statusCode == 200, "Kamailio answered \(ok.statusCode)")
            #expect(client.handle(ok, to: retry) == .notAChallenge)

            // The refresh goes out with cached credentials and is accepted at once.
            var refresh = Self.register(peer: peer, kamailioPort: kamailio.port, cseq: 3)
            client.authorize(&refresh)
            try #require(refresh.headers.contains("Authorization"))
            peer.send(SIPMessage.request(refresh).serialized(), to: kamailio.port)
            let refreshed = try peer.finalResponse()
            #expect(refreshed.statusCode == 200)
        }
    }

    @Test func wrongPasswordAgainstKamailioFailsAfterOneRetry() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "lab-secret"])
            let peer = try UDPPeer()
            var client = DigestClient(credentials: { _ in SIPCredentials(username: "alice", password: "nope") },
                                      random: SeededGenerator())
            var request = Self.register(peer: peer, kamailioPort: kamailio.port, cseq: 1)
            var outcomes: [AuthOutcome] = []
            for cseq in 1...4 {
                peer.send(SIPMessage.request(request).serialized(), to: kamailio.port)
                let response = try peer.finalResponse()
                let outcome = client.handle(response, to: request)
                outcomes.append(outcome)
                guard case .retry(let next) = outcome else { break }
                request = Self.renumbered(next, peer: peer, cseq: cseq + 1)
            }
            #expect(outcomes.count == 2)
            #expect(outcomes.last == .failed(.rejected(realm: "127.0.0.1")))
        }
    }
}
