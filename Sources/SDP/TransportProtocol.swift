/// The `<proto>` of an `m=` line. Open: any value is kept; the common ones have names.
public struct TransportProtocol: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let rtpAVP = Self(rawValue: "RTP/AVP")
    public static let rtpSAVP = Self(rawValue: "RTP/SAVP")
    public static let rtpAVPF = Self(rawValue: "RTP/AVPF")
    public static let rtpSAVPF = Self(rawValue: "RTP/SAVPF")
    public static let udpTLSRTPSAVP = Self(rawValue: "UDP/TLS/RTP/SAVP")
    public static let udpTLSRTPSAVPF = Self(rawValue: "UDP/TLS/RTP/SAVPF")
    public static let udp = Self(rawValue: "udp")

    /// True for the SRTP profiles keyed by `a=crypto` (RFC 4568), not by DTLS.
    public var requiresSDES: Bool { self == .rtpSAVP || self == .rtpSAVPF }

    /// True for the RTP profiles, whose formats are payload-type numbers.
    public var isRTP: Bool {
        rawValue.hasPrefix("RTP/") || rawValue.contains("/RTP/")
    }
}
