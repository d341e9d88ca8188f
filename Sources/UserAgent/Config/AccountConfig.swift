import SIPMessage

/// Where an account's password comes from.
public enum PasswordSource: Sendable, Equatable {
    case literal(Secret)
    /// A shell command whose first output line is the password (`pass show sip/alice`).
    case command(String)
}

public enum SRTPPolicy: String, Sendable, Equatable, CaseIterable {
    /// Plain RTP only.
    case off
    /// Offer SRTP, accept plain RTP.
    case optional
    /// Refuse plain RTP, both ways.
    case mandatory
}

public enum DTMFMethod: String, Sendable, Equatable, CaseIterable {
    /// RFC 4733 when negotiated, else SIP INFO.
    case auto
    case rfc4733
    case info
    case inband
}

/// `redundancy`: RFC 2198 redundant audio (red) with peers that offer or accept it.
public enum RedundancyMode: String, Sendable, Equatable, CaseIterable {
    /// Offer and accept red; copies of earlier frames go out only while the peer reports
    /// loss, so a clean path costs nothing.
    case auto
    /// Neither offer nor accept it.
    case off
}

/// One `[[account]]` table.
public struct AccountConfig: Sendable, Equatable {
    /// Unique; how commands name the account.
    public var name: String
    /// The address of record, e.g. sip:alice@example.com.
    public var uri: SIPURI
    /// Digest user name; the URI's user part when absent.
    public var username: String?
    public var password: PasswordSource?
    public var displayName: String?
    /// Where REGISTER goes; the URI's domain when absent.
    public var registrar: SIPURI?
    /// Every out-of-dialog request goes here first (a pre-loaded Route, RFC 3261 §8.1.2).
    public var outboundProxy: SIPURI?
    /// Forces a transport for registrar and proxy; RFC 3263 decides when absent.
    public var transport: SIPTransport?
    /// Register with the registrar. An account that does not is a local account: it calls
    /// `sip:user@host` directly and takes calls addressed to its own URI.
    public var register = true
    /// Registration lifetime asked for, in seconds.
    public var expires = 600
    public var srtp = SRTPPolicy.off
    public var codecs = ["opus", "g722", "pcmu", "pcma"]
    public var dtmf = DTMFMethod.auto
    public var redundancy = RedundancyMode.auto
    public var autoAnswer = false
    /// Seconds to ring before auto-answering.
    public var autoAnswerDelay = 0
    /// What to do when the peer transfers us (REFER): call the target at once, ask the
    /// user, or refuse.
    public var acceptTransfer = IncomingTransfer.Policy.ask
    /// Answer by itself when the caller asks for it (Call-Info answer-after, Alert-Info
    /// intercom) and no other call is going on.
    public var autoAnswerRequested = false
    /// Subscribe to voicemail indication (RFC 3842 message-summary) at the account's AOR.
    public var mwi = false
    /// What `voicemail` calls (a URI, number or user name); the notifier's
    /// Message-Account when absent.
    public var voicemail: String?
    /// Call forwarding targets (a URI, number or user name), each nil when off.
    public var forwarding = IncomingCallPolicy.Forwarding()
    // Per-account NAT overrides; `nil` takes the `[network]` value.
    public var stunServer: String?
    public var turnServer: String?
    public var turnUser: String?
    public var turnPassword: Secret?
    public var turnTransport: TURNTransportChoice?
    public var ice: Bool?

    public init(name: String, uri: SIPURI) {
        self.name = name
        self.uri = uri
    }

    /// The digest user name in effect.
    public var authUser: String { username ?? uri.user ?? name }
    /// True when no registrar is involved.
    public var isLocal: Bool { !register && registrar == nil }
}
