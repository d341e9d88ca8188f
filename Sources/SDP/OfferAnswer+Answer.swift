/// An answer we built, with what it means for each stream.
public struct Answer: Hashable, Sendable {
    public var sessionDescription: SessionDescription
    /// One per m-line, in order.
    public var streams: [NegotiatedStream]

    /// True when at least one stream was accepted; if not, the caller should refuse the
    /// offer (488 Not Acceptable Here) rather than send this answer.
    public var acceptsAnything: Bool { streams.contains { $0.accepted } }
}

extension OfferAnswer {
    /// Answers `offer` (RFC 3264 §6): the same number of m-lines in the same order; each
    /// accepted if we handle its media and protocol and share a codec, else refused with
    /// port 0. Codecs are listed in OUR order of preference under the OFFERER's payload
    /// types. `o=` is stamped through `session`.
    public static func answer(to offer: SessionDescription, with local: LocalCapabilities,
                              session: inout LocalSessionState) -> Answer {
        var used: Set<String> = []
        var media: [MediaDescription] = []
        var streams: [NegotiatedStream] = []
        for (index, offered) in offer.media.enumerated() {
            let caps = offered.isRejected || used.contains(offered.media) ? nil
                : local.media.first { $0.media == offered.media && $0.protocols.contains(offered.proto) }
            if let caps, let accepted = accept(offered, index: index, in: offer, caps: caps) {
                used.insert(offered.media)
                media.append(accepted.0)
                streams.append(accepted.1)
            } else {
                media.append(reject(offered))
                streams.append(NegotiatedStream(index: index, media: offered.media, accepted: false))
            }
        }
        return Answer(sessionDescription: session.stamp(skeleton(local, media: media)), streams: streams)
    }

    /// A refused stream: port 0, the offered formats (at least one), the mid kept so
    /// bundled peers can still tell the m-lines apart.
    static func reject(_ offered: MediaDescription) -> MediaDescription {
        MediaDescription(media: offered.media, port: 0, proto: offered.proto,
                         formats: offered.formats.isEmpty ? ["0"] : offered.formats,
                         attributes: offered.mid.map { [.mid($0)] } ?? [])
    }

    private static func accept(_ offered: MediaDescription, index: Int, in offer: SessionDescription,
                               caps: MediaCapabilities) -> (MediaDescription, NegotiatedStream)? {
        let choice = chooseCodecs(offered, caps)
        guard !choice.codecs.isEmpty else { return nil }
        var crypto: (remote: CryptoAttribute, local: CryptoAttribute)? = nil
        let localCryptos = caps.attributes.compactMap { if case .crypto(let c) = $0 { c } else { nil } }
        if !offered.cryptos.isEmpty {
            crypto = chooseCrypto(offered: offered.cryptos, local: localCryptos)
        }
        // SDES profiles cannot run without a key; plain RTP with crypto lines (best-effort
        // SRTP) and DTLS-SRTP can.
        if crypto == nil, offered.proto.requiresSDES { return nil }

        let comfortNoise = caps.comfortNoise ? chooseComfortNoise(offered, codecs: choice.codecs) : nil
        let redundancy = caps.redundancy ? chooseRedundancy(offered, codecs: choice.codecs) : nil
        let listed = choice.codecs + (redundancy.map { [$0] } ?? []) + (comfortNoise.map { [$0] } ?? [])
            + (choice.telephoneEvent.map { [$0] } ?? [])
        var attrs: [SDPAttribute] = []
        for c in listed {
            attrs += formatAttributes(c.payloadType,
                                      CodecPreference(name: c.name, clockRate: c.clockRate, channels: c.channels, fmtp: c.fmtp))
        }
        if let ptime = caps.ptime { attrs.append(.ptime(ptime)) }
        let mux = caps.rtcpMux && offered.hasRTCPMux
        if mux { attrs.append(.rtcpMux) }
        let direction = DirectionNegotiation.answer(
            offered: DirectionNegotiation.declared(offered, in: offer), wanted: caps.direction)
        // Say the direction when it is not the default or when the offer said one.
        if direction != .sendrecv || offered.direction != nil || offer.direction != nil {
            attrs.append(.direction(direction))
        }
        if let mid = offered.mid { attrs.append(.mid(mid)) }
        for a in caps.attributes {
            if case .crypto = a { continue }
            attrs.append(a)
        }
        if let crypto { attrs.append(.crypto(crypto.local)) }

        let formats = listed.map { String($0.payloadType) }
        let m = MediaDescription(media: offered.media, port: caps.port, proto: offered.proto,
                                 formats: formats, attributes: attrs)
        let remote = offer.connection(for: offered)
        let stream = NegotiatedStream(
            index: index, media: offered.media, accepted: true, codecs: choice.codecs,
            telephoneEvent: choice.telephoneEvent, comfortNoise: comfortNoise, redundancy: redundancy,
            remoteAddress: remote?.address,
            remotePort: offered.port,
            remoteRTCP: rtcpDestination(offered, connection: remote, muxed: mux), direction: direction,
            remotePtime: offered.ptime, remoteCrypto: crypto?.remote, localCrypto: crypto?.local)
        return (m, stream)
    }

