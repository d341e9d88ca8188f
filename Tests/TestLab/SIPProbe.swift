import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sends one hand-written SIP request to a listener and returns the first response: a
/// probe that a peer's UDP, TCP or TLS socket (IPv4 or IPv6) answers SIP, independent of
/// the stack under test. UDP and TCP use plain sockets; TLS uses `openssl s_client`,
/// which verifies the server certificate against the CA file given.
public enum SIPProbe {
    /// A minimal request from `user` to `host:port` (`host` bracketed for IPv6) with a
    /// Via naming `transport` and `rport`, so the answer comes back to the probe's socket.
    public static func request(_ method: String = "OPTIONS", user: String = "alice", transport: LabTransport,
                               host: String, port: Int) -> String {
        let branch = "z9hG4bK-probe-\(UInt32.random(in: 0...UInt32.max))"
        let uri = "sip:\(user)@\(host):\(port)"
        let cseq = method == "REGISTER" ? 1 : 2
        return [
            "\(method) \(method == "REGISTER" ? "sip:\(host):\(port)" : uri) SIP/2.0",
            "Via: SIP/2.0/\(transport.rawValue.uppercased()) \(host):9;branch=\(branch);rport",
            "Max-Forwards: 70",
            "From: <\(uri)>;tag=probe\(UInt32.random(in: 0...UInt32.max))",
            "To: <\(uri)>",
            "Call-ID: probe-\(UUID().uuidString)",
            "CSeq: \(cseq) \(method)",
            "Contact: <sip:\(user)@\(host):9;transport=\(transport.rawValue)>",
            "Content-Length: 0",
            "", "",
        ].joined(separator: "\r\n")
    }

    /// Sends `request` over UDP or TCP to `host` (127.0.0.1 or ::1, no brackets) and
    /// returns the first response's start line and headers.
    public static func exchange(_ request: String, transport: LabTransport, host: String, port: Int,
                                timeout: Duration = .seconds(5)) throws -> String {
        guard transport != .tls else { throw LabError.unexpected("SIPProbe.exchange: TLS goes through Lab.exchangeSIPOverTLS") }
        let ipv6 = host.contains(":")
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, transport == .udp ? Int32(SOCK_DGRAM.rawValue) : Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LabError.unexpected("socket: errno \(errno)") }
        defer { close(fd) }
        var wait = timeval(tv_sec: Int(timeout.components.seconds),
                           tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        guard connect(fd, host: host, port: port) else {
            if errno == ECONNREFUSED { throw LabError.unexpected("\(host) port \(port) over \(transport): connection refused") }
            throw LabError.unexpected("connect \(host) port \(port) over \(transport): errno \(errno)")
        }
        let bytes = Array(request.utf8)
        guard send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else {
            throw LabError.unexpected("send to \(host) port \(port): errno \(errno)")
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        // UDP: one datagram is the response. TCP: read until the end of the headers.
        while received.count < 1 << 20 {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n < 0, errno == ECONNREFUSED { throw LabError.unexpected("\(host) port \(port) over \(transport): connection refused") }
            guard n > 0 else { break }
            received += buffer[0..<n]
            let text = String(decoding: received, as: UTF8.self)
            if transport == .udp || text.contains("\r\n\r\n") { return text }
        }
        throw LabError.timeout("a SIP response from \(host) port \(port) over \(transport)")
    }

    private static func connect(_ fd: Int32, host: String, port: Int) -> Bool {
        if host.contains(":") {
            var addr = sockaddr_in6()
            addr.sin6_family = sa_family_t(AF_INET6)
            addr.sin6_port = UInt16(port).bigEndian
            guard inet_pton(AF_INET6, host, &addr.sin6_addr) == 1 else { return false }
            return withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0
                }
            }
        }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        guard inet_pton(AF_INET, host, &addr.sin_addr) == 1 else { return false }
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

extension Lab {
    /// Sends `request` over TLS to `host:port` (host unbracketed) with `openssl s_client`,
    /// trusting only `caFile` and checking the certificate names `host` (an IP) or
    /// `serverName` (a DNS name, also sent as SNI); returns the first response's start line
    /// and headers. Throws if the handshake or verification fails.
    public func exchangeSIPOverTLS(_ request: String, host: String, port: Int, caFile: URL, serverName: String? = nil,
                                   timeout: Duration = .seconds(10)) async throws -> String {
        let dir = try makeDirectory("tls-probe")
        let requestFile = dir.appendingPathComponent("request.txt")
        try request.write(to: requestFile, atomically: true, encoding: .utf8)
        let target = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var openssl = ["s_client", "-connect", target, "-CAfile", caFile.path, "-verify_return_error", "-quiet", "-ign_eof"]
        if let serverName {
            openssl += ["-servername", serverName, "-verify_hostname", serverName]
        } else {
            openssl += ["-verify_ip", host]
        }
        // s_client reads the request from stdin and, with -ign_eof, keeps the connection
        // open after it so that the answer can arrive; the lab stops it once it has.
        let quoted = ([try Tool.openssl.path()] + openssl).map { "'\($0)'" }.joined(separator: " ")
        let process = try spawn("openssl-s_client", Tool("sh", package: "dash"),
                                ["-c", "exec \(quoted) < '\(requestFile.path)'"], in: dir)
        var response: String?
        try await Poll.until("a SIP response over TLS from \(target)", timeout: timeout) {
            let log = process.log()
            if let start = log.range(of: "SIP/2.0 "), let end = log.range(of: "\r\n\r\n", range: start.lowerBound..<log.endIndex) {
                response = String(log[start.lowerBound..<end.upperBound])
                return true
            }
            if let status = process.status { throw LabError.exited("openssl s_client to \(target) (\(log))", status: status) }
            return false
        }
        await process.stop()
        return response ?? ""
    }
}
