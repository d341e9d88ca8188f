import SIPMessage

/// Where to send a request: one concrete next hop that server location (RFC 3263)
/// produced, or that a Via / Contact / flow names.
public struct SIPTarget: Sendable, Hashable, CustomStringConvertible {
    public var transport: SIPTransport
    /// A numeric IPv4 or IPv6 address (no brackets).
    public var address: String
    public var port: UInt16
    /// The host name the target was found from: TLS verifies the certificate against it
    /// and sends it as SNI. `nil` when the URI named a numeric address.
    public var serverName: String?

    public init(transport: SIPTransport, address: String, port: UInt16, serverName: String? = nil) {
        self.transport = transport
        self.address = address
        self.port = port
        self.serverName = serverName
    }

    public var isIPv6: Bool { address.contains(":") }

    public var description: String {
        let host = isIPv6 ? "[\(address)]" : address
        return "\(transport.description.lowercased()):\(host):\(port)"
    }
}
