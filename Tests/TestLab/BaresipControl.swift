import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One JSON message from baresip's ctrl_tcp: an event (`event: true`, `type`, …) or the
/// response to a command (`response: true`, `ok`, `data`, `token`). Fields baresip leaves
/// out or sends with another JSON type are nil; `json` is the message as received.
public struct BaresipMessage: Decodable, Sendable {
    public let event: Bool?
    public let response: Bool?
    public let type: String?
    public let ok: Bool?
    public let data: String?
    public let token: String?
    public let param: String?
    public let peeruri: String?
    public let id: String?
    public private(set) var json = ""

    private enum Key: String, CodingKey { case event, response, type, ok, data, token, param, peeruri, id }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        func string(_ key: Key) -> String? { (try? c.decodeIfPresent(String.self, forKey: key)) ?? nil }
        func bool(_ key: Key) -> Bool? { (try? c.decodeIfPresent(Bool.self, forKey: key)) ?? nil }
        (event, response, ok) = (bool(.event), bool(.response), bool(.ok))
        (type, data, token, param, peeruri, id) = (string(.type), string(.data), string(.token), string(.param),
                                                   string(.peeruri), string(.id))
    }

    /// Decodes one ctrl_tcp payload.
    static func decode(_ payload: [UInt8]) throws -> BaresipMessage {
        var message = try JSONDecoder().decode(BaresipMessage.self, from: Data(payload))
        message.json = String(decoding: payload, as: UTF8.self)
        return message
    }
}

/// A ctrl_tcp connection: sends netstring JSON commands and collects what baresip sends.
final class BaresipControl: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private var pending: [BaresipMessage] = []
    private var seen: [BaresipMessage] = []
    private var nextToken = 1

    /// Connects to 127.0.0.1:`port` (of `namespace` when given).
    init(port: Int, namespace: NetworkNamespace? = nil) throws {
        fd = try namespace?.socket(SOCK_STREAM) ?? socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LabError.unexpected("ctrl_tcp: socket() failed") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard rc == 0 else {
            close(fd)
            throw LabError.unexpected("ctrl_tcp: cannot connect to 127.0.0.1:\(port)")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    deinit { close(fd) }

    /// Sends a command and waits for its response; throws if baresip says it failed.
    func command(_ name: String, _ params: String = "", timeout: Duration) async throws -> String {
        let token: String = lock.withLock {
            defer { nextToken += 1 }
            return "lab\(nextToken)"
        }
        let json = try JSONSerialization.data(withJSONObject: ["command": name, "params": params, "token": token])
        let frame = Netstring.encode([UInt8](json))
        let sent = frame.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == frame.count else { throw LabError.unexpected("ctrl_tcp: send failed for \(name)") }
        let reply = try await next("response to \(name)", timeout: timeout) { $0.response == true && $0.token == token }
        guard reply.ok == true else {
            throw LabError.unexpected("baresip refused \(name) \(params): \(reply.data ?? "")")
        }
        return reply.data ?? ""
    }

    /// Waits for the first message not yet taken that matches, and takes it.
    func next(_ what: String, timeout: Duration, where matches: @escaping (BaresipMessage) -> Bool) async throws -> BaresipMessage {
        var found: BaresipMessage?
        try await Poll.until(what, timeout: timeout) {
            try pump()
            found = lock.withLock {
                guard let index = pending.firstIndex(where: matches) else { return nil }
                return pending.remove(at: index)
            }
            return found != nil
        }
        guard let found else { throw LabError.timeout(what) }
        return found
    }

    /// Every message received so far.
    func messages() throws -> [BaresipMessage] {
        try pump()
        return lock.withLock { seen }
    }

    /// Reads whatever has arrived without blocking and decodes complete messages.
    private func pump() throws {
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                try lock.withLock {
                    buffer += chunk[0..<n]
                    for payload in try Netstring.decode(&buffer) {
                        let message = try BaresipMessage.decode(payload)
                        pending.append(message)
                        seen.append(message)
                    }
                }
                continue
            }
            if n == 0 { throw LabError.unexpected("ctrl_tcp: baresip closed the connection") }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return }
            throw LabError.unexpected("ctrl_tcp: recv failed, errno \(errno)")
        }
    }
}
