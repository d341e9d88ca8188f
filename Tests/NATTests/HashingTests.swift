import Hashing
import Testing

/// Published vectors: FIPS 180 examples for SHA-1, RFC 2202 (HMAC-SHA1), RFC 4231
/// (HMAC-SHA256), and the CRC-32 check value.
@Suite(.timeLimit(.minutes(1)))
struct HashingTests {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
    private func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func sha1MatchesFIPSExamples() {
        #expect(hex(SHA1.hash([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex(SHA1.hash(ascii("abc"))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(SHA1.hash(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))
            == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        // 64 and 55/56 bytes: the padding edge cases.
        #expect(hex(SHA1.hash([UInt8](repeating: 0x61, count: 64))) == "0098ba824b5c16427bd7a1122a5a442a25ec644d")
        #expect(hex(SHA1.hash([UInt8](repeating: 0x61, count: 1_000_000))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test func hmacSHA1MatchesRFC2202() {
        let cases: [([UInt8], [UInt8], String)] = [
            ([UInt8](repeating: 0x0b, count: 20), ascii("Hi There"), "b617318655057264e28bc0b6fb378c8ef146be00"),
            (ascii("Jefe"), ascii("what do ya want for nothing?"), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
            ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50), "125d7342b9ac11cd91a39af48aa17b4f63f175d3"),
            (Array(1...25), [UInt8](repeating: 0xcd, count: 50), "4c9007f4026250c6bc8414f9bf50c86c2d7235da"),
            ([UInt8](repeating: 0xaa, count: 80), ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
             "aa4ae5e15272d00e95705637ce8a3b55ed402112"),
            ([UInt8](repeating: 0xaa, count: 80),
             ascii("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
             "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"),
        ]
        for (key, data, expected) in cases { #expect(hex(HMAC.sha1(key: key, message: data)) == expected) }
    }

    @Test func hmacSHA256MatchesRFC4231() {
        let cases: [([UInt8], [UInt8], String)] = [
            ([UInt8](repeating: 0x0b, count: 20), ascii("Hi There"),
             "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (ascii("Jefe"), ascii("what do ya want for nothing?"),
             "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
             "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            (Array(1...25), [UInt8](repeating: 0xcd, count: 50),
             "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
            ([UInt8](repeating: 0xaa, count: 131), ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
             "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
            ([UInt8](repeating: 0xaa, count: 131),
             ascii("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
             "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
        ]
        for (key, data, expected) in cases { #expect(hex(HMAC.sha256(key: key, message: data)) == expected) }
    }

    @Test func crc32CheckValue() {
        #expect(CRC32.checksum(ascii("123456789")) == 0xcbf4_3926)
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum(ascii("The quick brown fox jumps over the lazy dog")) == 0x414f_a339)
    }
}
