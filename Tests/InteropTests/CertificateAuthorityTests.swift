import Foundation
import Testing
import TestLab

@Suite struct CertificateAuthorityTests {
    /// The CA signs a server certificate that `openssl verify` accepts for its IP and DNS
    /// names, and rejects for a name it does not carry or against another CA.
    @Test(.timeLimit(.minutes(1)))
    func issuedCertificateVerifiesWithItsNames() async throws {
        try await Lab.run { lab in
            let ca = try await lab.makeCertificateAuthority()
            let server = try await ca.issue("server", subjectAltNames: [.ip("127.0.0.1"), .ip("::1"), .dns("sip.test")])
            func verify(_ extra: [String], anchor: URL = ca.certificate) async throws -> (ok: Bool, output: String) {
                let result = try await lab.execute("verify", .openssl, ["verify", "-CAfile", anchor.path] + extra + [server.certificate.path])
                return (result.status == .exited(0), result.output)
            }
            let plain = try await verify([])
            try #require(plain.ok && plain.output.contains(": OK"), "\(plain.output)")
            try #require(try await verify(["-verify_ip", "127.0.0.1"]).ok)
            try #require(try await verify(["-verify_ip", "::1"]).ok)
            try #require(try await verify(["-verify_hostname", "sip.test"]).ok)
            try #require(try await verify(["-verify_hostname", "other.test"]).ok == false)
            try #require(try await verify(["-verify_ip", "127.0.0.2"]).ok == false)
            let stranger = try await lab.makeCertificateAuthority(commonName: "another CA")
            try #require(try await verify([], anchor: stranger.certificate).ok == false)

            let text = try await lab.execute("x509", .openssl, ["x509", "-noout", "-text", "-in", server.certificate.path]).output
            #expect(text.contains("IP Address:127.0.0.1"), "\(text)")
            #expect(text.contains("IP Address:0:0:0:0:0:0:0:1"), "\(text)")
            #expect(text.contains("DNS:sip.test"), "\(text)")
            #expect(text.contains("TLS Web Server Authentication"))

            // The chain file is the leaf then the CA, and the key matches the leaf.
            let chain = try String(contentsOf: server.chain, encoding: .utf8)
            #expect(chain.components(separatedBy: "BEGIN CERTIFICATE").count - 1 == 2)
            let keyPub = try await lab.execute("pkey", .openssl, ["pkey", "-pubout", "-in", server.key.path]).output
            let certPub = try await lab.execute("pubkey", .openssl, ["x509", "-noout", "-pubkey", "-in", server.certificate.path]).output
            #expect(!keyPub.isEmpty && keyPub == certPub)
        }
    }

    /// RSA keys work too, for peers that want them.
    @Test(.timeLimit(.minutes(1)))
    func issuesRSACertificates() async throws {
        try await Lab.run { lab in
            let ca = try await lab.makeCertificateAuthority(keyType: .rsa(bits: 2048))
            let server = try await ca.issue("rsa", subjectAltNames: [.dns("sip.test")], keyType: .rsa(bits: 2048))
            let result = try await lab.execute("verify", .openssl, ["verify", "-CAfile", ca.certificate.path,
                                                                     "-verify_hostname", "sip.test", server.chain.path])
            try #require(result.status == .exited(0), "\(result.output)")
        }
    }
}
