import Testing
@testable import Media

/// RFC 2198 red payloads: vectors built by hand from the RFC's layout, the encoder's
/// output read back, and hostile input (cut short, too many blocks, lengths beyond the
/// packet, nested red, zero offsets) with seeded mutations.
@Suite(.timeLimit(.minutes(1)))
struct RedundantPayloadTests {
    static let red: UInt8 = 121

    static func parse(_ bytes: [UInt8]) throws(RedundantPayload.ParseError) -> [RedundantPayload.Block] {
        var blocks: [RedundantPayload.Block] = []
        var failure: RedundantPayload.ParseError?
        bytes.withUnsafeBytes { raw in
            do throws(RedundantPayload.ParseError) {
                try RedundantPayload.parse(raw, redPayloadType: red, into: &blocks)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return blocks
    }

    /// One PCMU copy 160 units back (3 bytes), then the primary (4 bytes).
    static let vector: [UInt8] = [0x80, 0x02, 0x80, 0x03, 0x00, 0xAA, 0xBB, 0xCC, 1, 2, 3, 4]

    @Test func handBuiltVector() throws {
        let blocks = try Self.parse(Self.vector)
        #expect(blocks == [.init(payloadType: 0, timestampOffset: 160, range: 5..<8),
                           .init(payloadType: 0, timestampOffset: 0, range: 8..<12)])
    }

    @Test func largestFieldValues() throws {
        var bytes: [UInt8] = [0x80 | 111, 0xFF, 0xFF, 0xFF, 111]
        bytes += [UInt8](repeating: 7, count: 1023) + [9, 9]
        let blocks = try Self.parse(bytes)
        #expect(blocks.first == .init(payloadType: 111, timestampOffset: 16383, range: 5..<1028))
        #expect(blocks.last == .init(payloadType: 111, timestampOffset: 0, range: 1028..<1030))
    }

    @Test func primaryOnly() throws {
        #expect(try Self.parse([0x00, 1, 2]) == [.init(payloadType: 0, timestampOffset: 0, range: 1..<3)])
    }

    @Test func zeroLengthBlocksAreLeftOut() throws {
        // A copy of nothing (a sender with nothing to repeat), then a primary.
        #expect(try Self.parse([0x80, 0x02, 0x80, 0x00, 0x00, 5]) == [.init(payloadType: 0, timestampOffset: 0, range: 5..<6)])
        #expect(try Self.parse([0x00]).isEmpty)
    }

    @Test func hostileInput() {
        let cases: [([UInt8], RedundantPayload.ParseError)] = [
            ([], .truncatedHeader),
            ([0x80, 0x02, 0x80], .truncatedHeader),
            ([0x80, 0x02, 0x80, 0x03], .truncatedHeader),
            ([0x80, 0x02, 0x80, 0x05, 0x00, 1, 2], .blockBeyondPayload(index: 0)),
            ([0x80, 0x02, 0x80, 0x01, 0x80, 0x05, 0x00, 0x01, 0x00, 1], .blockBeyondPayload(index: 1)),
            ([0x80, 0x00, 0x00, 0x01, 0x00, 1, 2], .zeroOffset(index: 0)),
            ([0x80 | Self.red, 0x02, 0x80, 0x01, 0x00, 1, 2], .nestedRedundancy),
            ([Self.red, 1, 2], .nestedRedundancy),
            ([UInt8](repeating: 0, count: 0) + Array([[UInt8]](repeating: [0x80, 0x02, 0x80, 0x00], count: 4).joined()) + [0x00],
             .tooManyBlocks),
        ]
        for (bytes, error) in cases {
            #expect(throws: error, "\(bytes)") { _ = try Self.parse(bytes) }
        }
    }

