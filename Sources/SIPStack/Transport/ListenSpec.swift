import SIPMessage

/// Where to listen, parsed from `udp:0.0.0.0:5060`, `tcp:[::]:5060`, `tls:0.0.0.0:5061`.
///
/// Port 0 asks for an ephemeral port; the bound port is reported in `BoundListener`.
/// `advertisedAddress` is what Via sent-by carries when the socket is bound to a wildcard
/// address and the peer is not on loopback (set it to the host's public or LAN address).
public struct ListenSpec: Sendable, Hashable, CustomStringConvertible {
    public var transport: SIPTransport
    /// A numeric IPv4 or IPv6 address without brackets; `0.0.0.0` or `::` for any.
    public var address: String
    public var port: UInt16
    public var advertisedAddress: String?

    public init(transport: SIPTransport, address: String, port: UInt16, advertisedAddress: String? = nil) {
        self.transport = transport
        self.address = address
        self.port = port
        self.advertisedAddress = advertisedAddress
    }

    /// Parses `transport:host:port` where transport is udp, tcp or tls and host is a numeric
    /// address (IPv6 in brackets).
    public init(parsing text: String) throws(ListenSpecError) {
        guard let colon = text.firstIndex(of: ":") else { throw ListenSpecError(text, "expected transport:host:port") }
        let transport = SIPTransport(String(text[..<colon]))
        switch transport {
        case .udp, .tcp, .tls: break
        default: throw ListenSpecError(text, "transport must be udp, tcp or tls")
        }
        let rest = text[text.index(after: colon)...]
        let hostText: Substring
        let portText: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw ListenSpecError(text, "unterminated [") }
            hostText = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            guard after.hasPrefix(":") else { throw ListenSpecError(text, "expected :port after ]") }
            portText = after.dropFirst()
        } else {
            guard let last = rest.lastIndex(of: ":") else { throw ListenSpecError(text, "expected :port") }
            hostText = rest[..<last]
            portText = rest[rest.index(after: last)...]
        }
        guard let host = Host.parseAddress(hostText) else { throw ListenSpecError(text, "host must be a numeric address") }
        if case .ipv6 = host, !rest.hasPrefix("[") { throw ListenSpecError(text, "IPv6 address must be in brackets") }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
              let port = UInt16(portText) else { throw ListenSpecError(text, "bad port") }
        self.init(transport: transport, address: host.bareAddress, port: port)
    }

    public var isIPv6: Bool { address.contains(":") }

    public var description: String {
        "\(transport.description.lowercased()):\(isIPv6 ? "[\(address)]" : address):\(port)"
    }
}

/// Why a listen spec did not parse.
public struct ListenSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String
    public var reason: String
    init(_ text: String, _ reason: String) {
        self.text = text
        self.reason = reason
    }
    public var description: String { "bad listen spec \"\(text)\": \(reason)" }
}

extension Host {
    /// The address without IPv6 brackets, as `SIPTarget.address` holds it.
    var bareAddress: String {
        switch self {
        case .domain(let name): name
        case .ipv4(let a): a.description
        case .ipv6(let a): a.description
        }
    }
}
