/// RFC 3264 offer/answer as pure functions: descriptions and capabilities in, descriptions
/// and negotiated streams out. See `OfferAnswer+Offer.swift`, `+Answer.swift` and
/// `+ReadAnswer.swift`.
public enum OfferAnswer {
    /// The description skeleton both offers and answers share: o= (stamped later), s=,
    /// session-level c=, t=0 0.
    static func skeleton(_ local: LocalCapabilities, media: [MediaDescription]) -> SessionDescription {
        SessionDescription(
            origin: Origin(username: local.username, sessionID: 0, sessionVersion: 0,
                           addressType: local.addressType, address: local.address),
            sessionName: local.sessionName,
            connection: Connection(addressType: local.addressType, address: local.address),
            attributes: local.sessionAttributes,
            media: media)
    }

    static func isTelephoneEvent(_ codec: CodecPreference) -> Bool {
        codec.name.lowercased() == TelephoneEventPreference.encodingName
    }

    /// RFC 3389 comfort noise at any clock rate: never a call's codec.
    static func isComfortNoise(_ codec: CodecPreference) -> Bool {
        codec.name.lowercased() == "cn"
    }

    /// RFC 2198 redundant audio at any clock rate: never a call's codec.
    static func isRedundancy(_ codec: CodecPreference) -> Bool {
        codec.name.lowercased() == CodecPreference.redundancyName
    }

    /// Format lines for one payload type.
    static func formatAttributes(_ pt: UInt8, _ codec: CodecPreference) -> [SDPAttribute] {
        var attrs: [SDPAttribute] = [.rtpmap(RTPMap(
            payloadType: pt, encodingName: codec.name, clockRate: codec.clockRate,
            channels: codec.channels == 1 ? nil : codec.channels))]
        if let fmtp = codec.fmtp, !fmtp.isEmpty {
            attrs.append(.fmtp(FormatParameters(format: String(pt), rawParameters: fmtp)))
        }
        return attrs
    }
}
