import SIPMessage
#if canImport(Glibc)
import Glibc
#endif

/// The resolver settings of resolv.conf(5) that the DNS client uses.
public struct ResolvConf: Sendable, Hashable {
    /// A nameserver: a numeric IPv4 or IPv6 address (no brackets) and a port.
    public struct Nameserver: Sendable, Hashable, CustomStringConvertible {
        public var address: String
        public var port: UInt16

        public init(address: String, port: UInt16 = 53) {
            self.address = address
            self.port = port
        }

        public var description: String { address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)" }
    }

    /// glibc's limits (MAXNS, RES_MAXRETRANS, RES_MAXRETRY).
    public static let maxNameservers = 3
    public static let maxTimeoutSeconds = 30
    public static let maxAttempts = 5

    public var nameservers: [Nameserver]
    /// How long to wait for one server's answer.
    public var timeout: Duration
    /// How many rounds over all the nameservers.
    public var attempts: Int
    /// The search list (`search`, or `domain`); the last of the two lines wins.
    public var search: [String]

    /// The defaults of resolv.conf(5): the local server, 5 s, 2 attempts.
    public init(nameservers: [Nameserver] = [Nameserver(address: "127.0.0.1")], timeout: Duration = .seconds(5),
                attempts: Int = 2, search: [String] = []) {
        self.nameservers = nameservers.isEmpty ? [Nameserver(address: "127.0.0.1")] : nameservers
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.search = search
    }

    /// Reads resolv.conf text. Unknown lines and bad values are ignored, as the C library does.
    public static func parse(_ text: String) -> ResolvConf {
        var conf = ResolvConf()
        var servers: [Nameserver] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = words.first, !keyword.hasPrefix("#"), !keyword.hasPrefix(";") else { continue }
            let values = words.dropFirst().prefix { !$0.hasPrefix("#") && !$0.hasPrefix(";") }.map(String.init)
            switch keyword {
            case "nameserver":
                if servers.count < maxNameservers, let value = values.first, let address = numericAddress(value) {
                    servers.append(Nameserver(address: address))
                }
            case "search":
                conf.search = values.map { DNSName.normalized($0) }
            case "domain":
                conf.search = values.prefix(1).map { DNSName.normalized($0) }
            case "options":
                for option in values { conf.apply(option: option) }
            default:
                continue
            }
        }
        if !servers.isEmpty { conf.nameservers = servers }
        return conf
    }

    /// Reads the file at `path`; the defaults when it cannot be read.
    public static func load(path: String = "/etc/resolv.conf") -> ResolvConf {
        guard let bytes = readSmallFile(path) else { return ResolvConf() }
        return parse(String(decoding: bytes, as: UTF8.self))
    }

    /// The bytes of a small file (at most 64 KiB are read), nil when it cannot be opened.
    /// Plain POSIX: Foundation would bring ICU's tens of megabytes into the binary.
    static func readSmallFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 65_536 {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += chunk[0..<n]
        }
        return bytes
    }

    private mutating func apply(option: String) {
        let parts = option.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let n = Int(parts[1]), n >= 0 else { return }
        switch parts[0] {
        case "timeout": timeout = .seconds(min(max(n, 1), Self.maxTimeoutSeconds))
        case "attempts": attempts = min(max(n, 1), Self.maxAttempts)
        default: return
        }
    }

    /// An IPv4 or IPv6 literal in canonical text; a zone suffix (`%eth0`) is not supported.
    private static func numericAddress(_ text: String) -> String? {
        switch Host.parseAddress(Substring(text)) {
        case .ipv4(let a): a.description
        case .ipv6(let a): a.description
        default: nil
        }
    }
}
