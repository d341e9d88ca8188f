/// A whole SDP body (RFC 8866). Parse with `parse(_:)`, write with `serialized()`; a
/// serialized description parses back to an equal value.
public struct SessionDescription: Hashable, Sendable {
    /// `v=`; always 0 today.
    public var protocolVersion: UInt32
    public var origin: Origin
    /// `s=`; `-` is what most stacks send when they have nothing to say.
    public var sessionName: String
    public var information: String?
    public var uri: String?
    public var emails: [String]
    public var phones: [String]
    public var connection: Connection?
    public var bandwidths: [Bandwidth]
    /// At least one: a description without `t=` is read as `t=0 0`.
    public var timings: [Timing]
    /// `z=` as sent.
    public var timeZones: String?
    public var encryptionKey: String?
    public var attributes: [SDPAttribute]
    public var media: [MediaDescription]

    public init(
        protocolVersion: UInt32 = 0, origin: Origin, sessionName: String = "-",
        information: String? = nil, uri: String? = nil, emails: [String] = [], phones: [String] = [],
        connection: Connection? = nil, bandwidths: [Bandwidth] = [], timings: [Timing] = [.unbounded],
        timeZones: String? = nil, encryptionKey: String? = nil, attributes: [SDPAttribute] = [],
        media: [MediaDescription] = []
    ) {
        self.protocolVersion = protocolVersion
        self.origin = origin
        self.sessionName = sessionName
        self.information = information
        self.uri = uri
        self.emails = emails
        self.phones = phones
        self.connection = connection
        self.bandwidths = bandwidths
        self.timings = timings
        self.timeZones = timeZones
        self.encryptionKey = encryptionKey
        self.attributes = attributes
        self.media = media
    }
}

extension SessionDescription {
    /// The session-level direction attribute, if any.
    public var direction: Direction? {
        for case .direction(let d) in attributes { return d }
        return nil
    }

    /// What the writer of this description means for `media`: its own direction attribute,
    /// else the session-level one, else `sendrecv` (RFC 8866 §6.7).
    public func effectiveDirection(for media: MediaDescription) -> Direction {
        media.direction ?? direction ?? .sendrecv
    }

    /// Where `media` is sent: its own `c=`, else the session-level one.
    public func connection(for media: MediaDescription) -> Connection? {
        media.connection ?? connection
    }

    public var groups: [Group] {
        attributes.compactMap { if case .group(let g) = $0 { g } else { nil } }
    }

    public var isICELite: Bool { attributes.contains(.iceLite) }

    /// ICE credentials for `media`: media level over session level.
    public func iceCredentials(for media: MediaDescription) -> (ufrag: String, pwd: String)? {
        func find(_ attrs: [SDPAttribute]) -> (String?, String?) {
            var u: String? = nil, p: String? = nil
            for a in attrs {
                if case .iceUfrag(let v) = a, u == nil { u = v }
                if case .icePwd(let v) = a, p == nil { p = v }
            }
            return (u, p)
        }
        let m = find(media.attributes), s = find(attributes)
        guard let u = m.0 ?? s.0, let p = m.1 ?? s.1 else { return nil }
        return (u, p)
    }
}
