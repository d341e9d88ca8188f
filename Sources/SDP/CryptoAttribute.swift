/// `a=crypto:<tag> <suite> <key-params> [<session-params>…]` (RFC 4568 §9.1): SDES keys
/// for SRTP.
public struct CryptoAttribute: Hashable, Sendable {
    /// Up to nine digits; the answer repeats the tag of the offer line it accepts.
    public var tag: UInt32
    /// E.g. `AES_CM_128_HMAC_SHA1_80`; unknown suites are kept as sent.
    public var suite: String
    /// One or more, `;`-separated in the text.
    public var keyParameters: [KeyParameter]
    /// Session parameters (`KDR=`, `UNENCRYPTED_SRTP`, `FEC_ORDER=`…), as sent.
    public var sessionParameters: [String]

    public init(tag: UInt32, suite: String, keyParameters: [KeyParameter], sessionParameters: [String] = []) {
        self.tag = tag
        self.suite = suite
        self.keyParameters = keyParameters
        self.sessionParameters = sessionParameters
    }

    /// `inline:<key||salt base64>[|<lifetime>][|<MKI>:<length>]`, or another method kept raw.
    public struct KeyParameter: Hashable, Sendable {
        public var method: String
        /// For `inline`: the base64 master key and salt. For other methods: the text after `:`.
        public var keySalt: String
        /// `2^20` or a decimal count, as sent.
        public var lifetime: String?
        public var mki: MKI?

        public init(method: String = "inline", keySalt: String, lifetime: String? = nil, mki: MKI? = nil) {
            self.method = method
            self.keySalt = keySalt
            self.lifetime = lifetime
            self.mki = mki
        }

        /// The master key followed by the master salt, decoded; nil if not valid base64.
        public var keySaltBytes: [UInt8]? { Base64.decode(keySalt) }

        var value: String {
            var s = "\(method):\(keySalt)"
            if let lifetime { s += "|\(lifetime)" }
            if let mki { s += "|\(mki.value):\(mki.length)" }
            return s
        }
    }

    /// Master key identifier: its value and its length in bytes on the wire.
    public struct MKI: Hashable, Sendable {
        public var value: UInt64
        public var length: UInt8
        public init(value: UInt64, length: UInt8) {
            self.value = value
            self.length = length
        }
    }

    var value: String {
        let keys = keyParameters.map(\.value).joined(separator: ";")
        return ([String(tag), suite, keys] + sessionParameters).joined(separator: " ")
    }
}
