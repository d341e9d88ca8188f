/// `a=group:<semantics> <mid>…` (RFC 5888), e.g. `BUNDLE 0 1` (RFC 9143) or `LS a b`.
public struct Group: Hashable, Sendable {
    public var semantics: String
    public var ids: [String]

    public init(semantics: String, ids: [String]) {
        self.semantics = semantics
        self.ids = ids
    }

    var value: String { ([semantics] + ids).joined(separator: " ") }
}
