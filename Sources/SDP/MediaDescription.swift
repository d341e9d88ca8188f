/// One `m=` section with its media-level lines.
public struct MediaDescription: Hashable, Sendable {
    /// `audio`, `video`, `text`, `application`, `message`, or anything else as sent.
    public var media: String
    /// 0 means the stream is rejected or disabled (RFC 3264 §6, §8.2).
    public var port: UInt16
    /// The `/<number of ports>` suffix, when present.
    public var portCount: UInt16?
    public var proto: TransportProtocol
    /// Payload-type numbers for RTP profiles; other tokens otherwise.
    public var formats: [String]
    public var information: String?
    public var connections: [Connection]
    public var bandwidths: [Bandwidth]
    public var encryptionKey: String?
    public var attributes: [SDPAttribute]

    public init(
        media: String, port: UInt16, portCount: UInt16? = nil, proto: TransportProtocol,
        formats: [String], information: String? = nil, connections: [Connection] = [],
        bandwidths: [Bandwidth] = [], encryptionKey: String? = nil, attributes: [SDPAttribute] = []
    ) {
        self.media = media
        self.port = port
        self.portCount = portCount
        self.proto = proto
        self.formats = formats
        self.information = information
        self.connections = connections
        self.bandwidths = bandwidths
        self.encryptionKey = encryptionKey
        self.attributes = attributes
    }
}

extension MediaDescription {
    /// The formats as payload-type numbers (those that are numbers in 0…127).
    public var payloadTypes: [UInt8] {
        formats.compactMap { UInt8($0).flatMap { $0 <= 127 ? $0 : nil } }
    }

    /// The stream was refused (port 0).
    public var isRejected: Bool { port == 0 }

    /// The first media-level `c=`.
    public var connection: Connection? { connections.first }

    /// The media-level direction attribute, if any (see `SessionDescription.effectiveDirection`).
    public var direction: Direction? {
        for case .direction(let d) in attributes { return d }
        return nil
    }

    public var rtpmaps: [RTPMap] {
        attributes.compactMap { if case .rtpmap(let m) = $0 { m } else { nil } }
    }

    public func rtpmap(for payloadType: UInt8) -> RTPMap? {
        rtpmaps.first { $0.payloadType == payloadType }
    }

    public var formatParameters: [FormatParameters] {
        attributes.compactMap { if case .fmtp(let f) = $0 { f } else { nil } }
    }

    public func formatParameters(for format: String) -> FormatParameters? {
        formatParameters.first { $0.format == format }
    }

    /// Whole milliseconds; nil when absent or written as a fraction (kept as `.other`).
    public var ptime: UInt32? {
        for case .ptime(let ms) in attributes { return ms }
        return nil
    }

    public var maxptime: UInt32? {
        for case .maxptime(let ms) in attributes { return ms }
        return nil
    }

    public var rtcp: RTCPAttribute? {
        for case .rtcp(let r) in attributes { return r }
        return nil
    }

    public var hasRTCPMux: Bool { attributes.contains(.rtcpMux) }

    public var cryptos: [CryptoAttribute] {
        attributes.compactMap { if case .crypto(let c) = $0 { c } else { nil } }
    }

    public var candidates: [Candidate] {
        attributes.compactMap { if case .candidate(let c) = $0 { c } else { nil } }
    }

    public var mid: String? {
        for case .mid(let m) in attributes { return m }
        return nil
    }

    /// The values of every `a=<name>` with this name (case-insensitive), typed or not.
    public func attributeValues(named name: String) -> [String?] {
        let wanted = name.lowercased()
        return attributes.filter { $0.name.lowercased() == wanted }.map(\.value)
    }
}
