import SIPMessage

/// Why server location found nowhere to send a request.
public enum ServerLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URI asks for a transport we do not offer (or one a SIPS URI forbids, such as UDP).
    case unsupportedTransport(SIPTransport)
    /// The SRV records say the service is not offered at this domain (target ".").
    case serviceUnavailable(domain: String)
    /// DNS gave no usable address; `cause` is the first lookup error, if any.
    case noTargets(domain: String, cause: DNSError?)

    public var description: String {
        switch self {
        case .unsupportedTransport(let t): "transport \(t) is not supported for this URI"
        case .serviceUnavailable(let domain): "SIP service explicitly unavailable at \(domain)"
        case .noTargets(let domain, let cause): "no SIP server found for \(domain)" + (cause.map { ": \($0)" } ?? "")
        }
    }
}
