import SDP

/// The account's `srtp` setting (pipit.conf): the UA maps its `SRTPPolicy` onto this.
public enum SRTPMode: String, CaseIterable, Hashable, Sendable {
    /// Plain RTP only: no crypto lines, `RTP/SAVP` offers refused.
    case off
    /// Best-effort SRTP: offer `RTP/AVP` with crypto lines (as baresip's `srtp` does),
    /// accept `RTP/SAVP` offers, and fall back to plain RTP when the peer has no key.
    case optional
    /// Offer `RTP/SAVP`; never send or accept plain RTP, whichever side offers.
    case mandatory
}

/// What our `MediaCapabilities` carry for SRTP under a mode.
public struct SRTPCapabilities: Hashable, Sendable {
    /// The first is what we offer; all are accepted when answering.
    public var protocols: [TransportProtocol]
    /// Our `a=crypto` lines (empty when `off`).
    public var cryptos: [CryptoAttribute]

    /// Sets `protocols` and replaces any `a=crypto` lines in `media` with ours.
    public func apply(to media: inout MediaCapabilities) {
        media.protocols = protocols
        media.attributes.removeAll { if case .crypto = $0 { true } else { false } }
        media.attributes += cryptos.map { .crypto($0) }
    }
}

extension SRTPMode {
    /// Pure: the protocols and crypto lines to put in our capabilities, for offers and
    /// answers alike. `cryptos` should be fresh for every offer and answer
    /// (`SDES.newCryptoAttributes()`); they are ignored when `off`.
    ///
    /// `mandatory` still accepts `RTP/AVP` offers, because best-effort SRTP offers arrive
    /// that way with crypto lines; `decide` refuses the ones without a key.
    public func capabilities(cryptos: [CryptoAttribute]) -> SRTPCapabilities {
        switch self {
        case .off: SRTPCapabilities(protocols: [.rtpAVP], cryptos: [])
        case .optional: SRTPCapabilities(protocols: [.rtpAVP, .rtpSAVP], cryptos: cryptos)
        case .mandatory: SRTPCapabilities(protocols: [.rtpSAVP, .rtpAVP], cryptos: cryptos)
        }
    }
}
