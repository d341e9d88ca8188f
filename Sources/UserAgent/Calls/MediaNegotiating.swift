import Media
import SDP

/// The media side of calls as signalling sees it: SDP offers and answers. The media
/// engine implements it; until it does, `SignallingOnlyMedia` negotiates and receives
/// but plays nothing.
public protocol MediaNegotiating: Sendable {
    /// A media session for one call. `localAddress` is the address our SIP traffic to the
    /// peer leaves from; media is offered there.
    func makeSession(account: AccountConfig, localAddress: String) async throws -> any MediaSession
    /// Every event the user agent emits, as it emits it (the media side rings and plays
    /// tones as calls change). Must return at once.
    func observe(_ event: Event)
    /// The user agent is quitting: release the sound card.
    func finish() async
    /// `call` rings with this WAV file instead of the configured ringtone (the
    /// incoming-call hook's `ring FILE`). Must return at once.
    func ring(_ call: CallNumber, with file: String)
}

extension MediaNegotiating {
    public func observe(_ event: Event) {}
    public func ring(_ call: CallNumber, with file: String) {}
    public func finish() async {}
}

/// One call's media. Offers and answers go through it so it always knows what was agreed.
public protocol MediaSession: AnyObject, Sendable {
    /// Our offer; `hold` offers `sendonly` (or `inactive` when the peer holds us).
    func makeOffer(hold: Bool) async throws -> SessionDescription
    /// Answers the peer's offer; throws `MediaError.notAcceptable` when nothing in it is
    /// acceptable (the call is refused with 488).
    func answer(_ offer: SessionDescription, hold: Bool) async throws -> SessionDescription
    /// The peer's answer to our last offer.
    func accept(_ answer: SessionDescription) async throws
    /// What the last offer/answer agreed, one entry per m-line.
    func negotiated() async -> [NegotiatedStream]
    /// RTP packets received since the session started (a check that media flows).
    func packetsReceived() async -> Int
    /// The call was answered (true): capture, send and play from now on. Before that a
    /// session negotiates but neither sends the microphone nor plays.
    func setActive(_ active: Bool) async
    /// The peer sent media before answering (a 183 with SDP: announcements, a provider's
    /// ringback): play it, but send nothing until the answer.
    func setEarlyMedia(_ on: Bool) async
    /// The audio stream's latest figures; nil when there is no stream (yet).
    func statistics() async -> MediaStreamSnapshot?
    /// Sends silence instead of the microphone (true) or the microphone again.
    func setMuted(_ muted: Bool) async
    /// Why no RTP has arrived, said for the user; nil when media is flowing or there is
    /// no stream to judge.
    func diagnoseNoMedia() async -> String?
    /// Records both sides into a two-channel WAV file.
    func startRecording(path: String) async throws
    func stopRecording() async
    /// Sends keys to the peer (RFC 4733 telephone-events); throws when it cannot.
    func sendDigits(_ keys: String) async throws
    /// Sends keys as tones in the audio (in-band DTMF).
    func sendInbandDigits(_ keys: String) async throws
    /// Plays a WAV file into the call, over the microphone.
    func play(path: String) async throws
    /// Our network changed: restart ICE so that the next offer carries new credentials and
    /// candidates (RFC 8445 §9); without ICE with the peer, move a socket off a vanished
    /// address. `removed`: only when the call's media uses one of these addresses (nil:
    /// in any case). False when there is nothing to re-offer.
    func restartICE(ifUsing removed: [String]?) async -> Bool
    func close() async
}

extension MediaSession {
    public func setActive(_ active: Bool) async {}
    public func setEarlyMedia(_ on: Bool) async {}
    public func statistics() async -> MediaStreamSnapshot? { nil }
    public func setMuted(_ muted: Bool) async {}
    public func diagnoseNoMedia() async -> String? { nil }
    public func startRecording(path: String) async throws { throw MediaError.unsupported("this call carries no audio") }
    public func stopRecording() async {}
    public func sendDigits(_ keys: String) async throws { throw MediaError.unsupported("this call carries no audio") }
    public func sendInbandDigits(_ keys: String) async throws { throw MediaError.unsupported("this call carries no audio") }
    public func play(path: String) async throws { throw MediaError.unsupported("this call carries no audio") }
    public func restartICE(ifUsing removed: [String]?) async -> Bool { false }
    /// Restarts ICE whatever addresses the call uses (our public address moved).
    public func restartICE() async -> Bool { await restartICE(ifUsing: nil) }
}

public enum MediaError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAcceptable(String)
    case noPort(String)
    case unsupported(String)
    public var description: String {
        switch self {
        case .unsupported(let why): why
        case .notAcceptable(let why): "media not acceptable: \(why)"
        case .noPort(let why): "no media port: \(why)"
        }
    }
}

extension AccountConfig {
    /// The account's codec names as SDP codec preferences, in its order.
    public var codecPreferences: [CodecPreference] {
        codecs.compactMap { name in
            switch name.lowercased() {
            case "opus": .opus
            case "g722": .g722
            case "pcmu": .pcmu
            case "pcma": .pcma
            default: nil
            }
        }
    }
}
