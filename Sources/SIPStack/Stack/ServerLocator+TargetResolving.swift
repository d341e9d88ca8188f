import SIPMessage

/// The stack resolves next hops with RFC 3263 server location.
extension ServerLocator: TargetResolving {
    public func targets(for uri: SIPURI) async throws -> [SIPTarget] {
        try await locate(uri)
    }
}
