import SIPMessage

/// Turns the URI a request goes to (its first Route, else its Request-URI) into ordered
/// next hops (RFC 3263). The DNS-backed `ServerLocator` is the real one; tests may give a
/// fixed list.
public protocol TargetResolving: Sendable {
    func targets(for uri: SIPURI) async throws -> [SIPTarget]
}

/// Resolves only numeric hosts (RFC 3263 §4.2: no DNS needed): for tests and for local
/// accounts that dial `sip:user@192.0.2.1`.
public struct NumericTargetResolver: TargetResolving {
    public init() {}

    public func targets(for uri: SIPURI) async throws -> [SIPTarget] {
        let transport = uri.transport ?? (uri.isSecure ? .tls : .udp)
        let port = uri.port ?? (transport == .tls ? 5061 : 5060)
        switch uri.maddr ?? uri.host {
        case .ipv4(let address): return [SIPTarget(transport: transport, address: address.description, port: port)]
        case .ipv6(let address): return [SIPTarget(transport: transport, address: address.description, port: port)]
        case .domain(let name): throw StackError.noTargets("\(name) needs DNS")
        }
    }
}
