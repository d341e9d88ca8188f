/// A `c=` line: where media goes. Multicast suffixes are kept: IP4 `addr/ttl[/count]`,
/// IP6 `addr[/count]` (RFC 8866 §5.7).
public struct Connection: Hashable, Sendable {
    public var networkType: String
    public var addressType: AddressType
    public var address: String
    /// IP4 multicast time-to-live.
    public var ttl: UInt8?
    /// Number of consecutive multicast addresses.
    public var addressCount: UInt32?

    public init(
        networkType: String = "IN", addressType: AddressType = .ip4, address: String,
        ttl: UInt8? = nil, addressCount: UInt32? = nil
    ) {
        self.networkType = networkType
        self.addressType = addressType
        self.address = address
        self.ttl = ttl
        self.addressCount = addressCount
    }

    /// The RFC 2543 way of putting a call on hold: `c=IN IP4 0.0.0.0`.
    public var isHoldAddress: Bool { addressType == .ip4 && address == "0.0.0.0" }
}
