import Testing
@testable import NAT

/// Mutated copies of the vectors must never trap or hang: parse, integrity and fingerprint
/// checks, the TURN unwrap path and the stream framer all see them.
@Suite(.timeLimit(.minutes(1)))
struct STUNFuzzTests {
    /// SplitMix64: a fixed-seed generator so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    static func mutations(count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SplitMix(state: seed)
        let seeds = [STUNVectors.request, STUNVectors.ipv4Response, STUNVectors.ipv6Response,
                     STUNVectors.longTermRequest, STUNVectors.sha256Request]
        return (0..<count).map { i in
            var bytes = seeds[i % seeds.count]
            switch rng.next() % 5 {
            case 0:  // flip a few bytes
                for _ in 0..<(1 + Int(rng.next() % 4)) { bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            case 1:  // truncate
                bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
            case 2:  // lie in the message length, keeping the rest
                let length = UInt16(truncatingIfNeeded: rng.next())
                bytes[2] = UInt8(length >> 8)
                bytes[3] = UInt8(truncatingIfNeeded: length)
            case 3:  // lie in an attribute length
                let offset = 20 + 4 * Int(rng.next() % UInt64((bytes.count - 20) / 4))
                bytes[offset + 2] = UInt8(truncatingIfNeeded: rng.next())
                bytes[offset + 3] = UInt8(truncatingIfNeeded: rng.next())
            default:  // append garbage
                bytes += (0..<Int(rng.next() % 40)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            }
            return bytes
        }
    }

    @Test func mutatedVectorsNeverTrap() {
        var parsed = 0
        for bytes in Self.mutations(count: 4000, seed: 0x5eed) {
            if (try? STUNMessage(parsing: bytes)) != nil { parsed += 1 }
            _ = STUNIntegrity.check(bytes, key: [1, 2, 3])
            _ = STUNIntegrity.checkFingerprint(bytes)
            _ = bytes.withUnsafeBytes { TURNClient.unwrapDataIndication($0) }
            _ = STUNRequestValidator.validate(bytes, expectedUsername: "evtj:h6vY", key: [1, 2, 3])
        }
        // Some mutations keep the message valid; most do not.
        #expect(parsed > 100 && parsed < 4000)
    }

    /// The same bytes as a TCP stream, and as ChannelData: the framer and unwrap never trap.
    @Test func mutatedStreamsNeverTrap() {
        let turn = TURNClient(server: TransportAddress(host: "127.0.0.1", port: 3478)!, username: "u", password: "p")
        var framer = TURNStreamFramer()
        var frames = 0
        for var bytes in Self.mutations(count: 2000, seed: 0xfeed) {
            if bytes.count > 0, bytes.count % 3 == 0 { bytes[0] = 0x40 | bytes[0] & 0x3f }  // as ChannelData
            _ = bytes.withUnsafeBytes { turn.unwrap($0) }
            _ = bytes.withUnsafeBytes { framer.append($0) }
            do {
                while try framer.nextFrame({ _ in () }) != nil { frames += 1 }
            } catch {
                framer = TURNStreamFramer()  // out of step: a real owner closes the connection
            }
        }
        #expect(frames > 0)
    }
}
