extension SIPURI {
    /// URI comparison of RFC 3261 §19.1.4.
    ///
    /// Scheme must match; user and password compare case-sensitively after unescaping;
    /// hosts ignore case; a port present in one and absent in the other is a mismatch;
    /// `user`, `ttl`, `method`, `maddr` and `transport` must match when present in
    /// either; other parameters are compared only when present in both; every header
    /// component must be present in both and match.
    public func isEquivalent(to other: SIPURI) -> Bool {
        guard isSecure == other.isSecure, user == other.user, password == other.password,
              host.isEquivalent(to: other.host), port == other.port
        else { return false }

        let mine = SIPURI.normalized(parameters), theirs = SIPURI.normalized(other.parameters)
        for name in ["user", "ttl", "method", "maddr", "transport"] where (mine[name] != nil) != (theirs[name] != nil) {
            return false
        }
        for (name, value) in mine {
            if let otherValue = theirs[name], otherValue != value { return false }
        }

        guard headers.count == other.headers.count else { return false }
        let myHeaders = SIPURI.normalized(headers), theirHeaders = SIPURI.normalized(other.headers)
        return myHeaders == theirHeaders
    }

    /// Parameters by lower-cased decoded name; values decoded and lower-cased (the first
    /// occurrence of a name wins). A flag maps to an empty string.
    private static func normalized(_ params: [URIParameter]) -> [String: String] {
        var out: [String: String] = [:]
        for p in params {
            let key = ValueChars.lower(Percent.decodeLenient(p.name))
            if out[key] == nil { out[key] = ValueChars.lower(p.decodedValue ?? "") }
        }
        return out
    }

    /// Headers as a multiset of (lower-cased decoded name, decoded value) pairs.
    private static func normalized(_ headers: [URIHeader]) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for h in headers { out[ValueChars.lower(h.decodedName), default: []].append(h.decodedValue) }
        return out.mapValues { $0.sorted() }
    }
}
