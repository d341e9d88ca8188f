extension OfferAnswer {
    /// Reads the peer's answer to our offer (RFC 3264 §7): what to send, where, and how.
    /// Refuses an answer that does not fit the offer — another number or kind of m-lines,
    /// a codec or crypto line we did not offer, an accepted stream without a codec.
    public static func readAnswer(_ answer: SessionDescription, to offer: SessionDescription)
        throws(NegotiationError) -> [NegotiatedStream] {
        guard answer.media.count == offer.media.count else {
            throw .mediaCountMismatch(offered: offer.media.count, answered: answer.media.count)
        }
        var streams: [NegotiatedStream] = []
        for (index, (ours, theirs)) in zip(offer.media, answer.media).enumerated() {
            guard ours.media == theirs.media else {
                throw .mediaTypeMismatch(index: index, offered: ours.media, answered: theirs.media)
            }
            if theirs.isRejected {
                streams.append(NegotiatedStream(index: index, media: theirs.media, accepted: false))
                continue
            }
            guard !ours.isRejected else { throw .rejectedStreamAccepted(index: index) }
            streams.append(try readStream(index, ours: ours, offer: offer, theirs: theirs, answer: answer))
        }
        return streams
    }

    private static func readStream(_ index: Int, ours: MediaDescription, offer: SessionDescription,
                                   theirs: MediaDescription, answer: SessionDescription)
        throws(NegotiationError) -> NegotiatedStream {
        let offeredCodecs = ours.formats.compactMap { ours.codec(for: $0) }
        var codecs: [NegotiatedCodec] = []
        var telephoneEvent: NegotiatedCodec? = nil
        var comfortNoise: NegotiatedCodec? = nil
        var redundancy: NegotiatedCodec? = nil
        for format in theirs.formats {
            guard let pt = UInt8(format), let codec = theirs.codec(for: format),
                  offeredCodecs.contains(where: { $0.matches(codec) }) else {
                throw .codecNotOffered(index: index, format: format)
            }
            if isTelephoneEvent(codec) {
                if telephoneEvent == nil { telephoneEvent = NegotiatedCodec(pt, codec) }
            } else if isComfortNoise(codec) {
                // The peer sends CN under the number our offer gave it (RFC 3264 §5.1).
                if comfortNoise == nil, let ourPT = offeredPayloadType(matching: codec, in: ours) {
                    comfortNoise = NegotiatedCodec(payloadType: ourPT, name: codec.name, clockRate: codec.clockRate)
                }
            } else if isRedundancy(codec) {
                if redundancy == nil { redundancy = NegotiatedCodec(pt, codec) }
            } else {
                codecs.append(NegotiatedCodec(pt, codec))
            }
        }
        guard !codecs.isEmpty else { throw .noCodec(index: index) }
        // Red repeats the call's codec: at its clock and channels only.
        if let red = redundancy, let first = codecs.first, red.clockRate != first.clockRate || red.channels != first.channels {
            redundancy = nil
        }
        // CN fills the codec's silences in the codec's clock: only with an 8 kHz codec.
        if comfortNoise?.clockRate != codecs.first?.clockRate { comfortNoise = nil }
        guard let remote = answer.connection(for: theirs) else { throw .missingConnection(index: index) }

        var crypto: (remote: CryptoAttribute, local: CryptoAttribute)? = nil
        if !ours.cryptos.isEmpty {
            if let chosen = theirs.cryptos.first {
                guard let mine = ours.cryptos.first(where: { $0.tag == chosen.tag && $0.suite == chosen.suite }) else {
                    throw .cryptoNotOffered(index: index, tag: chosen.tag)
                }
                crypto = (chosen, mine)
            } else if ours.proto.requiresSDES {
                throw .missingCrypto(index: index)
            }
        }

        let offered = DirectionNegotiation.declared(ours, in: offer)
        let peer = DirectionNegotiation.declared(theirs, in: answer)
        // The peer's sendonly means we only receive; never more than we offered.
        let direction = Direction(sends: peer.receives && offered.sends, receives: peer.sends && offered.receives)
        let mux = ours.hasRTCPMux && theirs.hasRTCPMux
        return NegotiatedStream(
            index: index, media: theirs.media, accepted: true, codecs: codecs, telephoneEvent: telephoneEvent,
            comfortNoise: comfortNoise, redundancy: redundancy, remoteAddress: remote.address, remotePort: theirs.port,
            remoteRTCP: rtcpDestination(theirs, connection: remote, muxed: mux), direction: direction,
            remotePtime: theirs.ptime, remoteCrypto: crypto?.remote, localCrypto: crypto?.local)
    }

    /// The payload type our offer gave `codec`.
    private static func offeredPayloadType(matching codec: CodecPreference, in ours: MediaDescription) -> UInt8? {
        for f in ours.formats {
            if let pt = UInt8(f), let c = ours.codec(for: f), c.matches(codec) { return pt }
        }
        return nil
    }
}