    /// Our codecs in our order, each at the first offered payload type that carries it;
    /// telephone-event at the offered clock rate of our first codec where possible.
    static func chooseCodecs(_ offered: MediaDescription, _ caps: MediaCapabilities)
        -> (codecs: [NegotiatedCodec], telephoneEvent: NegotiatedCodec?) {
        var offeredCodecs: [(UInt8, CodecPreference)] = []
        for f in offered.formats {
            if let pt = UInt8(f), let c = offered.codec(for: f) { offeredCodecs.append((pt, c)) }
        }
        var chosen: [NegotiatedCodec] = []
        for mine in caps.codecs where !isTelephoneEvent(mine) && !isComfortNoise(mine) && !isRedundancy(mine) {
            guard let (pt, theirs) = offeredCodecs.first(where: { pt, c in
                c.matches(mine) && !chosen.contains { $0.payloadType == pt }
            }) else { continue }
            chosen.append(NegotiatedCodec(payloadType: pt, name: theirs.name, clockRate: theirs.clockRate,
                                          channels: theirs.channels, fmtp: mine.fmtp ?? theirs.fmtp, remoteFmtp: theirs.fmtp))
        }
        guard let te = caps.telephoneEvent, let first = chosen.first else { return (chosen, nil) }
        let events = offeredCodecs.filter { isTelephoneEvent($0.1) }
        let pick = events.first { $0.1.clockRate == first.clockRate }
            ?? events.first { $0.1.clockRate == 8000 } ?? events.first
        return (chosen, pick.map {
            NegotiatedCodec(payloadType: $0.0, name: $0.1.name, clockRate: $0.1.clockRate, fmtp: te.events)
        })
    }

    /// RFC 3389 comfort noise: the first offered `CN/8000`, under its offered payload type
    /// (static 13 or a dynamic number with that rtpmap alike), when the call's codec runs
    /// at the same 8 kHz clock — CN's timestamps count in the codec's clock, and we render
    /// it only at 8000. CN at another rate is left out, as any codec we lack.
    static func chooseComfortNoise(_ offered: MediaDescription, codecs: [NegotiatedCodec]) -> NegotiatedCodec? {
        let cn = CodecPreference.comfortNoise
        guard codecs.first?.clockRate == cn.clockRate else { return nil }
        for f in offered.formats {
            guard let pt = UInt8(f), let c = offered.codec(for: f), c.matches(cn),
                  !codecs.contains(where: { $0.payloadType == pt }) else { continue }
            return NegotiatedCodec(payloadType: pt, name: c.name, clockRate: c.clockRate)
        }
        return nil
    }

    /// RFC 2198 red: the first offered red at the clock rate and channel count of the call's
    /// codec, under its offered payload type, answered with our fmtp naming that codec.
    static func chooseRedundancy(_ offered: MediaDescription, codecs: [NegotiatedCodec]) -> NegotiatedCodec? {
        guard let first = codecs.first else { return nil }
        for f in offered.formats {
            guard let pt = UInt8(f), let c = offered.codec(for: f), isRedundancy(c),
                  c.clockRate == first.clockRate, c.channels == first.channels,
                  !codecs.contains(where: { $0.payloadType == pt }) else { continue }
            let mine = CodecPreference.redundancy(for: c, primaryPayloadType: first.payloadType)
            return NegotiatedCodec(payloadType: pt, name: c.name, clockRate: c.clockRate, channels: c.channels,
                                   fmtp: mine.fmtp, remoteFmtp: c.fmtp)
        }
        return nil
    }

    /// RFC 4568 §7.1.2: take the first offered line whose suite we have a key for, and
    /// answer with our key under the offered tag.
    static func chooseCrypto(offered: [CryptoAttribute], local: [CryptoAttribute])
        -> (remote: CryptoAttribute, local: CryptoAttribute)? {
        for theirs in offered {
            if var mine = local.first(where: { $0.suite == theirs.suite }) {
                mine.tag = theirs.tag
                return (theirs, mine)
            }
        }
        return nil
    }

    /// RFC 3605 `a=rtcp`, else RFC 5761 mux, else the RTP port plus one (RFC 3550 §11).
    static func rtcpDestination(_ m: MediaDescription, connection: Connection?, muxed: Bool) -> RTCPDestination? {
        if muxed { return .muxed }
        if let r = m.rtcp { return .address(r.address ?? connection?.address, port: r.port) }
        guard m.port < UInt16.max else { return nil }
        return .address(connection?.address, port: m.port + 1)
    }
}
