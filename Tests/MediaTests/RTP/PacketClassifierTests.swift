import Testing
@testable import Media

@Suite("PacketClassifierTests", .timeLimit(.minutes(1)))
struct PacketClassifierTests {
    @Test func firstByteRangesOfRFC7983() {
        for byte in UInt8.min...UInt8.max {
            let kind = PacketClassifier.classify([byte, 0x00])
            let expected: DatagramKind = switch byte {
            case 0...3: .stun
            case 16...19: .zrtp
            case 20...63: .dtls
            case 64...79: .turnChannel
            case 128...191: .rtp
            default: .unknown
            }
            #expect(kind == expected, "first byte \(byte)")
        }
    }

    @Test func rtcpIsTheSecondBytesRange192To223() {
        for second in UInt8.min...UInt8.max {
            let kind = PacketClassifier.classify([0x80, second])
            #expect(kind == ((192...223).contains(second) ? .rtcp : .rtp), "second byte \(second)")
        }
        #expect(PacketClassifier.classify([0x81, 200, 0, 7]) == .rtcp)  // SR
        #expect(PacketClassifier.classify([0x80, 0xE0, 0, 1]) == .rtp)  // marker + PT 96
    }

    @Test func shortDatagrams() {
        #expect(PacketClassifier.classify([]) == .unknown)
        #expect(PacketClassifier.classify([0x80]) == .unknown)
        #expect(PacketClassifier.classify([0x00]) == .stun)
        #expect(PacketClassifier.classify(firstByte: 0x17, secondByte: nil) == .dtls)
    }
}
