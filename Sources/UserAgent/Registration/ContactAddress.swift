/// Where our Contact says we can be reached: a host (as written in a URI, IPv6 in brackets)
/// and a port. The machine compares these; the driver turns them into Contact URIs.
public struct ContactAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    public var description: String { "\(host):\(port)" }
}
