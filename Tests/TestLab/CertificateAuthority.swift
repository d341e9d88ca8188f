import Foundation

/// A throw-away certificate authority made with the `openssl` CLI in the lab's directory:
/// a self-signed CA and the server (or client) certificates it signs, each with the
/// subjectAltNames a test chooses. Everything is PEM; nothing leaves the lab directory.
///
/// ```swift
/// let ca = try await lab.makeCertificateAuthority()
/// let server = try await ca.issue("kamailio", subjectAltNames: [.ip("127.0.0.1"), .ip("::1"), .dns("sip.test")])
/// // server.chain + server.key for the server; ca.certificate as the client's trust anchor
/// ```
public final class CertificateAuthority: Sendable {
    /// The key algorithm of a CA or an issued certificate.
    public enum KeyType: Sendable {
        /// ECDSA on P-256: fast to generate, understood by every TLS stack here.
        case ecP256
        /// RSA with the given modulus size.
        case rsa(bits: Int)

        /// `openssl req -newkey` arguments.
        var newKeyArguments: [String] {
            switch self {
            case .ecP256: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
            case let .rsa(bits): ["-newkey", "rsa:\(bits)"]
            }
        }
    }

    /// One subjectAltName entry.
    public enum SubjectAltName: Sendable, Equatable, CustomStringConvertible {
        /// An IPv4 or IPv6 address, e.g. `127.0.0.1` or `::1` (no brackets).
        case ip(String)
        /// A host name, e.g. `sip.test`.
        case dns(String)

        /// The value in an OpenSSL `subjectAltName=` extension line.
        public var description: String {
            switch self {
            case let .ip(address): "IP:\(address)"
            case let .dns(name): "DNS:\(name)"
            }
        }
    }

    /// A certificate the CA signed, with its private key.
    public struct Issued: Sendable {
        /// The leaf certificate alone (PEM).
        public let certificate: URL
        /// The leaf followed by the CA certificate (PEM): what a server presents.
        public let chain: URL
        /// The unencrypted private key (PEM).
        public let key: URL
        public let subjectAltNames: [SubjectAltName]
    }

    /// The CA's self-signed certificate (PEM): the trust anchor to give clients.
    public let certificate: URL
    /// The CA's unencrypted private key (PEM).
    public let key: URL
    /// The directory that holds the CA's files.
    public let directory: URL
    private let lab: Lab

    init(lab: Lab, directory: URL, certificate: URL, key: URL) {
        self.lab = lab
        self.directory = directory
        self.certificate = certificate
        self.key = key
    }

    /// Issues a certificate signed by this CA for `subjectAltNames` (also its only names:
    /// the common name is `name` and modern clients ignore it), valid from now for
    /// `days` days, usable for both serverAuth and clientAuth. Files are written to a new
    /// lab directory named after `name`.
    public func issue(_ name: String, subjectAltNames: [SubjectAltName], keyType: KeyType = .ecP256,
                      days: Int = 2) async throws -> Issued {
        let dir = try lab.makeDirectory("cert-\(name)")
        let key = dir.appendingPathComponent("\(name).key")
        let request = dir.appendingPathComponent("\(name).csr")
        let leaf = dir.appendingPathComponent("\(name).crt")
        let chain = dir.appendingPathComponent("\(name)-chain.crt")
        let extensions = dir.appendingPathComponent("\(name).ext")
        var lines = [
            "basicConstraints=critical,CA:FALSE",
            "keyUsage=critical,digitalSignature,keyEncipherment",
            "extendedKeyUsage=serverAuth,clientAuth",
        ]
        if !subjectAltNames.isEmpty {
            lines.append("subjectAltName=" + subjectAltNames.map(\.description).joined(separator: ","))
        }
        try (lines.joined(separator: "\n") + "\n").write(to: extensions, atomically: true, encoding: .utf8)

        try await openssl("openssl-req-\(name)", ["req", "-new", "-nodes"] + keyType.newKeyArguments + [
            "-keyout", key.path, "-out", request.path, "-subj", "/O=pipit lab/CN=\(name)",
        ])
        try await openssl("openssl-sign-\(name)", [
            "x509", "-req", "-in", request.path, "-CA", certificate.path, "-CAkey", self.key.path,
            "-set_serial", Self.randomSerial(), "-days", "\(days)", "-sha256",
            "-extfile", extensions.path, "-out", leaf.path,
        ])
        let pem = try String(contentsOf: leaf, encoding: .utf8) + String(contentsOf: certificate, encoding: .utf8)
        try pem.write(to: chain, atomically: true, encoding: .utf8)
        return Issued(certificate: leaf, chain: chain, key: key, subjectAltNames: subjectAltNames)
    }

    /// Runs `openssl` with `arguments`; throws with its output if it fails.
    private func openssl(_ name: String, _ arguments: [String]) async throws {
        try await Self.openssl(lab, name, arguments)
    }

    static func openssl(_ lab: Lab, _ name: String, _ arguments: [String]) async throws {
        let result = try await lab.execute(name, .openssl, arguments)
        guard result.status == .exited(0) else {
            throw LabError.unexpected("openssl \(arguments.first ?? "") failed (\(result.status)): \(result.output)")
        }
    }

    /// A positive 64-bit serial in hex, so that two certificates never share one.
    private static func randomSerial() -> String {
        "0x" + String(UInt64.random(in: 1...UInt64(Int64.max)), radix: 16)
    }
}

extension Lab {
    /// Makes a new self-signed CA (`CN=commonName`, CA:TRUE, keyCertSign) valid for `days`
    /// days, in its own lab directory.
    public func makeCertificateAuthority(commonName: String = "pipit lab CA",
                                         keyType: CertificateAuthority.KeyType = .ecP256,
                                         days: Int = 2) async throws -> CertificateAuthority {
        let dir = try makeDirectory("ca")
        let key = dir.appendingPathComponent("ca.key")
        let certificate = dir.appendingPathComponent("ca.crt")
        try await CertificateAuthority.openssl(self, "openssl-ca", ["req", "-x509", "-nodes"] + keyType.newKeyArguments + [
            "-keyout", key.path, "-out", certificate.path, "-days", "\(days)", "-sha256",
            "-subj", "/O=pipit lab/CN=\(commonName)",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        return CertificateAuthority(lab: self, directory: dir, certificate: certificate, key: key)
    }
}
