import Foundation
import Testing
@testable import Media

@Suite("RTCPTests", .timeLimit(.minutes(1)))
struct RTCPTests {
    /// SR with one report block followed by SDES CNAME, laid out as baresip sends it.
    static let senderReportCompound: [UInt8] =
        Bytes.hex("81 c8 00 0c 11 22 33 44")
        + Bytes.hex("e8 7b 2d 3c 80 00 00 00 00 01 f4 00 00 00 00 fa 00 00 9c 40")
        + Bytes.hex("55 66 77 88 0d 00 00 05 00 01 04 d2 00 00 00 1c 2d 3c 7f ff 00 01 80 00")
        + Bytes.hex("81 ca 00 06 11 22 33 44 01 11") + Array("alice@example.org".utf8) + [0]

    /// An empty RR and an SDES with CNAME and NAME, as Asterisk sends before it has heard
    /// any RTP.
    static let receiverReportCompound: [UInt8] =
        Bytes.hex("80 c9 00 01 0a 0b 0c 0d")
        + Bytes.hex("81 ca 00 0c 0a 0b 0c 0d 01 24") + Array("6c1ef1d1-95a3-4b29-b4f4-61d2a08ab1a9".utf8)
        + Bytes.hex("02 03") + Array("bob".utf8) + [0]

    @Test func parsesSenderReportAndSDES() throws {
        let packets = try RTCPCompound.parse(Self.senderReportCompound)
        #expect(packets.count == 2)
        let expectedBlock = RTCPReportBlock(
            ssrc: 0x5566_7788, fractionLost: 13, cumulativeLost: 5, extendedHighestSequence: 0x0001_04D2,
            jitter: 28, lastSR: 0x2D3C_7FFF, delaySinceLastSR: 0x0001_8000)
        let expectedSR = RTCPSenderReport(
            ssrc: 0x1122_3344,
            senderInfo: RTCPSenderInfo(ntp: NTPTimestamp(seconds: 0xE87B_2D3C, fraction: 0x8000_0000),
                                       rtpTimestamp: 0x0001_F400, packetCount: 250, octetCount: 40000),
            reportBlocks: [expectedBlock])
        #expect(packets[0] == .senderReport(expectedSR))
        guard case .sourceDescription(let chunks) = packets[1] else {
            Issue.record("expected SDES, got \(packets[1])")
            return
        }
        #expect(chunks.count == 1)
        #expect(chunks.first?.ssrc == 0x1122_3344)
        #expect(chunks.first?.cname == "alice@example.org")
        #expect(expectedBlock.fractionLostRatio == 13.0 / 256)
    }

    @Test func parsesEmptyReceiverReportAndKeepsOtherSDESItems() throws {
        let packets = try RTCPCompound.parse(Self.receiverReportCompound)
        #expect(packets.first == .receiverReport(RTCPReceiverReport(ssrc: 0x0A0B_0C0D, reportBlocks: [])))
        guard case .sourceDescription(let chunks) = packets.last else {
            Issue.record("expected SDES")
            return
        }
        #expect(chunks.first?.cname == "6c1ef1d1-95a3-4b29-b4f4-61d2a08ab1a9")
        #expect(chunks.first?.items.count == 2)
        #expect(chunks.first?.items.last == .init(type: 2, value: Array("bob".utf8)))
    }

    @Test func sdesWithSeveralChunksAndNoTerminatorAtTheEnd() throws {
        // Two chunks; the second ends on a word boundary without its null item.
        let bytes = Bytes.hex("82 ca 00 05 00 00 00 01 01 02 61 62 00 00 00 00 00 00 00 02 01 02 63 64")
        let packets = try RTCPCompound.parse(bytes)
        guard case .sourceDescription(let chunks) = packets.first else {
            Issue.record("expected SDES")
            return
        }
        #expect(chunks.map(\.ssrc) == [1, 2])
        #expect(chunks.map(\.cname) == ["ab", "cd"])
    }