    /// Seeded mutations and every truncation of valid payloads: an error or blocks that lie
    /// inside the payload, never a trap.
    @Test func mutationsNeverTrap() {
        var random = SeededRandom(seed: 2198)
        var encoder = RedundancyEncoder(redPayloadType: Self.red)
        var seeds: [[UInt8]] = [Self.vector]
        var out = [UInt8](repeating: 0, count: 1500)
        for k in 0..<3 {
            let frame = [UInt8](repeating: UInt8(k), count: 40 + k)
            let n = frame.withUnsafeBytes { primary in
                out.withUnsafeMutableBytes { encoder.wrap(primary: primary, payloadType: 111, sequence: UInt16(k), timestamp: UInt32(960 * k),
                                                          frameUnits: 960, level: 2, into: $0) }
            }
            if let n { seeds.append(Array(out[0..<n])) }
        }
        var blocks: [RedundantPayload.Block] = []
        blocks.reserveCapacity(RedundantPayload.maxBlocks)
        for i in 0..<20_000 {
            var bytes = seeds[i % seeds.count]
            switch random.next() % 4 {
            case 0: bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count + 1))))
            case 1: for _ in 0..<(1 + random.next() % 4) where !bytes.isEmpty {
                        bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
                    }
            case 2: bytes += (0..<(random.next() % 8)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            default: bytes = (0..<(random.next() % 24)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            }
            bytes.withUnsafeBytes { raw in
                if (try? RedundantPayload.parse(raw, redPayloadType: Self.red, into: &blocks)) != nil {
                    #expect(blocks.count <= RedundantPayload.maxBlocks)
                    #expect(blocks.allSatisfy { $0.range.lowerBound >= 0 && $0.range.upperBound <= raw.count && !$0.range.isEmpty })
                }
            }
        }
    }

    // MARK: the encoder

    static func wrap(_ encoder: inout RedundancyEncoder, _ frame: [UInt8], sequence: UInt16, timestamp: UInt32,
                     level: Int, frameUnits: Int = 160) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 1500)
        let n = frame.withUnsafeBytes { primary in
            out.withUnsafeMutableBytes { encoder.wrap(primary: primary, payloadType: 0, sequence: sequence, timestamp: timestamp,
                                                      frameUnits: frameUnits, level: level, into: $0) }
        }
        return Array(out[0..<(n ?? 0)])
    }

    @Test func encoderCarriesTheLastFramesOldestFirst() throws {
        var encoder = RedundancyEncoder(redPayloadType: Self.red)
        let first = Self.wrap(&encoder, [1, 1], sequence: 65535, timestamp: 4_294_967_200, level: 2)
        #expect(first == [0x00, 1, 1], "nothing to repeat yet")
        _ = Self.wrap(&encoder, [2, 2, 2], sequence: 0, timestamp: 64, level: 2)   // both wrap around
        let third = Self.wrap(&encoder, [3], sequence: 1, timestamp: 224, level: 2)
        let blocks = try Self.parse(third)
        #expect(blocks.map(\.timestampOffset) == [320, 160, 0])
        #expect(blocks.map { Array(third[$0.range]) } == [[1, 1], [2, 2, 2], [3]])
        let fourth = try Self.parse(Self.wrap(&encoder, [4], sequence: 2, timestamp: 384, level: 1))
        #expect(fourth.map(\.timestampOffset) == [160, 0])
    }

    /// A copy the receiver could not place is not sent: after a sequence gap (an event
    /// packet went between) or a timestamp jump (a pause), or after `reset`.
    @Test func encoderSendsOnlyPlaceableCopies() throws {
        var encoder = RedundancyEncoder(redPayloadType: Self.red)
        _ = Self.wrap(&encoder, [1], sequence: 10, timestamp: 1600, level: 2)
        #expect(try Self.parse(Self.wrap(&encoder, [2], sequence: 12, timestamp: 1760, level: 2)).count == 1)
        #expect(try Self.parse(Self.wrap(&encoder, [3], sequence: 13, timestamp: 8000, level: 2)).count == 1)
        #expect(try Self.parse(Self.wrap(&encoder, [4], sequence: 14, timestamp: 8160, level: 2)).count == 2)
        encoder.reset()
        #expect(try Self.parse(Self.wrap(&encoder, [5], sequence: 15, timestamp: 8320, level: 2)).count == 1)
        // Too large to repeat (more than a block length can say): the next packet goes alone.
        _ = Self.wrap(&encoder, [UInt8](repeating: 0, count: 1100), sequence: 16, timestamp: 8480, level: 2)
        #expect(try Self.parse(Self.wrap(&encoder, [6], sequence: 17, timestamp: 8640, level: 2)).count == 1)
    }

    @Test func encoderRefusesAnOutputTooSmall() {
        var encoder = RedundancyEncoder(redPayloadType: Self.red)
        var out = [UInt8](repeating: 0, count: 3)
        let n = [UInt8](repeating: 1, count: 5).withUnsafeBytes { primary in
            out.withUnsafeMutableBytes { encoder.wrap(primary: primary, payloadType: 0, sequence: 1, timestamp: 0,
                                                      frameUnits: 160, level: 1, into: $0) }
        }
        #expect(n == nil)
    }

    /// None on a clean path (nor for the packet or two jitter reorders across a report),
    /// one copy from 1 %, two from 2 %; one step down per clean report.
    @Test func levelFollowsThePeersLoss() {
        #expect(RedundancyEncoder.level(peerLoss: 0, previous: 0) == 0)
        #expect(RedundancyEncoder.level(peerLoss: 2.0 / 256, previous: 0) == 0)
        #expect(RedundancyEncoder.level(peerLoss: 0.01, previous: 0) == 1)
        #expect(RedundancyEncoder.level(peerLoss: 0.03, previous: 0) == 2)
        #expect(RedundancyEncoder.level(peerLoss: 0.10, previous: 1) == 2)
        #expect(RedundancyEncoder.level(peerLoss: 0, previous: 2) == 1)
        #expect(RedundancyEncoder.level(peerLoss: 0, previous: 1) == 0)
        #expect(RedundancyEncoder.level(peerLoss: .nan, previous: 2) == 2)
    }
}
