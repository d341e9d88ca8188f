/// Looks up DNS records; `ServerLocator` depends only on this, so it can run on a fake.
public protocol DNSResolving: Sendable {
    /// The records of `type` for `name`, CNAMEs followed. Empty when the name exists but has
    /// none of that type; throws `DNSError.nameNotFound` when the name does not exist.
    func resolve(_ name: String, _ type: DNSRecordType) async throws -> [DNSRecord]
}
