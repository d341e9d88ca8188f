/// The question of a query: a name and a type (class IN).
public struct DNSQuestion: Sendable, Hashable, CustomStringConvertible {
    /// Lower-cased, without the trailing dot.
    public var name: String
    public var type: DNSRecordType

    public init(name: String, type: DNSRecordType) {
        self.name = DNSName.normalized(name)
        self.type = type
    }

    public var description: String { "\(name) \(type)" }
}
