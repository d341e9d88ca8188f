import SIPMessage

extension DigestClient {
    /// Reads a final response to `request`.
    ///
    /// - 401/407: answers every challenged realm the provider has credentials for, each
    ///   with its strongest supported challenge (SHA-256 over MD5, the first listed on a
    ///   tie) and best qop (`auth` if offered, `auth-int` only when it is the sole known
    ///   option, none when the challenge has no qop). Fails when a realm rejects our own
    ///   answer (the same nonce challenged again, or a challenge to the credentials we
    ///   built for an earlier challenge, without `stale=true`), when no realm can be
    ///   answered, or when nothing parses. `stale=true` retries with the new nonce.
    /// - 2xx: takes `nextnonce` from Authentication-Info; returns `.notAChallenge`.
    /// - anything else: `.notAChallenge`.
    public mutating func handle(_ response: SIPResponse, to request: SIPRequest) -> AuthOutcome {
        if (200..<300).contains(response.statusCode) {
            takeAuthenticationInfo(response, to: request)
            return .notAChallenge
        }
        guard let kind = AuthChallengeKind(statusCode: response.statusCode) else { return .notAChallenge }
        let read = AuthChallengeReader.read(response.headers, kind: kind)
        if read.digest.isEmpty {
            if let error = read.firstError, read.otherSchemes.isEmpty { return .failed(.malformedChallenge(error)) }
            return .failed(.noDigestChallenge(schemes: read.otherSchemes))
        }
        let sent = Self.sentCredentials(in: request, kind: kind)
        var plans: [Plan] = []
        var missing: [String] = []
        var unsupportedAlgorithms: [String] = []
        var unsupportedQop: [String] = []
        for realm in Self.realms(of: read.digest) where plans.count < Self.maxCachedRealms {
            let offered = read.digest.filter { $0.realm == realm }
            guard let best = Self.strongest(offered) else {
                for c in offered {
                    let algorithm = c.algorithm ?? .md5
                    if DigestComputation(algorithm: algorithm) == nil {
                        Self.appendOnce(algorithm.description, to: &unsupportedAlgorithms)
                    } else {
                        for q in c.qopOptions ?? [] { Self.appendOnce(q, to: &unsupportedQop) }
                    }
                }
                continue
            }
            guard let user = credentialsProvider(realm) else {
                missing.append(realm)
                continue
            }
            if let previous = sent[realm], rejects(best.challenge, previous: previous, kind: kind) {
                return .failed(.rejected(realm: realm))
            }
            var plan = best
            plan.replacesEarlierCredentials = sent[realm] != nil
            plan.user = user
            plans.append(plan)
        }
        if plans.isEmpty {
            if !missing.isEmpty { return .failed(.noCredentials(realms: missing)) }
            return .failed(.unsupported(algorithms: unsupportedAlgorithms, qopOptions: unsupportedQop))
        }
        return .retry(retry(request, kind: kind, plans: plans))
    }

    /// One realm's chosen challenge, algorithm and qop.
    struct Plan {
        var challenge: DigestChallenge
        var computation: DigestComputation
        var qop: DigestQop?
        /// The request already carried credentials for this realm.
        var replacesEarlierCredentials = false
        /// Looked up once per response; lives only while the retry is built.
        var user: SIPCredentials?
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

    /// `request` with this kind's credentials for the planned realms replaced.
    private mutating func retry(_ request: SIPRequest, kind: AuthChallengeKind, plans: [Plan]) -> SIPRequest {
        var out = request
        let realms = Set(plans.map(\.challenge.realm))
        for index in out.headers.indices.reversed() where out.headers[index].hasName(kind.credentialsHeader) {
            if case .digest(let d)? = try? AuthCredentials.parse(out.headers[index].value[...]), realms.contains(d.realm) {
                out.headers.remove(at: index)
            }
        }
        for plan in plans {
            let realm = plan.challenge.realm
            guard let user = plan.user else { continue }
            let index: Int
            if let found = cache.firstIndex(where: { $0.kind == kind && $0.realm == realm }) {
                cache[found].accept(plan.challenge, computation: plan.computation, qop: plan.qop)
                index = found
            } else {
                if cache.count >= Self.maxCachedRealms { cache.removeFirst() }
                cache.append(DigestCacheEntry(kind: kind, challenge: plan.challenge,
                                              computation: plan.computation, qop: plan.qop))
                index = cache.count - 1
            }
            let credentials = makeCredentials(entry: index, user: user, for: out)
            cache[index].recordAnswer(
                credentials, afterStale: plan.challenge.stale == true && plan.replacesEarlierCredentials)
            out.headers.append(name: kind.credentialsHeader, value: credentials.description)
        }
        return out
    }

    /// The cache keeps at most this many realms (oldest dropped), so a server inventing
    /// realms cannot grow it without bound.
    static let maxCachedRealms = 16

    /// Realms in the order first challenged.
    private static func realms(of challenges: [DigestChallenge]) -> [String] {
        var out: [String] = []
        for c in challenges where !out.contains(c.realm) { out.append(c.realm) }
        return out
    }

    /// The supported challenge with the strongest hash; the first listed on a tie (the
    /// server lists its preference first, RFC 7616 §3.7).
    static func strongest(_ challenges: [DigestChallenge]) -> Plan? {
        var best: (plan: Plan, rank: Int)?
        for c in challenges {
            let algorithm = c.algorithm ?? .md5
            guard let computation = DigestComputation(algorithm: algorithm),
                let qop = DigestQop.choose(from: c.qopOptions)
            else { continue }
            let rank = strength(algorithm)
            if best == nil || rank > best?.rank ?? 0 {
                best = (Plan(challenge: c, computation: computation, qop: qop), rank)
            }
        }
        return best?.plan
    }

    private static func strength(_ algorithm: DigestAlgorithm) -> Int {
        switch algorithm {
        case .sha256, .sha256Sess: 2
        default: 1
        }
    }

    private static func appendOnce(_ s: String, to list: inout [String]) {
        if !list.contains(s) { list.append(s) }
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
