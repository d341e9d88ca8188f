/// `a=rtcp:<port> [<nettype> <addrtype> <address>]` (RFC 3605).
public struct RTCPAttribute: Hashable, Sendable {
    public var port: UInt16
    public var networkType: String?
    public var addressType: AddressType?
    public var address: String?

    public init(port: UInt16, networkType: String? = nil, addressType: AddressType? = nil, address: String? = nil) {
        self.port = port
        self.networkType = networkType
        self.addressType = addressType
        self.address = address
    }

    var value: String {
        guard let networkType, let addressType, let address else { return "\(port)" }
        return "\(port) \(networkType) \(addressType) \(address)"
    }
}
