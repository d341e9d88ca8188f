import SIPMessage

/// The Digest authentication state of one account (RFC 3261 §22, RFC 7616, RFC 8760).
///
/// A value type: the owner (the account's registration or call code, on the signalling
/// loop) keeps it and calls, for every request it sends:
/// 1. `authorize(&request)` — adds cached credentials pre-emptively;
/// 2. `handle(response, to: request)` for every final response — on a 401/407 it says
///    `.retry(request)` (give it a new CSeq and branch, then send it) or `.failed(reason)`;
///    on a 2xx it picks up `nextnonce`.
///
/// Credentials are looked up per realm through the provider each time they are needed;
/// the client keeps no password. The cache holds, per realm and challenge kind, the
/// nonce, opaque, algorithm, qop and nonce count. Client nonces come from the injected
/// generator, so runs with a seeded generator are repeatable.
public struct DigestClient: Sendable {
    let credentialsProvider: SIPCredentialsProvider
    private var random: any RandomNumberGenerator & Sendable
    /// In the order realms were first challenged, so headers come out in a stable order.
    var cache: [DigestCacheEntry] = []

    /// - Parameters:
    ///   - credentials: the user name and password for a realm, or nil.
    ///   - random: the source of client nonces (a system generator in production, a
    ///     seeded one in tests).
    public init(credentials: @escaping SIPCredentialsProvider,
                random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()) {
        self.credentialsProvider = credentials
        self.random = random
    }

    /// The realms with cached challenges, in the order first seen.
    public var cachedRealms: [String] { cache.map(\.realm) }

    /// The last nonce count used for `realm`, nil when the realm is not cached.
    public func nonceCount(realm: String, kind: AuthChallengeKind) -> UInt32? {
        cache.first { $0.kind == kind && $0.realm == realm }?.nonceCount
    }

    /// Forgets every cached challenge (e.g. after the account's password changed).
    public mutating func reset() { cache.removeAll() }

    /// Adds Authorization / Proxy-Authorization for every cached realm whose protection
    /// domain covers the Request-URI and that the request does not already answer, with
    /// the next nonce count for the cached nonce. ACK and CANCEL are left alone: they
    /// cannot be challenged, and an ACK for a 2xx copies the INVITE's credentials
    /// (RFC 3261 §22.1).
    public mutating func authorize(_ request: inout SIPRequest) {
        guard request.method != .ack && request.method != .cancel else { return }
        for index in cache.indices where cache[index].covers(requestURI: request.requestURI) {
            let kind = cache[index].kind
            let realm = cache[index].realm
            guard !Self.sentCredentials(in: request, kind: kind).keys.contains(realm),
                let user = credentialsProvider(realm)
            else { continue }
            let credentials = makeCredentials(entry: index, user: user, for: request)
            request.headers.append(name: kind.credentialsHeader, value: credentials.description)
        }
    }

    /// The Digest credentials of `kind` in `request`, by realm (the first per realm).
    static func sentCredentials(in request: SIPRequest, kind: AuthChallengeKind) -> [String: DigestCredentials] {
        var out: [String: DigestCredentials] = [:]
        for field in request.headers.fields(named: kind.credentialsHeader) {
            guard case .digest(let d)? = try? AuthCredentials.parse(field.value[...]) else { continue }
            if out[d.realm] == nil { out[d.realm] = d }
        }
        return out
    }

    /// Credentials for cache entry `index`'s nonce with its next nonce count, bumping
    /// the count.
    mutating func makeCredentials(entry index: Int, user: SIPCredentials, for request: SIPRequest) -> DigestCredentials {
        var entry = cache[index]
        defer { cache[index] = entry }
        let c = entry.computation
        let challenge = entry.challenge
        entry.nonceCount &+= 1
        if entry.nonceCount == 0 { entry.nonceCount = 1 }  // never send nc=00000000
        let cnonce: String
        if challenge.algorithm?.isSession == true {
            let bound = entry.sessionCnonce ?? newCnonce()
            entry.sessionCnonce = bound
            cnonce = bound
        } else {
            cnonce = newCnonce()
        }
        let method = request.method.rawValue
        let uri = request.requestURI
        let ha1 = c.ha1(username: user.username, realm: challenge.realm, password: user.password,
                        nonce: challenge.nonce, cnonce: cnonce)
        let ha2 = c.ha2(method: method, uri: uri, qop: entry.qop, body: request.body)
        let response = c.response(ha1: ha1, nonce: challenge.nonce, nonceCount: entry.nonceCount,
                                  cnonce: cnonce, qop: entry.qop, ha2: ha2)
        let hashed = challenge.userhash == true
        return DigestCredentials(
            username: hashed ? c.userhash(username: user.username, realm: challenge.realm) : user.username,
            realm: challenge.realm, nonce: challenge.nonce, uri: uri, response: response,
            algorithm: challenge.algorithm,
            cnonce: entry.qop != nil || challenge.algorithm?.isSession == true ? cnonce : nil,
            opaque: challenge.opaque, qop: entry.qop?.rawValue,
            nonceCount: entry.qop != nil ? entry.nonceCount : nil,
            userhash: hashed ? true : nil)
    }

    /// 128 random bits as 32 hex digits.
    private mutating func newCnonce() -> String {
        let a = random.next(), b = random.next()
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return hex(a) + hex(b)
    }
}
