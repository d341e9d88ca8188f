import SIPMessage

/// Turns the URI a request goes to (its first Route, else its Request-URI) into ordered
/// next hops (RFC 3263). The DNS-backed `ServerLocator` is the real one; tests may give a
/// fixed list.
public protocol TargetResolving: Sendable {
    func targets(for uri: SIPURI) async throws -> [SIPTarget]
}