    @Test func byeWithAndWithoutReason() throws {
        let withReason = Bytes.hex("81 cb 00 03 11 22 33 44 07") + Array("hangup!".utf8)
        #expect(try RTCPCompound.parse(withReason) == [.goodbye(RTCPGoodbye(ssrcs: [0x1122_3344], reason: "hangup!"))])
        let without = Bytes.hex("82 cb 00 02 00 00 00 01 00 00 00 02")
        #expect(try RTCPCompound.parse(without) == [.goodbye(RTCPGoodbye(ssrcs: [1, 2], reason: nil))])
        // A reason length that lies is cut to what the packet holds.
        let lying = Bytes.hex("81 cb 00 02 00 00 00 01 ff 61 62 63")
        #expect(try RTCPCompound.parse(lying) == [.goodbye(RTCPGoodbye(ssrcs: [1], reason: "abc"))])
    }

    @Test func feedbackXRAndAppAreOther() throws {
        let rr = Bytes.hex("80 c9 00 01 00 00 00 09")
        let nack = Bytes.hex("81 cd 00 03 00 00 00 09 00 00 00 07 00 10 00 00")  // RFC 4585 generic NACK
        let pli = Bytes.hex("81 ce 00 02 00 00 00 09 00 00 00 07")  // RFC 4585 PLI
        let xr = Bytes.hex("80 cf 00 04 00 00 00 09 04 00 00 02 e8 7b 2d 3c 80 00 00 00")  // RFC 3611 RRTR
        let app = Bytes.hex("80 cc 00 03 00 00 00 09") + Array("PIPI".utf8) + [1, 2, 3, 4]
        let unknown = Bytes.hex("80 d5 00 00")
        let packets = try RTCPCompound.parse(rr + nack + pli + xr + app + unknown)
        #expect(packets.count == 6)
        #expect(packets[1] == .other(type: 205, count: 1, ssrc: 9))
        #expect(packets[2] == .other(type: 206, count: 1, ssrc: 9))
        #expect(packets[3] == .other(type: 207, count: 0, ssrc: 9))
        #expect(packets[4] == .other(type: 204, count: 0, ssrc: 9))
        #expect(packets[5] == .other(type: 213, count: 0, ssrc: nil))
    }

    @Test func reportBlockCumulativeLostIsSigned24Bits() throws {
        let negative = RTCPReportBlock(ssrc: 1, fractionLost: 0, cumulativeLost: -1, extendedHighestSequence: 0,
                                       jitter: 0, lastSR: 0, delaySinceLastSR: 0)
        var huge = negative
        huge.cumulativeLost = 10_000_000
        let bytes = try writeBytes { buffer in
            var writer = RTCPWriter(buffer)
            try writer.receiverReport(ssrc: 7, blocks: [negative, huge])
            return writer.count
        }
        #expect(Array(bytes[12..<16]) == [0x00, 0xFF, 0xFF, 0xFF])
        #expect(Array(bytes[36..<40]) == [0x00, 0x7F, 0xFF, 0xFF])
        guard case .receiverReport(let rr) = try RTCPCompound.parse(bytes).first else {
            Issue.record("expected RR")
            return
        }
        #expect(rr.reportBlocks.map(\.cumulativeLost) == [-1, 8_388_607])
    }

