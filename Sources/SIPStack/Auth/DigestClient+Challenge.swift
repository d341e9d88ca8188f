import SIPMessage

extension DigestClient {
    /// Reads a final response to `request`.
    ///
    /// - 401/407: answers every challenged realm the provider has credentials for, each
    ///   with its strongest supported challenge (SHA-256 over MD5, the first listed on a
    ///   tie) and best qop (`auth` if offered, `auth-int` only when it is the sole known
    ///   option, none when the challenge has no qop). WWW-Authenticate is answered in
    ///   Authorization and Proxy-Authenticate in Proxy-Authorization, whatever the status:
    ///   a forking proxy merges its branches' 401s and 407s into one response carrying
    ///   both (RFC 3261 §16.7 step 7). Fails when a realm rejects our own answer (the same
    ///   nonce challenged again, or a challenge to the credentials built for an earlier
    ///   challenge, without `stale=true`), when no realm can be answered, or when nothing
    ///   parses. `stale=true` retries with the new nonce.
    /// - 2xx: takes `nextnonce` from Authentication-Info; returns `.notAChallenge`.
    /// - anything else: `.notAChallenge`.
    public mutating func handle(_ response: SIPResponse, to request: SIPRequest) -> AuthOutcome {
        if (200..<300).contains(response.statusCode) {
            takeAuthenticationInfo(response, to: request)
            return .notAChallenge
        }
        guard AuthChallengeKind(statusCode: response.statusCode) != nil else { return .notAChallenge }
        var plans: [Plan] = []
        var missing: [String] = []
        var unsupported = (algorithms: [String](), qop: [String]())
        var sawDigest = false
        var otherSchemes: [String] = []
        var firstError: SIPParseError?
        for kind in [AuthChallengeKind.server, .proxy] {
            let read = AuthChallengeReader.read(response.headers, kind: kind)
            otherSchemes += read.otherSchemes
            firstError = firstError ?? read.firstError
            guard !read.digest.isEmpty else { continue }
            sawDigest = true
            let sent = Self.sentCredentials(in: request, kind: kind)
            for realm in Self.realms(of: read.digest) where plans.count < Self.maxCachedRealms {
                let offered = read.digest.filter { $0.realm == realm }
                guard var plan = Self.strongest(offered, kind: kind) else {
                    Self.noteUnsupported(offered, in: &unsupported)
                    continue
                }
                guard let user = credentialsProvider(realm) else {
                    missing.append(realm)
                    continue
                }
                if let previous = sent[realm], rejects(plan.challenge, previous: previous, kind: kind) {
                    return .failed(.rejected(realm: realm))
                }
                plan.replacesEarlierCredentials = sent[realm] != nil
                plan.user = user
                plans.append(plan)
            }
        }
        if !sawDigest {
            if let firstError, otherSchemes.isEmpty { return .failed(.malformedChallenge(firstError)) }
            return .failed(.noDigestChallenge(schemes: otherSchemes))
        }
        if plans.isEmpty {
            if !missing.isEmpty { return .failed(.noCredentials(realms: missing)) }
            return .failed(.unsupported(algorithms: unsupported.algorithms, qopOptions: unsupported.qop))
        }
        return .retry(retry(request, plans: plans))
    }

    /// Whether a challenge answers credentials this client already built: the password
    /// is wrong. `stale=true` only says the nonce expired — unless it names the nonce we
    /// just used, or follows our answer to another stale challenge.
    private func rejects(_ challenge: DigestChallenge, previous: DigestCredentials, kind: AuthChallengeKind) -> Bool {
        if previous.nonce == challenge.nonce { return true }
        let entry = cache.first { $0.kind == kind && $0.realm == challenge.realm }
        guard let answer = entry?.answer(for: previous) else { return false }
        return challenge.stale != true || answer.afterStale
    }

    /// `request` with its credentials for the planned realms replaced; credentials for
    /// other realms (a proxy answered earlier) stay.
    private mutating func retry(_ request: SIPRequest, plans: [Plan]) -> SIPRequest {
        var out = request
        for kind in [AuthChallengeKind.server, .proxy] {
            let realms = Set(plans.filter { $0.kind == kind }.map(\.challenge.realm))
            guard !realms.isEmpty else { continue }
            for index in out.headers.indices.reversed() where out.headers[index].hasName(kind.credentialsHeader) {
                if case .digest(let d)? = try? AuthCredentials.parse(out.headers[index].value[...]), realms.contains(d.realm) {
                    out.headers.remove(at: index)
                }
            }
        }
        for plan in plans {
            guard let user = plan.user else { continue }
            let index = cacheIndex(for: plan)
            let credentials = makeCredentials(entry: index, user: user, for: out)
            cache[index].recordAnswer(
                credentials, afterStale: plan.challenge.stale == true && plan.replacesEarlierCredentials)
            out.headers.append(name: plan.kind.credentialsHeader, value: credentials.description)
        }
        return out
    }

    /// The cache entry for the plan's realm, updated to its challenge or added (dropping
    /// the oldest entry when full).
    private mutating func cacheIndex(for plan: Plan) -> Int {
        if let found = cache.firstIndex(where: { $0.kind == plan.kind && $0.realm == plan.challenge.realm }) {
            cache[found].accept(plan.challenge, computation: plan.computation, qop: plan.qop)
            return found
        }
        if cache.count >= Self.maxCachedRealms { cache.removeFirst() }
        cache.append(DigestCacheEntry(kind: plan.kind, challenge: plan.challenge,
                                      computation: plan.computation, qop: plan.qop))
        return cache.count - 1
    }

    /// A 2xx's `nextnonce` (RFC 3261 §20.6) replaces the nonce cached for the realm the
    /// request answered, when that request used the cached nonce and answered one realm.
    private mutating func takeAuthenticationInfo(_ response: SIPResponse, to request: SIPRequest) {
        guard let value = response.headers.first("Authentication-Info"),
            let next = AuthenticationInfo.parse(value)?.nextNonce, !next.isEmpty
        else { return }
        let sent = Self.sentCredentials(in: request, kind: .server)
        guard sent.count == 1, let (realm, credentials) = sent.first,
            let index = cache.firstIndex(where: { $0.kind == .server && $0.realm == realm }),
            cache[index].challenge.nonce == credentials.nonce
        else { return }
        cache[index].takeNextNonce(next)
    }
}
