import Foundation
import SIPMessage
import TestLab
import Testing
@testable import SIPStack

/// The transport against a real Kamailio in the lab: an unauthenticated REGISTER is
/// answered 401, and the answer shows the rport/received Kamailio filled in.
@Suite("Transport against Kamailio", .serialized)
struct KamailioTransportTests {
    static func register(from layer: SIPTransportLayer, to target: SIPTarget) async throws -> SIPMessage {
        let sentBy = try #require(try await layer.sentBy(for: target).get())
        let contactHost = "\(sentBy.host):\(sentBy.port ?? 5060)"
        let text = """
        REGISTER sip:127.0.0.1:\(target.port) SIP/2.0\r
        Max-Forwards: 70\r
        From: <sip:alice@127.0.0.1>;tag=reg1\r
        To: <sip:alice@127.0.0.1>\r
        Call-ID: \(UUID().uuidString)@pipit.test\r
        CSeq: 1 REGISTER\r
        Contact: <sip:alice@\(contactHost);transport=\(target.transport.description.lowercased())>\r
        Expires: 60\r
        Content-Length: 0\r
        \r

        """
        return ViaRules.stampTopVia(try SIPMessage.parse(text), transport: target.transport, sentBy: sentBy)
    }

    @Test("unauthenticated REGISTER gets 401 with rport filled", arguments: [SIPTransport.udp, .tcp])
    func registerChallenge(transport: SIPTransport) async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "secret"])
            let peer = try await Peer.start(["udp:127.0.0.1:0", "tcp:127.0.0.1:0"])
            let target = SIPTarget(transport: transport, address: "127.0.0.1", port: UInt16(kamailio.port))
            let flow = try await peer.layer.send(try await Self.register(from: peer.layer, to: target), to: target)
            let response = try await peer.log.message("Kamailio's answer", timeout: 10) { $0.message.response != nil }
            #expect(response.message.response?.statusCode == 401)
            #expect(response.message.headers.contains("WWW-Authenticate"))
            let via = try #require(try response.message.via.first)
            #expect(via.received?.bareAddress == "127.0.0.1")
            let listener = try #require(peer.listeners.first { $0.transport == transport })
            if transport == .udp {
                #expect(via.rport == .port(listener.port), "UDP left from the listener socket")
            } else {
                #expect(response.flow == flow, "the answer came over our connection")
                guard case .port(let p) = via.rport else {
                    Issue.record("no rport in \(via)")
                    return
                }
                #expect(p != listener.port, "TCP left from an ephemeral port")
                let learned = try await peer.log.wait("public address") { e -> PublicAddress? in
                    if case .publicAddressLearned(let a, _) = e { return a }
                    return nil
                }
                #expect(learned.port == p)
            }
            _ = try await kamailio.waitFor(401, "REGISTER", user: "alice")
            try await peer.stop()
        }
    }
}
