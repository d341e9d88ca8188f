extension OfferAnswer {
    /// Builds an offer from our capabilities and stamps its `o=` through `session`.
    ///
    /// Codecs with an RFC 3551 static number get it; dynamic ones get their preferred
    /// number when free, else the lowest free one in 96…127 (a codec that finds none is
    /// left out). Telephone-event is offered once per distinct audio clock rate, so a
    /// 48 kHz Opus call can carry DTMF without resampling. Comfort noise (`CN/8000`,
    /// RFC 3389) follows the codecs when asked for and an 8 kHz-clock codec is offered:
    /// its clock must be the codec's, and we generate it only at 8000. RFC 2198 red, when
    /// asked for, follows the codecs once per clock rate (`red/8000`, `red/48000/2`).
    public static func makeOffer(_ local: LocalCapabilities, session: inout LocalSessionState) -> SessionDescription {
        session.stamp(skeleton(local, media: local.media.map(offerMedia)))
    }

    static func offerMedia(_ caps: MediaCapabilities) -> MediaDescription {
        var assigner = PayloadTypeAssigner()
        var formats: [String] = []
        var attrs: [SDPAttribute] = []
        var rates: [UInt32] = []
        var primaries: [(UInt8, CodecPreference)] = []
        for codec in caps.codecs where !isTelephoneEvent(codec) && !isComfortNoise(codec) && !isRedundancy(codec) {
            guard let pt = assigner.assign(codec) else { continue }
            formats.append(String(pt))
            attrs += formatAttributes(pt, codec)
            if !rates.contains(codec.clockRate) { rates.append(codec.clockRate) }
            if !primaries.contains(where: { $0.1.clockRate == codec.clockRate && $0.1.channels == codec.channels }) {
                primaries.append((pt, codec))
            }
        }
        if caps.redundancy, caps.media == "audio" {
            // One red per clock rate and channel count, naming that rate's first codec.
            for (primary, codec) in primaries {
                let red = CodecPreference.redundancy(for: codec, primaryPayloadType: primary)
                guard let pt = assigner.assign(red) else { continue }
                formats.append(String(pt))
                attrs += formatAttributes(pt, red)
            }
        }
        if caps.comfortNoise, caps.media == "audio", rates.contains(CodecPreference.comfortNoise.clockRate),
           let pt = assigner.assign(.comfortNoise) {
            formats.append(String(pt))
            attrs += formatAttributes(pt, .comfortNoise)
        }
        if let te = caps.telephoneEvent, caps.media == "audio" {
            for rate in rates {
                let codec = CodecPreference(name: TelephoneEventPreference.encodingName, clockRate: rate,
                                            fmtp: te.events, preferredPayloadType: te.preferredPayloadType)
                guard let pt = assigner.assign(codec) else { continue }
                formats.append(String(pt))
                attrs += formatAttributes(pt, codec)
            }
        }
        if let ptime = caps.ptime { attrs.append(.ptime(ptime)) }
        if caps.rtcpMux { attrs.append(.rtcpMux) }
        // sendrecv is the default (RFC 8866 §6.7); writing it only when it is not keeps
        // offers as short as the RFC 3264 examples.
        if caps.direction != .sendrecv { attrs.append(.direction(caps.direction)) }
        attrs += caps.attributes
        return MediaDescription(
            media: caps.media, port: formats.isEmpty ? 0 : caps.port, proto: caps.protocols.first ?? .rtpAVP,
            formats: formats.isEmpty ? ["0"] : formats, attributes: formats.isEmpty ? [] : attrs)
    }
}

/// Hands out payload-type numbers for one m-line without collisions.
struct PayloadTypeAssigner {
    private var used: Set<UInt8> = []

    mutating func assign(_ codec: CodecPreference) -> UInt8? {
        if let pt = StaticPayloadTypes.payloadType(for: codec), !used.contains(pt) {
            used.insert(pt)
            return pt
        }
        if let pt = codec.preferredPayloadType, (96...127).contains(pt), !used.contains(pt) {
            used.insert(pt)
            return pt
        }
        guard let pt = (UInt8(96)...127).first(where: { !used.contains($0) }) else { return nil }
        used.insert(pt)
        return pt
    }
}
