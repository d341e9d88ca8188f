import SIPMessage
@testable import SIPStack

/// A seeded generator (SplitMix64) so client nonces repeat from run to run.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    var state: UInt64
    init(seed: UInt64 = 42) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum AuthFixture {
    static let password = "Zebra-Horse-93!"
    static let alice = SIPCredentials(username: "alice", password: password)

    /// A client with credentials for `realms` only.
    static func client(realms: Set<String> = ["pipit.test"], password: String = password) -> DigestClient {
        DigestClient(credentials: { realm in
            realms.contains(realm) ? SIPCredentials(username: "alice", password: password) : nil
        }, random: SeededGenerator())
    }

    static func register(uri: String = "sip:pipit.test", body: [UInt8] = []) -> SIPRequest {
        SIPRequest(method: .register, requestURI: uri, headers: SIPHeaders([
            ("Via", "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1;rport"),
            ("From", "<sip:alice@pipit.test>;tag=a1"), ("To", "<sip:alice@pipit.test>"),
            ("Call-ID", "reg-1@127.0.0.1"), ("CSeq", "1 REGISTER"), ("Max-Forwards", "70"),
            ("Contact", "<sip:alice@127.0.0.1:5070>"),
        ]), body: body)
    }

    static func invite(uri: String = "sip:bob@pipit.test", body: [UInt8] = []) -> SIPRequest {
        SIPRequest(method: .invite, requestURI: uri, headers: SIPHeaders([
            ("Via", "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-2"),
            ("From", "<sip:alice@pipit.test>;tag=a2"), ("To", "<sip:bob@pipit.test>"),
            ("Call-ID", "call-1@127.0.0.1"), ("CSeq", "1 INVITE"), ("Max-Forwards", "70"),
            ("Content-Type", "application/sdp"),
        ]), body: body)
    }

    /// A 401 (or 407) with one challenge header per entry.
    static func challenge(_ status: Int = 401, _ challenges: [String]) -> SIPResponse {
        let name = status == 407 ? "Proxy-Authenticate" : "WWW-Authenticate"
        var headers = SIPHeaders([("Via", "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1"), ("CSeq", "1 REGISTER")])
        for c in challenges { headers.append(name: name, value: c) }
        return SIPResponse(statusCode: status, reasonPhrase: status == 407 ? "Proxy Authentication Required" : "Unauthorized",
                           headers: headers)
    }

    /// The Digest credentials in `header` of `request`.
    static func credentials(_ request: SIPRequest, _ header: String = "Authorization") -> [DigestCredentials] {
        request.headers.fields(named: header).compactMap {
            if case .digest(let d)? = try? AuthCredentials.parse($0.value[...]) { return d }
            return nil
        }
    }

    /// What a registrar does: recompute the response from the password (independently
    /// of the client's state) and compare.
    static func verify(_ c: DigestCredentials, request: SIPRequest, password: String = password,
                       username: String = "alice") -> Bool {
        guard let computation = DigestComputation(algorithm: c.algorithm ?? .md5) else { return false }
        let qop = c.qop.flatMap(DigestQop.init(token:))
        let ha1 = computation.ha1(username: username, realm: c.realm, password: password, nonce: c.nonce, cnonce: c.cnonce)
        let ha2 = computation.ha2(method: request.method.rawValue, uri: c.uri, qop: qop, body: request.body)
        let expected = computation.response(ha1: ha1, nonce: c.nonce, nonceCount: c.nonceCount ?? 0,
                                            cnonce: c.cnonce ?? "", qop: qop, ha2: ha2)
        return expected == c.response && c.uri == request.requestURI
    }

    /// The request of a `.retry`, or nil.
    static func retried(_ outcome: AuthOutcome) -> SIPRequest? {
        if case .retry(let r) = outcome { return r }
        return nil
    }
}
