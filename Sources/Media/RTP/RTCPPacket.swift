/// One packet of an RTCP compound packet (RFC 3550 §6.4–6.7). Types this engine does
/// not act on — APP, RFC 4585 feedback, RFC 3611 XR, anything unknown — come out as
/// `.other` so that a compound carrying them is still read.
public enum RTCPPacket: Equatable, Sendable {
    case senderReport(RTCPSenderReport)
    case receiverReport(RTCPReceiverReport)
    case sourceDescription([RTCPSourceDescriptionChunk])
    case goodbye(RTCPGoodbye)
    /// Packet type, the 5-bit count/subtype field, and the sender SSRC when the packet
    /// is long enough to carry one.
    case other(type: UInt8, count: UInt8, ssrc: UInt32?)
}

/// The RTCP packet types of RFC 3550, 3611 and 4585.
public enum RTCPPacketType {
    public static let senderReport: UInt8 = 200
    public static let receiverReport: UInt8 = 201
    public static let sourceDescription: UInt8 = 202
    public static let goodbye: UInt8 = 203
    public static let application: UInt8 = 204
    public static let transportFeedback: UInt8 = 205
    public static let payloadFeedback: UInt8 = 206
    public static let extendedReport: UInt8 = 207
}

/// SR: the sender's SSRC, its sender information and its reception reports.
public struct RTCPSenderReport: Equatable, Sendable {
    public var ssrc: UInt32
    public var senderInfo: RTCPSenderInfo
    public var reportBlocks: [RTCPReportBlock]

    public init(ssrc: UInt32, senderInfo: RTCPSenderInfo, reportBlocks: [RTCPReportBlock]) {
        self.ssrc = ssrc
        self.senderInfo = senderInfo
        self.reportBlocks = reportBlocks
    }
}

/// RR: the reporter's SSRC and its reception reports.
public struct RTCPReceiverReport: Equatable, Sendable {
    public var ssrc: UInt32
    public var reportBlocks: [RTCPReportBlock]

    public init(ssrc: UInt32, reportBlocks: [RTCPReportBlock]) {
        self.ssrc = ssrc
        self.reportBlocks = reportBlocks
    }
}

/// One SDES chunk: a source and its items. CNAME is decoded; the other items (NAME,
/// EMAIL, TOOL, PRIV…) are kept as raw type and bytes.
public struct RTCPSourceDescriptionChunk: Equatable, Sendable {
    public static let cnameItem: UInt8 = 1

    public var ssrc: UInt32
    public var items: [Item]

    public struct Item: Equatable, Sendable {
        public var type: UInt8
        public var value: [UInt8]

        public init(type: UInt8, value: [UInt8]) {
            self.type = type
            self.value = value
        }
    }

    public init(ssrc: UInt32, items: [Item]) {
        self.ssrc = ssrc
        self.items = items
    }

    /// The CNAME item as text (invalid UTF-8 repaired), if present.
    public var cname: String? {
        items.first { $0.type == Self.cnameItem }.map { String(decoding: $0.value, as: UTF8.self) }
    }
}

/// BYE: the sources leaving and the optional reason.
public struct RTCPGoodbye: Equatable, Sendable {
    public var ssrcs: [UInt32]
    public var reason: String?

    public init(ssrcs: [UInt32], reason: String? = nil) {
        self.ssrcs = ssrcs
        self.reason = reason
    }
}
