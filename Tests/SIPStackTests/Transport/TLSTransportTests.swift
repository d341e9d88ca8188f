import SIPMessage
import Testing
@testable import SIPStack

@Suite("Transport over TLS")
struct TLSTransportTests {
    /// A TLS server peer and a client peer whose TLS options `client` sets.
    static func pair(_ certs: TestCertificates, ipv6: Bool, client: (inout TLSOptions) -> Void) async throws -> (Peer, Peer) {
        let host = ipv6 ? "[::1]" : "127.0.0.1"
        let server = try await Peer.start(["tls:\(host):0"]) {
            $0.tls = TLSOptions(certificateChainFile: certs.certificateFile, privateKeyFile: certs.keyFile)
        }
        let clientPeer = try await Peer.start(["tls:\(host):0"]) {
            $0.tls = TLSOptions(certificateChainFile: certs.certificateFile, privateKeyFile: certs.keyFile)
            client(&$0.tls)
        }
        return (clientPeer, server)
    }

    @Test("verified request and response, same connection", arguments: [
        (false, nil as String?), (true, nil), (false, "sip.test"), (true, "sip.test"),
    ])
    func verified(ipv6: Bool, serverName: String?) async throws {
        let certs = try TestCertificates.make()
        defer { certs.remove() }
        let (a, b) = try await Self.pair(certs, ipv6: ipv6) { $0.additionalCAFile = certs.caFile }
        let target = try b.target(.tls, ipv6: ipv6, serverName: serverName)
        let flow = try await a.layer.send(try await makeOptions(from: a.layer, to: target), to: target)
        let got = try await b.log.message("the request")
        #expect(try got.message.via.first?.rport == .port(got.source.port))
        #expect(got.source.transport == .tls)
        try await b.layer.sendResponse(makeResponse(to: got.message), requestFlow: got.flow)
        let response = try await a.log.message("the response") { $0.message.response != nil }
        #expect(response.flow == flow)
        try await a.stop()
        try await b.stop()
    }

    static func failure(_ certs: TestCertificates, serverName: String?, client: (inout TLSOptions) -> Void) async throws
        -> TransportError? {
        let (a, b) = try await pair(certs, ipv6: false, client: client)
        let target = try b.target(.tls, serverName: serverName)
        var caught: TransportError?
        do {
            try await a.layer.send(try await makeOptions(from: a.layer, to: target), to: target)
        } catch let e as TransportError {
            caught = e
            // The same failure is reported as the flow going down.
            _ = try await a.log.wait("flow down") { e -> Void? in
                if case .flowDown(_, let error?) = e, error == caught { return () }
                return nil
            }
        }
        try await a.stop()
        try await b.stop()
        return caught
    }

    @Test func withoutTheCAFileVerificationFails() async throws {
        let certs = try TestCertificates.make()
        defer { certs.remove() }
        let error = try await Self.failure(certs, serverName: nil) { _ in }
        guard case .certificateInvalid = error else {
            Issue.record("expected certificateInvalid, got \(String(describing: error))")
            return
        }
    }

    @Test func wrongServerNameFails() async throws {
        let certs = try TestCertificates.make()
        defer { certs.remove() }
        let error = try await Self.failure(certs, serverName: "other.test") { $0.additionalCAFile = certs.caFile }
        guard case .certificateInvalid = error else {
            Issue.record("expected certificateInvalid, got \(String(describing: error))")
            return
        }
    }

    @Test func insecureSkipVerificationConnects() async throws {
        let certs = try TestCertificates.make()
        defer { certs.remove() }
        let error = try await Self.failure(certs, serverName: "other.test") { $0.insecureSkipVerification = true }
        #expect(error == nil)
    }

    @Test func aDomainCAIsTrustedForItsDomainOnly() async throws {
        let certs = try TestCertificates.make()
        defer { certs.remove() }
        let trusted = try await Self.failure(certs, serverName: "sip.test") { $0.domainCAFiles = ["sip.test": certs.caFile] }
        #expect(trusted == nil)
        // The same CA, configured for another domain, does not vouch for sip.test.
        let other = try await Self.failure(certs, serverName: "sip.test") { $0.domainCAFiles = ["pbx.example": certs.caFile] }
        guard case .certificateInvalid = other else {
            Issue.record("expected certificateInvalid, got \(String(describing: other))")
            return
        }
    }
}
