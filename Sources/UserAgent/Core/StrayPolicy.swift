import SIPMessage

/// Who may start things here (calls, messages) without a dialog. Scanners probe every
/// public SIP port and ring phones at night: by default only the registrar or outbound
/// proxy of a registered account, or a request addressed to a local account's own URI,
/// gets through; everything else is answered 403 and logged once per source. Pure.
public struct StrayPolicy: Sendable, Equatable {
    /// A local account's own address: its user (nil: any) at one of its hosts.
    public struct LocalAddress: Sendable, Hashable {
        public var user: String?
        public var hosts: Set<String>
        public init(user: String?, hosts: Set<String>) {
            self.user = user
            self.hosts = Set(hosts.map(StrayPolicy.normalize))
        }
    }

    /// Numeric addresses of the registrars and proxies of registered accounts.
    public var trustedSources: Set<String> = []
    /// The URIs local accounts answer on (user and host as configured, plus our own
    /// listening addresses).
    public var localAccounts: [LocalAddress] = []
    /// Off: everyone may call (`general.strict_inbound = false`).
    public var strict = true

    public init(strict: Bool = true) { self.strict = strict }

    /// Whether an out-of-dialog request from `source` for `requestURI` is let in.
    public func admits(requestURI: URI?, sourceAddress: String) -> Bool {
        guard strict else { return true }
        if trustedSources.contains(Self.normalize(sourceAddress)) { return true }
        guard case .sip(let uri)? = requestURI else { return false }
        let host = Self.normalize(uri.host.description)
        return localAccounts.contains { account in
            (account.user == nil || account.user == uri.user) && account.hosts.contains(host)
        }
    }

    static func normalize(_ address: String) -> String {
        var a = address.lowercased()
        if a.hasPrefix("["), a.hasSuffix("]") { a = String(a.dropFirst().dropLast()) }
        return a
    }
}

/// Remembers which sources were already logged as refused, so a scanner hammering the
/// port makes one log line, not thousands. Bounded.
struct StrayLog {
    private var seen: Set<String> = []
    private let limit = 1024

    /// True the first time `source` is seen.
    mutating func firstTime(_ source: String) -> Bool {
        if seen.contains(source) { return false }
        if seen.count >= limit { seen.removeAll() }
        seen.insert(source)
        return true
    }
}
