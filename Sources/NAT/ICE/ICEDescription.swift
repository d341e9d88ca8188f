import SDP

/// The ICE part of one media stream's SDP (RFC 8839): credentials, lite and options,
/// candidates, and (from a controlling agent's updated offer) the remote candidates it
/// selected.
public struct ICEDescription: Hashable, Sendable {
    /// One entry of `a=remote-candidates` (RFC 8839 §5.2).
    public struct RemoteCandidate: Hashable, Sendable {
        public var component: Int
        public var address: TransportAddress
        public init(component: Int, address: TransportAddress) {
            self.component = component
            self.address = address
        }
    }

    public var ufrag: String
    public var pwd: String
    public var lite: Bool
    public var options: [String]
    public var candidates: [ICECandidate]
    public var remoteCandidates: [RemoteCandidate]
    public var endOfCandidates: Bool

    public init(
        ufrag: String, pwd: String, lite: Bool = false, options: [String] = [], candidates: [ICECandidate] = [],
        remoteCandidates: [RemoteCandidate] = [], endOfCandidates: Bool = false
    ) {
        self.ufrag = ufrag
        self.pwd = pwd
        self.lite = lite
        self.options = options
        self.candidates = candidates
        self.remoteCandidates = remoteCandidates
        self.endOfCandidates = endOfCandidates
    }

    /// This agent's description: its credentials and signalled candidates.
    public init(agent: ICEAgent) {
        self.init(ufrag: agent.localCredentials.ufrag, pwd: agent.localCredentials.pwd,
                  candidates: agent.signalledCandidates, endOfCandidates: true)
    }

    /// Reads a media section; `ice-ufrag`, `ice-pwd`, `ice-lite` and `ice-options` at
    /// session level apply when the media level has none (RFC 8839 §5.4, §5.3). Nil when
    /// the stream has no valid credentials (the peer does not do ICE).
    public init?(media: MediaDescription, session: SessionDescription) {
        func first(_ pick: (SDPAttribute) -> String?) -> String? {
            media.attributes.lazy.compactMap(pick).first ?? session.attributes.lazy.compactMap(pick).first
        }
        guard let ufrag = first({ if case .iceUfrag(let u) = $0 { u } else { nil } }),
              let pwd = first({ if case .icePwd(let p) = $0 { p } else { nil } }),
              ICECredentials.isValid(ufrag, minimumLength: 4), ICECredentials.isValid(pwd, minimumLength: 22)
        else { return nil }
        let lite = session.attributes.contains(.iceLite) || media.attributes.contains(.iceLite)
        func options(_ attributes: [SDPAttribute]) -> [String]? {
            for case .iceOptions(let tags) in attributes { return tags }
            return nil
        }
        let options = options(media.attributes) ?? options(session.attributes) ?? []
        let remote = media.attributeValues(named: "remote-candidates").compactMap { $0 }.flatMap(Self.parseRemoteCandidates)
        self.init(ufrag: ufrag, pwd: pwd, lite: lite, options: options,
                  candidates: media.candidates.compactMap(ICECandidate.init),
                  remoteCandidates: remote, endOfCandidates: media.attributes.contains(.endOfCandidates))
    }

    /// Writes the ICE attributes into a media section, replacing any there, and points its
    /// `c=` and port at `defaultCandidate` when given (RFC 8839 §4.2.1.2). `rtcp`: the
    /// RTCP component's default address, written as `a=rtcp` (RFC 3605) when the section
    /// carries component 2's candidates.
    public func apply(to media: inout MediaDescription, defaultCandidate: ICECandidate? = nil, rtcp: TransportAddress? = nil) {
        media.attributes.removeAll {
            switch $0 {
            case .iceUfrag, .icePwd, .iceLite, .iceOptions, .candidate, .endOfCandidates: true
            case .rtcp: rtcp != nil
            case .other(let name, _): name.lowercased() == "remote-candidates"
            default: false
            }
        }
        media.attributes.append(.iceUfrag(ufrag))
        media.attributes.append(.icePwd(pwd))
        if lite { media.attributes.append(.iceLite) }
        if !options.isEmpty { media.attributes.append(.iceOptions(options)) }
        for candidate in candidates { media.attributes.append(.candidate(candidate.sdpCandidate)) }
        if !remoteCandidates.isEmpty {
            let value = remoteCandidates.map { "\($0.component) \($0.address.host) \($0.address.port)" }.joined(separator: " ")
            media.attributes.append(.other(name: "remote-candidates", value: value))
        }
        if endOfCandidates { media.attributes.append(.endOfCandidates) }
        if let rtcp {
            media.attributes.append(.rtcp(RTCPAttribute(port: rtcp.port, networkType: "IN",
                                                        addressType: rtcp.family == .ipv6 ? .ip6 : .ip4, address: rtcp.host)))
        }
        if let d = defaultCandidate {
            media.port = d.address.port
            media.connections = [Connection(addressType: d.address.family == .ipv6 ? .ip6 : .ip4, address: d.address.host)]
        }
    }

    /// The same description with component 1's candidates only (rtcp-mux agreed).
    public var rtpOnly: ICEDescription {
        var copy = self
        copy.candidates.removeAll { $0.component != 1 }
        copy.remoteCandidates.removeAll { $0.component != 1 }
        return copy
    }

    /// `<component> <address> <port>` triples; malformed triples end the list.
    static func parseRemoteCandidates(_ value: String) -> [RemoteCandidate] {
        let fields = value.split(separator: " ", omittingEmptySubsequences: true)
        var result: [RemoteCandidate] = []
        var i = 0
        while i + 2 < fields.count, result.count < 64 {
            guard let component = Int(fields[i]), (1...256).contains(component), let port = UInt16(fields[i + 2]),
                  let address = TransportAddress(host: String(fields[i + 1]), port: port) else { break }
            result.append(RemoteCandidate(component: component, address: address))
            i += 3
        }
        return result
    }
}
