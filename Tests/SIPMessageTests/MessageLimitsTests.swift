import Testing

@testable import SIPMessage

@Suite("Limits and hostile input")
struct MessageLimitsTests {
    @Test func oversizedMessage() throws {
        let limits = SIPLimits(maxMessageSize: 1000)
        let bytes = coreWire("MESSAGE sip:a@b SIP/2.0\nl: {CL}\n\n" + String(repeating: "x", count: 1200))
        #expect(coreParseError(bytes, limits: limits)?.kind == .tooLarge)
        #expect(coreParseError(bytes)?.kind == nil)
    }

    @Test func tooManyHeaders() throws {
        let text = "OPTIONS sip:a@b SIP/2.0\r\n" + String(repeating: "Via: x\r\n", count: 300) + "\r\n"
        #expect(coreParseError(Array(text.utf8))?.kind == .tooManyHeaders)
        #expect(coreParseError(Array(text.utf8), limits: SIPLimits(maxHeaders: 300))?.kind == nil)
    }

    @Test func overlongHeaderAndStartLine() throws {
        let long = String(repeating: "a", count: 9000)
        #expect(coreParseError(Array("OPTIONS sip:a@b SIP/2.0\r\nX-Long: \(long)\r\n\r\n".utf8))?.kind == .headerTooLong)
        let folded = "OPTIONS sip:a@b SIP/2.0\r\nX-Long: a" + String(repeating: "\r\n bbbbbbbbbb", count: 800) + "\r\n\r\n"
        #expect(coreParseError(Array(folded.utf8))?.kind == .headerTooLong)
        #expect(coreParseError(Array("OPTIONS sip:\(long)@b SIP/2.0\r\n\r\n".utf8))?.kind == .headerTooLong)
    }

    @Test func hugeContentLengthValues() throws {
        for value in ["65537", "4294967296", "18446744073709551616", String(repeating: "9", count: 500)] {
            let text = "MESSAGE sip:a@b SIP/2.0\r\nContent-Length: \(value)\r\n\r\n"
            #expect(coreParseError(Array(text.utf8))?.kind == .tooLarge, "\(value.prefix(20))")
        }
    }

    @Test func tooManyMultipartParts() throws {
        var body = ""
        for _ in 0..<40 { body += "--b\r\n\r\npart\r\n" }
        body += "--b--\r\n"
        #expect {
            try MultipartBody.parse(body: Array(body.utf8), boundary: "b")
        } throws: { ($0 as? SIPParseError)?.kind == .tooManyParts }
        let parsed = try MultipartBody.parse(body: Array(body.utf8), boundary: "b", limits: SIPLimits(maxMultipartParts: 40))
        #expect(parsed.parts.count == 40)
    }

    /// Deterministic xorshift generator: the mutations are the same on every run.
    struct XorShift {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static let interesting: [UInt8] = [0x0D, 0x0A, 0x20, 0x09, 0x3A, 0x2C, 0x22, 0x5C, 0x3C, 0x3E, 0x00, 0xFF, 0x2D, 0x30, 0x39]

    @Test func randomMutationsAndTruncationsNeverTrap() throws {
        var seeds: [[UInt8]] = RealWorldMessages.all.map(\.1)
        for c in rfc4475MessageCases { seeds.append(try CoreVectors.load(c.name, in: "rfc4475")) }
        var rng = XorShift(state: 0x9E37_79B9_7F4A_7C15)
        var parsed = 0
        var refused = 0
        for _ in 0..<4000 {
            var bytes = seeds[rng.below(seeds.count)]
            for _ in 0...rng.below(4) {
                switch rng.below(6) {
                case 0 where !bytes.isEmpty:
                    bytes = Array(bytes[..<rng.below(bytes.count)])
                case 1 where !bytes.isEmpty:
                    bytes[rng.below(bytes.count)] = UInt8(truncatingIfNeeded: rng.next())
                case 2 where !bytes.isEmpty:
                    bytes[rng.below(bytes.count)] = Self.interesting[rng.below(Self.interesting.count)]
                case 3:
                    bytes.insert(Self.interesting[rng.below(Self.interesting.count)], at: rng.below(bytes.count + 1))
                case 4 where !bytes.isEmpty:
                    bytes.remove(at: rng.below(bytes.count))
                default:
                    let at = rng.below(bytes.count + 1)
                    bytes.insert(contentsOf: Array("\r\n".utf8), at: at)
                }
            }
            do throws(SIPParseError) {
                let m = try SIPMessage.parse(bytes)
                parsed += 1
                // Whatever parses must survive the round trip and every accessor.
                let again = try SIPMessage.parse(m.serialized())
                #expect(again == m)
                _ = m.canonicalText
                for field in m.headers { _ = m.headers.values(field.name) }
                _ = try? m.multipartBody()
            } catch {
                refused += 1
                #expect(error.offset >= 0 && error.offset <= bytes.count + 1, "\(error)")
            }
            var framer = SIPStreamFramer()
            framer.append(bytes)
            framer.append(bytes)
            while (try? framer.next()) != nil {}
        }
        #expect(parsed > 100)
        #expect(refused > 100)
    }

    @Test func randomBytesNeverTrap() {
        var rng = XorShift(state: 42)
        for _ in 0..<2000 {
            let bytes = (0..<rng.below(300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = coreParseError(bytes)
            _ = try? MultipartBody.parse(body: bytes, boundary: "b")
        }
    }
}
