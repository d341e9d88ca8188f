/// The static payload types of RFC 3551 §6, used when an `m=` line lists a number
/// without an `a=rtpmap`.
public enum StaticPayloadTypes {
    /// The codec a static payload type stands for, or nil for dynamic/unassigned numbers.
    public static func codec(for payloadType: UInt8) -> CodecPreference? {
        table.first { $0.0 == payloadType }.map { CodecPreference(name: $0.1, clockRate: $0.2, channels: $0.3) }
    }

    /// The static payload type assigned to `codec`, if it has one.
    public static func payloadType(for codec: CodecPreference) -> UInt8? {
        table.first { CodecPreference(name: $0.1, clockRate: $0.2, channels: $0.3).matches(codec) }?.0
    }

    private static let table: [(UInt8, String, UInt32, UInt16)] = [
        (0, "PCMU", 8000, 1), (3, "GSM", 8000, 1), (4, "G723", 8000, 1), (5, "DVI4", 8000, 1),
        (6, "DVI4", 16000, 1), (7, "LPC", 8000, 1), (8, "PCMA", 8000, 1), (9, "G722", 8000, 1),
        (10, "L16", 44100, 2), (11, "L16", 44100, 1), (12, "QCELP", 8000, 1), (13, "CN", 8000, 1),
        (14, "MPA", 90000, 1), (15, "G728", 8000, 1), (16, "DVI4", 11025, 1), (17, "DVI4", 22050, 1),
        (18, "G729", 8000, 1), (25, "CelB", 90000, 1), (26, "JPEG", 90000, 1), (28, "nv", 90000, 1),
        (31, "H261", 90000, 1), (32, "MPV", 90000, 1), (33, "MP2T", 90000, 1), (34, "H263", 90000, 1),
    ]
}

extension MediaDescription {
    /// What a format stands for: its rtpmap, else the RFC 3551 static assignment.
    public func codec(for format: String) -> CodecPreference? {
        guard let pt = UInt8(format), pt <= 127 else { return nil }
        if let map = rtpmap(for: pt) {
            return CodecPreference(name: map.encodingName, clockRate: map.clockRate, channels: map.channels ?? 1,
                                   fmtp: formatParameters(for: format)?.rawParameters)
        }
        guard var codec = StaticPayloadTypes.codec(for: pt) else { return nil }
        codec.fmtp = formatParameters(for: format)?.rawParameters
        return codec
    }
}
