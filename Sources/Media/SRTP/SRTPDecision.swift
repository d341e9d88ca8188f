import SDP

/// Which side of offer/answer a negotiated stream came from.
public enum NegotiationRole: Hashable, Sendable {
    /// We sent the offer; the stream came from `OfferAnswer.readAnswer`.
    case offerer
    /// We answer the peer's offer; the stream came from `OfferAnswer.answer`.
    case answerer
}

/// How one negotiated stream is carried.
public enum SRTPDecision: Hashable, Sendable {
    /// The stream was declined: no media flows, nothing to protect.
    case inactive
    case plain
    /// Protect what we send with `send` (our key) and check what we receive with
    /// `receive` (the peer's key). Compare with the current keys to know whether to
    /// build new contexts (re-keying).
    case encrypted(suite: SRTPSuite, send: SRTPMasterKey, receive: SRTPMasterKey)
    /// The call must fail; the reason is for the user.
    case refused(SRTPRefusal)

    public var isEncrypted: Bool { if case .encrypted = self { true } else { false } }
}

extension SRTPMode {
    /// Pure: what to do with `stream` under this mode. Never `.plain` when `mandatory`,
    /// for offers we make and offers we answer. When both sides put a crypto line in
    /// the SDP, the stream is encrypted whatever the mode, since the SDP promised it;
    /// a crypto line we cannot use then refuses the call rather than fall back silently.
    public func decide(_ stream: NegotiatedStream, role: NegotiationRole) -> SRTPDecision {
        guard stream.accepted else { return .inactive }
        guard let remote = stream.remoteCrypto, let local = stream.localCrypto else {
            guard self != .mandatory else {
                return .refused(role == .answerer ? .peerOfferedNoKey : .peerAnsweredNoKey)
            }
            return .plain
        }
        guard remote.suite == local.suite else {
            return .refused(.suiteMismatch(ours: local.suite, theirs: remote.suite))
        }
        do {
            let receive = try SDES.masterKey(from: remote)
            let send = try SDES.masterKey(from: local)
            return .encrypted(suite: send.suite, send: send, receive: receive)
        } catch {
            return .refused(error)
        }
    }

    /// The peer's offer without the crypto lines we could not use (unknown suite, MKI,
    /// several keys, bad key…), so that `OfferAnswer.answer` picks a usable one — or none,
    /// and then plain RTP when `optional`, a refusal when `mandatory`.
    public func usableOffer(_ offer: SessionDescription) -> SessionDescription {
        var offer = offer
        for i in offer.media.indices {
            offer.media[i].attributes.removeAll { attribute in
                guard case .crypto(let line) = attribute else { return false }
                return self == .off || (try? SDES.masterKey(from: line)) == nil
            }
        }
        return offer
    }
}
