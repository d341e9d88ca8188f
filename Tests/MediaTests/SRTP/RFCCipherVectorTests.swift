import Testing
import Glibc
@testable import Media

/// Published vectors below the SRTP packet layer, reached through libsrtp2's exported
/// cipher API (`srtp_cipher_*`, found with `dlsym` since the shim imports only srtp.h):
/// RFC 3711 B.2 (AES-CM keystream), B.3 (key derivation) and RFC 7714 §16.1.1/§16.2.1
/// (AEAD_AES_128_GCM and _256_GCM on the "Gallia est omnis divisa" packet). Together with
/// `SRTPVectorTests` they pin the library our contexts drive.
@Suite(.timeLimit(.minutes(1)))
struct RFCCipherVectorTests {
    @Test func rfc3711B2KeystreamAESCM() throws {
        let cipher = try LibSRTPCipher(type: "srtp_aes_icm_128", keyLength: 30, tagLength: 0,
                                       key: srtpHex("2B7E151628AED2A6ABF7158809CF4F3C F0F1F2F3F4F5F6F7F8F9FAFBFCFD"))
        // SSRC 0, index 0: the IV adds nothing to the salt.
        let stream = try cipher.keystream(iv: [UInt8](repeating: 0, count: 16), count: 48)
        #expect(stream == srtpHex("""
            E03EAD0935C95E80E166B16DD92B4EB4 D23513162B02D0F72A43A2FE4A5F97AB 41E95B3BB0A2E8DD477901E4FCA894C0
            """))
    }

    @Test func rfc3711B3KeyDerivation() throws {
        let cipher = try LibSRTPCipher(type: "srtp_aes_icm_128", keyLength: 30, tagLength: 0,
                                       key: SRTPVectorTests.rfc3711MasterKey + SRTPVectorTests.rfc3711MasterSalt)
        // key_id = label || r with r = 0 (KDR 0); the label sits in octet 7 of the IV.
        func derive(_ label: UInt8, _ count: Int) throws -> [UInt8] {
            var iv = [UInt8](repeating: 0, count: 16)
            iv[7] = label
            return try cipher.keystream(iv: iv, count: count)
        }
        #expect(try derive(0, 16) == srtpHex("C61E7A93744F39EE10734AFE3FF7A087"))
        #expect(try derive(1, 20) == srtpHex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"))
        #expect(try derive(2, 14) == srtpHex("30CBBC08863D8C85D49DB34A9AE1"))
    }

    static let gallia = Array("Gallia est omnis divisa in partes tres".utf8)
    static let header = srtpHex("8040f17b 8041f8d3 5501a0b2")
    static let salt = srtpHex("517569642070726f2071756f")

    /// RFC 7714 §8.1: IV = (00 00 || SSRC || ROC || SEQ) XOR salt.
    static func iv(ssrc: UInt32, roc: UInt32, seq: UInt16) -> [UInt8] {
        let fields: [UInt8] = [0, 0] + withUnsafeBytes(of: ssrc.bigEndian) { Array($0) }
            + withUnsafeBytes(of: roc.bigEndian) { Array($0) } + withUnsafeBytes(of: seq.bigEndian) { Array($0) }
        return zip(fields, salt).map { $0 ^ $1 }
    }

    @Test(.enabled(if: SRTPSuite.aeadAES128GCM.isSupported))
    func rfc7714AEADAES128GCM() throws {
        let iv = Self.iv(ssrc: 0x5501_a0b2, roc: 0, seq: 0xf17b)
        #expect(iv == srtpHex("51753c6580c2726f20718414"))
        let cipher = try LibSRTPCipher(type: "srtp_aes_gcm_128", keyLength: 28, tagLength: 16,
                                       key: srtpHex("000102030405060708090a0b0c0d0e0f") + Self.salt)
        let out = try cipher.seal(Self.gallia, aad: Self.header, iv: iv)
        #expect(out == srtpHex("""
            f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833
            899d7f27beb16a9152cf765ee4390cce
            """))
    }

    @Test(.enabled(if: SRTPSuite.aeadAES256GCM.isSupported))
    func rfc7714AEADAES256GCM() throws {
        let cipher = try LibSRTPCipher(type: "srtp_aes_gcm_256", keyLength: 44, tagLength: 16,
                                       key: srtpHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f") + Self.salt)
        let out = try cipher.seal(Self.gallia, aad: Self.header, iv: Self.iv(ssrc: 0x5501_a0b2, roc: 0, seq: 0xf17b))
        #expect(out == srtpHex("""
            32b1de78a822fe12ef9f78fa332e33aab18012389a58e2f3b50b2a0276ffae0f1ba63799b87b7aa3db36dfffd6b0f9bb7878d7a76c13
            """))
    }
}

/// A libsrtp2 cipher driven through its exported C API.
final class LibSRTPCipher {
    private typealias Alloc = @convention(c) (UnsafeRawPointer, UnsafeMutablePointer<OpaquePointer?>, Int32, Int32) -> UInt32
    private typealias Init = @convention(c) (OpaquePointer, UnsafePointer<UInt8>) -> UInt32
    private typealias SetIV = @convention(c) (OpaquePointer, UnsafeMutablePointer<UInt8>, Int32) -> UInt32
    private typealias SetAAD = @convention(c) (OpaquePointer, UnsafePointer<UInt8>, UInt32) -> UInt32
    private typealias Crypt = @convention(c) (OpaquePointer, UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt32>) -> UInt32
    private typealias Dealloc = @convention(c) (OpaquePointer) -> UInt32

    struct Failure: Error { let step: String; let status: UInt32 }

    private let cipher: OpaquePointer
    private let tagLength: Int

    init(type: String, keyLength: Int, tagLength: Int, key: [UInt8]) throws {
        _ = SRTPSuite.supported  // runs srtp_init, which registers the cipher types
        let cipherType = try #require(dlsym(Self.library, type))
        var made: OpaquePointer? = nil
        try Self.check("alloc", Self.function("srtp_cipher_type_alloc", as: Alloc.self)(
            cipherType, &made, Int32(keyLength), Int32(tagLength)))
        cipher = try #require(made)
        self.tagLength = tagLength
        try Self.check("init", Self.function("srtp_cipher_init", as: Init.self)(cipher, key))
    }

    deinit { if let free = try? Self.function("srtp_cipher_dealloc", as: Dealloc.self) { _ = free(cipher) } }

    /// `count` bytes of keystream from `iv` (encrypting zeros).
    func keystream(iv: [UInt8], count: Int) throws -> [UInt8] {
        var iv = iv
        try Self.check("set_iv", Self.function("srtp_cipher_set_iv", as: SetIV.self)(cipher, &iv, 0))
        var buffer = [UInt8](repeating: 0, count: count)
        var length = UInt32(count)
        try Self.check("encrypt", Self.function("srtp_cipher_encrypt", as: Crypt.self)(cipher, &buffer, &length))
        return Array(buffer.prefix(Int(length)))
    }

    /// AEAD: ciphertext followed by the tag.
    func seal(_ plain: [UInt8], aad: [UInt8], iv: [UInt8]) throws -> [UInt8] {
        var iv = iv
        try Self.check("set_iv", Self.function("srtp_cipher_set_iv", as: SetIV.self)(cipher, &iv, 0))
        try Self.check("set_aad", Self.function("srtp_cipher_set_aad", as: SetAAD.self)(cipher, aad, UInt32(aad.count)))
        // Room past the text: some backends write the tag there.
        var buffer = plain + [UInt8](repeating: 0, count: tagLength)
        var length = UInt32(plain.count)
        try Self.check("encrypt", Self.function("srtp_cipher_encrypt", as: Crypt.self)(cipher, &buffer, &length))
        var tag = [UInt8](repeating: 0, count: tagLength)
        var tagLength = UInt32(self.tagLength)
        try Self.check("get_tag", Self.function("srtp_cipher_get_tag", as: Crypt.self)(cipher, &tag, &tagLength))
        return Array(buffer.prefix(plain.count)) + tag.prefix(Int(tagLength))
    }

    /// The libsrtp2 that `SRTPLibrary` loaded (Media opens it with RTLD_LOCAL, so its
    /// symbols are found through this handle, not the global scope).
    nonisolated(unsafe) private static let library = dlopen("libsrtp2.so.1", RTLD_NOW | RTLD_LOCAL)

    private static func function<T>(_ name: String, as type: T.Type) throws -> T {
        unsafeBitCast(try #require(dlsym(library, name), "libsrtp2 exports \(name)"), to: type)
    }

    private static func check(_ step: String, _ status: UInt32) throws {
        guard status == 0 else { throw Failure(step: step, status: status) }
    }
}
