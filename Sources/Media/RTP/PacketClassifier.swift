/// What a datagram on the media socket is, from its first bytes (RFC 7983 §7, with RTP
/// and RTCP told apart by RFC 5761 §4).
public enum DatagramKind: Equatable, Sendable {
    case stun, zrtp, dtls, turnChannel, rtp, rtcp
    /// None of the above: drop it.
    case unknown
}

public enum PacketClassifier {
    /// Classifies by the first byte: 0–3 STUN, 16–19 ZRTP, 20–63 DTLS, 64–79 TURN
    /// ChannelData, 128–191 RTP or RTCP (second byte 192–223: RTCP packet types 200–207
    /// sit there, and RTP payload types 64–95 are never used with rtcp-mux).
    public static func classify(firstByte: UInt8, secondByte: UInt8?) -> DatagramKind {
        switch firstByte {
        case 0...3: return .stun
        case 16...19: return .zrtp
        case 20...63: return .dtls
        case 64...79: return .turnChannel
        case 128...191:
            guard let secondByte else { return .unknown }
            return (192...223).contains(secondByte) ? .rtcp : .rtp
        default: return .unknown
        }
    }

    public static func classify(_ datagram: UnsafeRawBufferPointer) -> DatagramKind {
        guard let first = datagram.first else { return .unknown }
        return classify(firstByte: first, secondByte: datagram.count > 1 ? datagram[1] : nil)
    }

    public static func classify(_ datagram: [UInt8]) -> DatagramKind {
        datagram.withUnsafeBytes { classify($0) }
    }
}
