import Foundation
import Testing
@testable import Media

@Suite("RTPPacketTests", .timeLimit(.minutes(1)))
struct RTPPacketTests {
    /// A PCMU packet as baresip sends it: V=2, PT 0, 160 bytes of payload.
    static let pcmu: [UInt8] = Bytes.hex("80 00 12 34 de ad be ef 01 02 03 04") + [UInt8](repeating: 0xFF, count: 160)

    @Test func parsesTheFixedHeader() throws {
        let packet = try RTPPacket.parse(Self.pcmu)
        #expect(packet.header == RTPHeader(marker: false, payloadType: 0, sequenceNumber: 0x1234,
                                           timestamp: 0xDEAD_BEEF, ssrc: 0x0102_0304))
        #expect(packet.payload == 12..<172)
        #expect(packet.csrcCount == 0)
        #expect(packet.headerExtension == nil)
        #expect(packet.paddingCount == 0)
    }

    @Test func markerAndDynamicPayloadType() throws {
        // Opus, first packet of a talk spurt: marker + PT 111.
        let bytes = Bytes.hex("80 ef 00 01 00 00 03 c0 ca fe ba be 78 01 02")
        let packet = try RTPPacket.parse(bytes)
        #expect(packet.header.marker)
        #expect(packet.header.payloadType == 111)
        #expect(packet.header.timestamp == 960)
        #expect(packet.payload == 12..<15)
    }

    @Test func csrcsAreLocatedAndReadable() throws {
        let bytes = Bytes.hex("82 08 00 07 00 00 00 a0 00 00 00 01") + Bytes.be32(0x1111_1111) + Bytes.be32(0x2222_2222) + [9, 9]
        let packet = try RTPPacket.parse(bytes)
        #expect(packet.csrcCount == 2)
        #expect(packet.payload == 20..<22)
        bytes.withUnsafeBytes { raw in
            #expect(packet.csrc(0, in: raw) == 0x1111_1111)
            #expect(packet.csrc(1, in: raw) == 0x2222_2222)
            #expect(packet.csrc(2, in: raw) == nil)
            #expect(packet.csrc(-1, in: raw) == nil)
        }
    }

    @Test func rfc8285OneByteExtensionIsSkipped() throws {
        // X=1, profile 0xBEDE, one word: audio level element (id 1, len 0) + padding.
        let bytes = Bytes.hex("90 00 00 01 00 00 00 00 00 00 00 01 be de 00 01 10 ff 00 00 aa bb")
        let packet = try RTPPacket.parse(bytes)
        #expect(packet.headerExtension == RTPPacket.HeaderExtension(profile: 0xBEDE, data: 16..<20))
        #expect(packet.payload == 20..<22)
    }

    @Test func extensionAfterCSRCs() throws {
        let bytes = Bytes.hex("91 00 00 01 00 00 00 00 00 00 00 01 00 00 00 05 10 00 00 02 01 02 03 04 05 06 07 08 aa")
        let packet = try RTPPacket.parse(bytes)
        #expect(packet.csrcCount == 1)
        #expect(packet.headerExtension?.profile == 0x1000)
        #expect(packet.headerExtension?.data == 20..<28)
        #expect(packet.payload == 28..<29)
    }

    @Test func paddingIsRemoved() throws {
        let bytes = Bytes.hex("a0 00 00 01 00 00 00 00 00 00 00 01 aa bb cc 00 00 00 04")
        let packet = try RTPPacket.parse(bytes)
        #expect(packet.paddingCount == 4)
        #expect(packet.payload == 12..<15)
        // Padding may take the whole payload.
        let allPadding = try RTPPacket.parse(Bytes.hex("a0 00 00 01 00 00 00 00 00 00 00 01 00 02"))
        #expect(allPadding.payload == 12..<12)
    }

    @Test func malformedPacketsAreTypedErrors() {
        let header = Bytes.hex("80 00 00 01 00 00 00 00 00 00 00 01")
        #expect(throws: RTPParseError.tooShort(11)) { try RTPPacket.parse(Array(header.prefix(11))) }
        #expect(throws: RTPParseError.tooShort(0)) { try RTPPacket.parse([UInt8]()) }
        #expect(throws: RTPParseError.badVersion(1)) { try RTPPacket.parse([0x40] + header.dropFirst()) }
        #expect(throws: RTPParseError.badVersion(0)) { try RTPPacket.parse([0x00] + header.dropFirst()) }
        // CC=15 but only two words follow.
        #expect(throws: RTPParseError.truncatedCSRCList) { try RTPPacket.parse([0x8F] + header.dropFirst() + [UInt8](repeating: 0, count: 8)) }
        // X=1 with no room for the extension header.
        #expect(throws: RTPParseError.truncatedExtension) { try RTPPacket.parse([0x90] + header.dropFirst() + [0xBE, 0xDE]) }
        // X=1 whose length field claims 100 words.
        #expect(throws: RTPParseError.truncatedExtension) { try RTPPacket.parse([0x90] + header.dropFirst() + Bytes.hex("be de 00 64 00 00 00 00")) }
        // P=1 with a zero count, and with a count larger than what follows the header.
        #expect(throws: RTPParseError.badPadding(0)) { try RTPPacket.parse([0xA0] + header.dropFirst() + [1, 0]) }
        #expect(throws: RTPParseError.badPadding(3)) { try RTPPacket.parse([0xA0] + header.dropFirst() + [1, 3]) }
        // A padding count that would eat into the extension.
        #expect(throws: RTPParseError.badPadding(5)) {
            try RTPPacket.parse([0xB0] + header.dropFirst() + Bytes.hex("be de 00 01 00 00 00 00 00 00 00 05"))
        }
        // The last byte of the header itself read as padding when nothing follows.
        #expect(throws: RTPParseError.badPadding(1)) { try RTPPacket.parse([0xA0] + header.dropFirst()) }
    }

    @Test func writeThenParseRoundTrips() throws {
        let header = RTPHeader(marker: true, payloadType: 9, sequenceNumber: 65535, timestamp: 0xFFFF_FFF0, ssrc: 0xA1B2_C3D4)
        let bytes = try writeBytes { buffer in
            let length = try header.write(into: buffer, csrcs: [7, 8, 9])
            for i in 0..<40 { buffer[length + i] = UInt8(i) }
            return length + 40
        }
        #expect(bytes.count == 12 + 12 + 40)
        #expect(bytes[0] == 0x83)
        #expect(bytes[1] == 0x89)
        let packet = try RTPPacket.parse(bytes)
        #expect(packet.header == header)
        #expect(packet.csrcCount == 3)
        #expect(packet.payload == 24..<64)
        #expect(Array(bytes[packet.payload]) == (0..<40).map { UInt8($0) })
    }

    @Test func writeRefusesSmallBuffersAndTooManyCSRCs() {
        let header = RTPHeader(payloadType: 0, sequenceNumber: 1, timestamp: 2, ssrc: 3)
        var small = [UInt8](repeating: 0, count: 11)
        _ = small.withUnsafeMutableBytes { buffer in
            #expect(throws: PacketWriteError.bufferTooSmall(needed: 12)) { try header.write(into: buffer) }
        }
        var big = [UInt8](repeating: 0, count: 200)
        _ = big.withUnsafeMutableBytes { buffer in
            #expect(throws: PacketWriteError.valueTooLong("16 CSRCs (at most 15)")) { try header.write(into: buffer, csrcs: Array(repeating: 1, count: 16)) }
        }
    }

    @Test func everyTruncationParsesOrFailsCleanly() throws {
        // CSRC, extension and padding: cut at every length.
        let bytes = Bytes.hex("b1 00 00 01 00 00 00 00 00 00 00 01 00 00 00 05 10 00 00 01 01 02 03 04 aa bb 00 02")
        #expect(try RTPPacket.parse(bytes).payload == 24..<26)
        for length in 0..<bytes.count {
            let prefix = Array(bytes.prefix(length))
            switch Result(catching: { () throws(RTPParseError) in try RTPPacket.parse(prefix) }) {
            case .success(let packet):
                // The padding byte is then some other byte: only valid counts parse.
                #expect(packet.payload.upperBound <= length && packet.payload.lowerBound == 24, "length \(length)")
            case .failure(let error):
                let expected: Bool = switch error {
                case .tooShort: length < 12
                case .truncatedCSRCList: length >= 12 && length < 16
                case .truncatedExtension: length >= 16 && length < 24
                case .badPadding: length >= 24
                case .badVersion: false
                }
                #expect(expected, "length \(length): \(error)")
            }
        }
    }

    /// 100 000 seeded random datagrams, half of them starting like RTP: parsing never
    /// traps, and every range it returns lies inside the datagram.
    @Test func randomBytesNeverTrap() {
        var rng = SeededRandom(seed: 0x5EED_0001)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 96, alignment: 8)
        defer { buffer.deallocate() }
        var accepted = 0
        var outOfBounds = 0
        for i in 0..<100_000 {
            let length = Int(rng.next() % 97)
            rng.fill(buffer)
            if i % 2 == 0, length > 0 { buffer[0] = 0x80 | (buffer[0] & 0x3F) }
            do {
                let datagram = UnsafeRawBufferPointer(rebasing: buffer[0..<length])
                if let packet = try? RTPPacket.parse(datagram) {
                    accepted += 1
                    let extensionEnd = packet.headerExtension?.data.upperBound ?? RTPHeader.fixedSize
                    if packet.payload.lowerBound < RTPHeader.fixedSize || packet.payload.upperBound > length
                        || extensionEnd > packet.payload.lowerBound {
                        outOfBounds += 1
                    }
                    for c in 0..<packet.csrcCount where packet.csrc(c, in: datagram) == nil { outOfBounds += 1 }
                }
                _ = PacketClassifier.classify(datagram)
            }
        }
        #expect(outOfBounds == 0)
        #expect(accepted > 1000, "the generator should produce some valid packets")
    }
}
