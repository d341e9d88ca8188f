import SIPMessage

extension DigestClient {
    /// One realm's chosen challenge, algorithm and qop.
    struct Plan {
        var kind: AuthChallengeKind
        var challenge: DigestChallenge
        var computation: DigestComputation
        var qop: DigestQop?
        /// The request already carried credentials for this realm.
        var replacesEarlierCredentials = false
        /// Looked up once per response; lives only while the retry is built.
        var user: SIPCredentials?
    }

    /// The cache keeps at most this many realms (oldest dropped), and one retry answers
    /// at most this many, so a server inventing realms cannot grow either without bound.
    static let maxCachedRealms = 16

    /// Realms in the order first challenged.
    static func realms(of challenges: [DigestChallenge]) -> [String] {
        var out: [String] = []
        for c in challenges where !out.contains(c.realm) { out.append(c.realm) }
        return out
    }

    /// The supported challenge with the strongest hash; the first listed on a tie (the
    /// server lists its preference first, RFC 7616 §3.7).
    static func strongest(_ challenges: [DigestChallenge], kind: AuthChallengeKind) -> Plan? {
        var best: (plan: Plan, rank: Int)?
        for c in challenges {
            let algorithm = c.algorithm ?? .md5
            guard let computation = DigestComputation(algorithm: algorithm),
                let qop = DigestQop.choose(from: c.qopOptions)
            else { continue }
            let rank = strength(algorithm)
            if best == nil || rank > best?.rank ?? 0 {
                best = (Plan(kind: kind, challenge: c, computation: computation, qop: qop), rank)
            }
        }
        return best?.plan
    }

    /// What made every challenge of a realm unusable, for the failure message.
    static func noteUnsupported(_ challenges: [DigestChallenge], in list: inout (algorithms: [String], qop: [String])) {
        for c in challenges {
            let algorithm = c.algorithm ?? .md5
            if DigestComputation(algorithm: algorithm) == nil {
                if !list.algorithms.contains(algorithm.description) { list.algorithms.append(algorithm.description) }
            } else {
                for q in c.qopOptions ?? [] where !list.qop.contains(q) { list.qop.append(q) }
            }
        }
    }

    private static func strength(_ algorithm: DigestAlgorithm) -> Int {
        switch algorithm {
        case .sha512_256, .sha512_256Sess: 3
        case .sha256, .sha256Sess: 2
        default: 1
        }
    }
}
