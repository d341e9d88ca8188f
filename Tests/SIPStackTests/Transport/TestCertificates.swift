import Foundation

/// A throwaway CA and a server certificate (SAN IP:127.0.0.1, IP:::1, DNS:sip.test) made
/// with the openssl CLI in a temporary directory. Private to these tests: TestLab's
/// CertificateAuthority was not on main when this was written.
struct TestCertificates {
    let directory: URL
    var caFile: String { directory.appendingPathComponent("ca.pem").path }
    var certificateFile: String { directory.appendingPathComponent("server.pem").path }
    var keyFile: String { directory.appendingPathComponent("server.key").path }

    static func make() throws -> TestCertificates {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-tls-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let ext = "subjectAltName=IP:127.0.0.1,IP:::1,DNS:sip.test\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
        try ext.write(to: dir.appendingPathComponent("ext.cnf"), atomically: true, encoding: .utf8)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(dir, ["req", "-x509"] + ec + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                    "-subj", "/CN=pipit test CA",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        try openssl(dir, ["req"] + ec + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=sip.test"])
        try openssl(dir, ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf"])
        return TestCertificates(directory: dir)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    private static func openssl(_ dir: URL, _ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        p.arguments = arguments
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw OpenSSLFailed(arguments: arguments, status: p.terminationStatus) }
    }

    struct OpenSSLFailed: Error {
        var arguments: [String]
        var status: Int32
    }
}
