import SIPMessage

/// What a `DigestClient` remembers about one realm: the challenge it last accepted
/// (nonce, opaque, domain, userhash), the algorithm and qop chosen, and the last nonce
/// count used with that nonce. It never holds the password.
struct DigestCacheEntry: Sendable {
    var kind: AuthChallengeKind
    var challenge: DigestChallenge
    var computation: DigestComputation
    var qop: DigestQop?
    /// The last `nc` sent with `challenge.nonce`; 0 before the first.
    var nonceCount: UInt32 = 0
    /// For -sess algorithms: the cnonce H(A1) was bound to on the first request with
    /// this nonce (RFC 2617 §3.2.2.2); later requests reuse it.
    var sessionCnonce: String?
    /// The (nonce, nc) pairs sent in answer to a challenge, newest last, at most
    /// `maxAnswers`: a challenge to one of these means the password is wrong.
    var answers: [Answer] = []

    struct Answer: Sendable, Hashable {
        var nonce: String
        var nonceCount: UInt32?
        /// Made for a `stale=true` challenge: a second stale in a row is a rejection,
        /// so a server that always says stale cannot make us loop.
        var afterStale: Bool
        /// `nonceCount` right after the answer was built. Without qop there is no `nc`
        /// on the wire, so a pre-emptive reuse of the nonce looks like the answer; a
        /// count that moved on since tells them apart.
        var usesOfNonce: UInt32
    }

    static let maxAnswers = 8

    var realm: String { challenge.realm }

    init(kind: AuthChallengeKind, challenge: DigestChallenge, computation: DigestComputation, qop: DigestQop?) {
        self.kind = kind
        self.challenge = challenge
        self.computation = computation
        self.qop = qop
    }

    /// Takes a new challenge for this realm; a new nonce restarts the count.
    mutating func accept(_ new: DigestChallenge, computation: DigestComputation, qop: DigestQop?) {
        if new.nonce != challenge.nonce || computation != self.computation {
            nonceCount = 0
            sessionCnonce = nil
        }
        challenge = new
        self.computation = computation
        self.qop = qop
    }

    /// A server's `nextnonce`: the next request uses it from nc=1.
    mutating func takeNextNonce(_ nonce: String) {
        guard nonce != challenge.nonce else { return }
        challenge.nonce = nonce
        challenge.stale = nil
        nonceCount = 0
        sessionCnonce = nil
    }

    mutating func recordAnswer(_ credentials: DigestCredentials, afterStale: Bool) {
        answers.append(Answer(nonce: credentials.nonce, nonceCount: credentials.nonceCount, afterStale: afterStale,
                              usesOfNonce: nonceCount))
        if answers.count > Self.maxAnswers { answers.removeFirst(answers.count - Self.maxAnswers) }
    }

    /// The record of `credentials` if they were built in answer to a challenge.
    func answer(for credentials: DigestCredentials) -> Answer? {
        guard let answer = answers.last(where: { $0.nonce == credentials.nonce && $0.nonceCount == credentials.nonceCount })
        else { return nil }
        if credentials.nonceCount == nil, challenge.nonce == answer.nonce, nonceCount != answer.usesOfNonce { return nil }
        return answer
    }

    /// Whether pre-emptive credentials apply to `requestURI`: always without `domain=`;
    /// with it, when a listed URI is a prefix of the Request-URI or names the same host
    /// (RFC 7616 §3.3 protection space).
    func covers(requestURI: String) -> Bool {
        guard let domain = challenge.domain else { return true }
        let entries = domain.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if entries.isEmpty { return true }
        let target = requestURI.lowercased()
        let targetHost = try? SIPURI.parse(requestURI[...]).host
        return entries.contains { entry in
            if target.hasPrefix(entry.lowercased()) { return true }
            guard let targetHost, let host = try? SIPURI.parse(entry).host else { return false }
            return host == targetHost
        }
    }
}
