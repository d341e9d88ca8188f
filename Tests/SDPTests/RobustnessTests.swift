import Testing
@testable import SDP

/// Hostile input: every prefix, bytes fed one at a time, and thousands of random
/// mutations. Nothing may trap; whatever is accepted must serialize to text that parses
/// back to the same value.
@Suite struct RobustnessTests {
    /// SplitMix64: a fixed seed gives the same run every time.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let interesting: [UInt8] = Array(" :/=;|\r\n\t0123456789amcvtosIN4P-^*".utf8) + [0, 0x7F, 0xC3, 0xFF]

    func checkRoundTrip(_ bytes: [UInt8]) {
        let first = Result { () throws(SDPParseError) in try SessionDescription.parse(bytes) }
        switch first {
        case .success(let d):
            let again = Result { () throws(SDPParseError) in try SessionDescription.parse(d.serialized()) }
            #expect(again == .success(d), "round trip failed for \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        case .failure(let e):
            #expect(e.offset >= 0 && e.offset <= max(bytes.count, SDPLimits.standard.maxBytes))
            #expect(e.line >= 0 && !e.reason.isEmpty)
        }
    }

    @Test(arguments: Samples.all.map(\.0)) func everyPrefix(name: String) {
        let bytes = Array(Samples.crlf(RoundTripTests.sample(name)).utf8)
        for n in 0...bytes.count {
            checkRoundTrip(Array(bytes[0..<n]))
        }
    }

    /// Dripping a description in a byte at a time, as a stream reader would hand it over,
    /// ends in the same value as parsing it whole; each partial stage is refused or accepted
    /// without trapping.
    @Test func dripFeedConvergesToWholeParse() throws {
        let bytes = Array(Samples.crlf(Samples.webRTC).utf8)
        var buffer: [UInt8] = []
        for b in bytes {
            buffer.append(b)
            checkRoundTrip(buffer)
        }
        #expect(try SessionDescription.parse(buffer) == SessionDescription.parse(Samples.crlf(Samples.webRTC)))
    }

    @Test func randomMutationsNeverTrap() {
        var rng = Generator(state: 0x5EED_0F_919)
        let seeds = Samples.all.map { Array(Samples.crlf($0.1).utf8) }
        var accepted = 0
        for _ in 0..<4000 {
            var bytes = seeds[Int(rng.next() % UInt64(seeds.count))]
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                guard !bytes.isEmpty else { break }
                let at = Int(rng.next() % UInt64(bytes.count))
                let byte = Self.interesting[Int(rng.next() % UInt64(Self.interesting.count))]
                switch rng.next() % 4 {
                case 0: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                case 2: bytes.remove(at: at)
                default: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                }
            }
            if parseError(bytes) == nil { accepted += 1 }
            checkRoundTrip(bytes)
        }
        // Both paths are exercised: many mutants survive (a changed digit), many do not.
        #expect(accepted > 400 && accepted < 3600)
    }

    /// The largest description the limits allow: one m-section of 2,000 candidates.
    @Test func largestAcceptedDescription() throws {
        var text = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n"
        for i in 0..<2000 {
            text += "a=candidate:\(i) 1 UDP \(i) 10.\(i % 200).0.1 \(i + 1) typ host\r\n"
        }
        let limits = SDPLimits(maxBytes: 1 << 20, maxLines: 2100)
        let d = try SessionDescription.parse(text, limits: limits)
        #expect(d.media[0].candidates.count == 2000)
        #expect(try SessionDescription.parse(d.serialized(), limits: limits) == d)
    }

    @Test func pathologicalShapes() {
        let cases: [[UInt8]] = [
            Array(repeating: UInt8(ascii: "\n"), count: 5000),
            Array(repeating: UInt8(ascii: "="), count: 5000),
            Array("v=0\r\no=- 1 1 IN IP4 h\r\n".utf8) + Array(repeating: UInt8(ascii: " "), count: 60000),
            Array("v=0\r\no=- 1 1 IN IP4 h\r\na=".utf8) + Array(repeating: UInt8(ascii: ":"), count: 60000),
            Array("v=0\r\no=- 1 1 IN IP4 h\r\nm=audio 1 RTP/AVP ".utf8) + Array(repeating: UInt8(ascii: "9"), count: 5000),
            [0xFF, 0xFE, 0x00],
        ]
        for c in cases { checkRoundTrip(c) }
    }
}
