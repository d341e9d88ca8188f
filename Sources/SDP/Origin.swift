/// The `o=` line: who made the session and which version of its description this is.
public struct Origin: Hashable, Sendable {
    public var username: String
    /// Stays fixed for the life of the session (RFC 3264 §8).
    public var sessionID: UInt64
    /// Grows by one each time the description changes (RFC 3264 §8).
    public var sessionVersion: UInt64
    public var networkType: String
    public var addressType: AddressType
    public var address: String

    public init(
        username: String = "-", sessionID: UInt64, sessionVersion: UInt64,
        networkType: String = "IN", addressType: AddressType = .ip4, address: String
    ) {
        self.username = username
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.networkType = networkType
        self.addressType = addressType
        self.address = address
    }
}
