import SDP

extension ICECandidate {
    /// From an `a=candidate` line: UDP candidates with a numeric address of a known type;
    /// nil for anything else (TCP, FQDN addresses, unknown types), which RFC 8839 §5.1
    /// lets an agent ignore. The base is not signalled: it is set to the address.
    public init?(_ candidate: SDP.Candidate) {
        guard candidate.transport.uppercased() == "UDP",
              let kind = Kind(rawValue: candidate.type.rawValue),
              let address = TransportAddress(host: candidate.address, port: candidate.port),
              (1...256).contains(Int(candidate.component)) else { return nil }
        var related: TransportAddress?
        if let host = candidate.relatedAddress, let port = candidate.relatedPort {
            related = TransportAddress(host: host, port: port)
        }
        self.init(kind: kind, component: Int(candidate.component), address: address, base: nil,
                  relatedAddress: related, foundation: candidate.foundation, priority: candidate.priority)
    }

    /// As an `a=candidate` line. Related addresses go out as sent; RFC 8839 allows
    /// `0.0.0.0 0` for privacy, which the owner can substitute.
    public var sdpCandidate: SDP.Candidate {
        SDP.Candidate(
            foundation: foundation, component: UInt16(clamping: component), transport: "UDP", priority: priority,
            address: address.host, port: address.port, type: CandidateType(rawValue: kind.rawValue),
            relatedAddress: relatedAddress?.host, relatedPort: relatedAddress?.port)
    }
}