    @Test func buildsSRThenSDESThenBYEAndParsesItBack() throws {
        let info = RTCPSenderInfo(ntp: NTPTimestamp(seconds: 3_900_000_000, fraction: 0x4000_0000),
                                  rtpTimestamp: 123_456, packetCount: 500, octetCount: 80_000)
        let block = RTCPReportBlock(ssrc: 0xBEEF, fractionLost: 3, cumulativeLost: 12, extendedHighestSequence: 70_000,
                                    jitter: 40, lastSR: 0x1234_5678, delaySinceLastSR: 65536)
        let bytes = try writeBytes { buffer in
            try RTCPCompound.build(into: buffer, ssrc: 0xCAFE, senderInfo: info, reportBlocks: CollectionOfOne(block),
                                   cname: "pipit@example.org", leaving: true, byeReason: "bye")
        }
        #expect(bytes.count % 4 == 0)
        #expect(PacketClassifier.classify(bytes) == .rtcp)
        let packets = try RTCPCompound.parse(bytes)
        #expect(packets == [
            .senderReport(RTCPSenderReport(ssrc: 0xCAFE, senderInfo: info, reportBlocks: [block])),
            .sourceDescription([RTCPSourceDescriptionChunk(ssrc: 0xCAFE, items: [.init(type: 1, value: Array("pipit@example.org".utf8))])]),
            .goodbye(RTCPGoodbye(ssrcs: [0xCAFE], reason: "bye")),
        ])
    }

    @Test func buildsRRWithoutSenderInfoAndCNAMEPaddingIsExact() throws {
        // CNAME lengths 0…8 cover every padding case of the SDES chunk.
        for length in 0...8 {
            let cname = String(repeating: "x", count: length)
            let bytes = try writeBytes { buffer in
                try RTCPCompound.build(into: buffer, ssrc: 5, senderInfo: nil, reportBlocks: [RTCPReportBlock](), cname: cname)
            }
            #expect(bytes.count == 8 + 4 + (4 + 2 + length + 1 + 3) / 4 * 4)
            let packets = try RTCPCompound.parse(bytes)
            #expect(packets.first == .receiverReport(RTCPReceiverReport(ssrc: 5, reportBlocks: [])))
            guard case .sourceDescription(let chunks) = packets.last else {
                Issue.record("expected SDES")
                continue
            }
            #expect(chunks.first?.cname == cname)
        }
    }

    @Test func writerRefusesWhatDoesNotFit() {
        var small = [UInt8](repeating: 0, count: 20)
        small.withUnsafeMutableBytes { buffer in
            var writer = RTCPWriter(buffer)
            #expect(throws: PacketWriteError.bufferTooSmall(needed: 28)) {
                try writer.senderReport(ssrc: 1, info: RTCPSenderInfo(ntp: NTPTimestamp(0), rtpTimestamp: 0, packetCount: 0, octetCount: 0),
                                        blocks: [RTCPReportBlock]())
            }
            #expect(writer.count == 0)
            #expect(throws: PacketWriteError.self) { try writer.sourceDescription(ssrc: 1, cname: String(repeating: "a", count: 256)) }
            #expect(throws: PacketWriteError.self) { try writer.goodbye(ssrcs: Array(repeating: UInt32(1), count: 32)) }
        }
    }

    @Test func malformedCompoundsAreTypedErrors() {
        let rr = Bytes.hex("80 c9 00 01 00 00 00 09")
        #expect(throws: RTCPParseError.tooShort(3)) { try RTCPCompound.parse([0x80, 0xC9, 0x00]) }
        #expect(throws: RTCPParseError.tooShort(3)) { try RTCPCompound.parse(rr + [0x80, 0xC9, 0x00]) }
        #expect(throws: RTCPParseError.badVersion(1)) { try RTCPCompound.parse(rr + [0x40] + rr.dropFirst()) }
        // Length field says 3 words, 1 is there.
        #expect(throws: RTCPParseError.lengthPastEnd(length: 16, available: 8)) { try RTCPCompound.parse(Bytes.hex("80 c9 00 03 00 00 00 09")) }
        // RC=2 but no room for the blocks.
        #expect(throws: RTCPParseError.truncatedBody(type: 201)) { try RTCPCompound.parse(Bytes.hex("82 c9 00 01 00 00 00 09")) }
        #expect(throws: RTCPParseError.truncatedBody(type: 200)) { try RTCPCompound.parse(Bytes.hex("80 c8 00 01 00 00 00 09")) }
        #expect(throws: RTCPParseError.truncatedBody(type: 203)) { try RTCPCompound.parse(Bytes.hex("82 cb 00 01 00 00 00 09")) }
        // SDES item length past the packet.
        #expect(throws: RTCPParseError.truncatedBody(type: 202)) { try RTCPCompound.parse(Bytes.hex("81 ca 00 02 00 00 00 09 01 09 61 62")) }
        // Padding count zero, or larger than the packet.
        #expect(throws: RTCPParseError.badPadding(0)) { try RTCPCompound.parse(Bytes.hex("a0 c9 00 01 00 00 00 00")) }
        #expect(throws: RTCPParseError.badPadding(9)) { try RTCPCompound.parse(Bytes.hex("a0 c9 00 01 00 00 00 09")) }
    }

    @Test func readerKeepsGoodPacketsBeforeAnErrorAndThenStops() throws {
        let bytes = Bytes.hex("80 c9 00 01 00 00 00 09") + Bytes.hex("40 c9 00 01 00 00 00 09") + Bytes.hex("80 c9 00 01 00 00 00 0a")
        try bytes.withUnsafeBytes { raw in
            var reader = RTCPReader(raw)
            let first = try reader.next()
            #expect(first == .receiverReport(RTCPReceiverReport(ssrc: 9, reportBlocks: [])))
            #expect(throws: RTCPParseError.badVersion(1)) { try reader.next() }
            let after = try reader.next()
            #expect(after == nil)
        }
    }

    @Test func zeroLengthPacketsCannotLoop() throws {
        // 250 headers whose length field is 0: each is exactly 4 bytes, the walk ends.
        let bytes = Array([[UInt8]](repeating: [0x80, 0xCC, 0x00, 0x00], count: 250).joined())
        let packets = try RTCPCompound.parse(bytes)
        #expect(packets.count == 250)
        #expect(packets.allSatisfy { $0 == .other(type: 204, count: 0, ssrc: nil) })
    }

    @Test func paddedLastPacket() throws {
        // RR padded by 4 bytes (as SRTCP senders sometimes do).
        let bytes = Bytes.hex("a0 c9 00 02 00 00 00 09 00 00 00 04")
        #expect(try RTCPCompound.parse(bytes) == [.receiverReport(RTCPReceiverReport(ssrc: 9, reportBlocks: []))])
    }

    @Test func everyTruncationOfACompoundIsAnErrorExceptAtPacketBoundaries() throws {
        let bytes = Self.senderReportCompound
        for length in 0..<bytes.count {
            let prefix = Array(bytes.prefix(length))
            if length == 52 {
                #expect(try RTCPCompound.parse(prefix).count == 1)
            } else {
                #expect(throws: RTCPParseError.self, "length \(length)") { try RTCPCompound.parse(prefix) }
            }
        }
        // Many compounds back to back in one buffer read as one long compound.
        let many = Array([[UInt8]](repeating: bytes, count: 20).joined())
        #expect(try RTCPCompound.parse(many).count == 40)
    }

    /// 100 000 seeded random datagrams, most shaped like RTCP: the reader never traps,
    /// never loops, and ends after at most one packet per 4 bytes.
    @Test func randomBytesNeverTrapOrLoop() {
        var rng = SeededRandom(seed: 0x5EED_0002)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 136, alignment: 8)
        defer { buffer.deallocate() }
        var parsed = 0
        var tooManySteps = 0
        for i in 0..<100_000 {
            var length = Int(rng.next() % 129)
            rng.fill(buffer)
            if i % 4 != 0 {
                // Make most of them plausible: packets of version 2, no padding, a known
                // type, a small count, and a length that ends the datagram exactly.
                var at = 0
                while at + 4 <= length {
                    buffer[at] = 0x80 | (buffer[at] & 0x01)
                    buffer[at + 1] = 200 + buffer[at + 1] % 8
                    buffer[at + 2] = 0
                    buffer[at + 3] %= 10
                    let next = at + 4 * (Int(buffer[at + 3]) + 1)
                    if next > length { break }
                    at = next
                }
                if at > 0 { length = at }
            }
            do {
                let datagram = UnsafeRawBufferPointer(rebasing: buffer[0..<length])
                var reader = RTCPReader(datagram)
                var steps = 0
                var ok = length > 0
                while steps <= length / 4 + 1 {
                    do {
                        guard try reader.next() != nil else { break }
                    } catch {
                        ok = false
                        break
                    }
                    steps += 1
                }
                if steps > length / 4 { tooManySteps += 1 }
                if ok { parsed += 1 }
            }
        }
        #expect(tooManySteps == 0)
        #expect(parsed > 5000, "the generator should produce some valid compounds")
    }
}
