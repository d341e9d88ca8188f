/// HMAC (RFC 2104) over the one-shot hashes here; both have 64-byte blocks. STUN uses
/// HMAC-SHA1 for MESSAGE-INTEGRITY and HMAC-SHA256 for MESSAGE-INTEGRITY-SHA256.
public enum HMAC {
    /// HMAC-SHA1: a 20-byte tag.
    public static func sha1(key: [UInt8], message: [UInt8]) -> [UInt8] {
        mac(key: key, message: message, hash: SHA1.hash)
    }

    /// HMAC-SHA256: a 32-byte tag.
    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        mac(key: key, message: message, hash: SHA256.hash)
    }

    private static func mac(key: [UInt8], message: [UInt8], hash: ([UInt8]) -> [UInt8]) -> [UInt8] {
        let blockSize = 64
        // Keys longer than a block are hashed first; shorter ones are zero-padded.
        var block = key.count > blockSize ? hash(key) : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        let inner = hash(block.map { $0 ^ 0x36 } + message)
        return hash(block.map { $0 ^ 0x5c } + inner)
    }
}
