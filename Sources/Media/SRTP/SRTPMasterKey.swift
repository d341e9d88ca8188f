/// A suite with its master key and salt, checked for length. Its description never
/// shows the key, so it can be logged.
public struct SRTPMasterKey: Hashable, Sendable, CustomStringConvertible {
    public let suite: SRTPSuite
    public let key: [UInt8]
    public let salt: [UInt8]

    public init(suite: SRTPSuite, key: [UInt8], salt: [UInt8]) throws(SRTPError) {
        guard key.count == suite.keyLength, salt.count == suite.saltLength else {
            throw .badKeyLength(suite: suite, expected: suite.keySaltLength, got: key.count + salt.count)
        }
        self.suite = suite
        self.key = key
        self.salt = salt
    }

    /// For lengths already known to fit the suite.
    init(unchecked suite: SRTPSuite, key: [UInt8], salt: [UInt8]) {
        self.suite = suite
        self.key = key
        self.salt = salt
    }

    /// From the concatenated key and salt, as carried by SDES `inline:`.
    public init(suite: SRTPSuite, keySalt: [UInt8]) throws(SRTPError) {
        guard keySalt.count == suite.keySaltLength else {
            throw .badKeyLength(suite: suite, expected: suite.keySaltLength, got: keySalt.count)
        }
        try self.init(suite: suite, key: Array(keySalt[..<suite.keyLength]), salt: Array(keySalt[suite.keyLength...]))
    }

    /// Key then salt, the layout libsrtp2 and SDES both use.
    public var keySalt: [UInt8] { key + salt }

    public var description: String { "\(suite.rawValue) key (redacted)" }
}
