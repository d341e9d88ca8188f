extension SIPURI {
    /// URI comparison of RFC 3261 §19.1.4.
    ///
    /// Scheme must match; user and password compare case-sensitively after unescaping
    /// (an escaped reserved character such as `%3B` stays distinct from `;`);
    /// hosts ignore case; a port present in one and absent in the other is a mismatch;
    /// `user`, `ttl`, `method`, `maddr` and `transport` must match when present in
    /// either; other parameters are compared only when present in both; every header
    /// component must be present in both and match.
    public func isEquivalent(to other: SIPURI) -> Bool {
        let comparable: (String) -> [UInt8] = { Percent.comparable($0) }
        guard isSecure == other.isSecure,
              rawUser.map(comparable) == other.rawUser.map(comparable),
              rawPassword.map(comparable) == other.rawPassword.map(comparable),
              host.isEquivalent(to: other.host), port == other.port
        else { return false }

        let mine = SIPURI.normalized(parameters), theirs = SIPURI.normalized(other.parameters)
        for name in ["user", "ttl", "method", "maddr", "transport"] {
            let key = Array(name.utf8)
            if (mine[key] != nil) != (theirs[key] != nil) { return false }
        }
        for (name, value) in mine {
            if let otherValue = theirs[name], otherValue != value { return false }
        }

        guard headers.count == other.headers.count else { return false }
        let myHeaders = SIPURI.normalized(headers), theirHeaders = SIPURI.normalized(other.headers)
        return myHeaders == theirHeaders
    }

    /// Parameters by lower-cased decoded name; values decoded and lower-cased (the first
    /// occurrence of a name wins). A flag maps to no bytes.
    private static func normalized(_ params: [URIParameter]) -> [[UInt8]: [UInt8]] {
        var out: [[UInt8]: [UInt8]] = [:]
        for p in params {
            let key = Percent.comparable(p.name, folding: true)
            if out[key] == nil { out[key] = Percent.comparable(p.value ?? "", folding: true) }
        }
        return out
    }

    /// Headers as a multiset of (lower-cased decoded name, decoded value) pairs.
    private static func normalized(_ headers: [URIHeader]) -> [[UInt8]: [[UInt8]]] {
        var out: [[UInt8]: [[UInt8]]] = [:]
        for h in headers {
            out[Percent.comparable(h.name, folding: true), default: []].append(Percent.comparable(h.value))
        }
        return out.mapValues { $0.sorted { $0.lexicographicallyPrecedes($1) } }
    }
}
