/// One `a=` line. Attributes pipit acts on are typed; every other one is kept as sent, in
/// its place, so a description passes through unchanged apart from canonical spelling.
public enum SDPAttribute: Hashable, Sendable {
    case rtpmap(RTPMap)
    case fmtp(FormatParameters)
    /// `a=ptime:` in milliseconds.
    case ptime(UInt32)
    /// `a=maxptime:` in milliseconds.
    case maxptime(UInt32)
    case direction(Direction)
    case rtcp(RTCPAttribute)
    case rtcpMux
    case crypto(CryptoAttribute)
    case iceUfrag(String)
    case icePwd(String)
    case iceLite
    case iceOptions([String])
    case candidate(Candidate)
    case endOfCandidates
    case mid(String)
    case group(Group)
    /// Any other attribute: `a=<name>` (value nil) or `a=<name>:<value>`, bytes as sent.
    case other(name: String, value: String?)

    /// The attribute name as it is written after `a=`.
    public var name: String {
        switch self {
        case .rtpmap: "rtpmap"
        case .fmtp: "fmtp"
        case .ptime: "ptime"
        case .maxptime: "maxptime"
        case .direction(let d): d.rawValue
        case .rtcp: "rtcp"
        case .rtcpMux: "rtcp-mux"
        case .crypto: "crypto"
        case .iceUfrag: "ice-ufrag"
        case .icePwd: "ice-pwd"
        case .iceLite: "ice-lite"
        case .iceOptions: "ice-options"
        case .candidate: "candidate"
        case .endOfCandidates: "end-of-candidates"
        case .mid: "mid"
        case .group: "group"
        case .other(let name, _): name
        }
    }

    /// The text after `a=<name>:`; nil for flag attributes.
    public var value: String? {
        switch self {
        case .rtpmap(let m): m.value
        case .fmtp(let f): f.value
        case .ptime(let ms), .maxptime(let ms): String(ms)
        case .direction, .rtcpMux, .iceLite, .endOfCandidates: nil
        case .rtcp(let r): r.value
        case .crypto(let c): c.value
        case .iceUfrag(let s), .icePwd(let s), .mid(let s): s
        case .iceOptions(let tags): tags.joined(separator: " ")
        case .candidate(let c): c.value
        case .group(let g): g.value
        case .other(_, let value): value
        }
    }

    /// The line as serialized, without `a=` and the line end.
    public var text: String {
        guard let value else { return name }
        return "\(name):\(value)"
    }
}
