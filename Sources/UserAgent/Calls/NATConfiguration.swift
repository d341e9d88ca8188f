#if canImport(Glibc)
import Glibc
#endif
import Media
import NAT

/// A call's NAT traversal settings: the account's overrides over `[network]`, with the
/// servers' names resolved.
enum NATConfiguration {
    /// Nil when ICE is off and no server is set: calls then work as before (latching).
    /// A server name that does not resolve is left out and said in `problems`.
    static func settings(account: AccountConfig, network: NetworkSettings) -> (settings: NATSettings?, problems: [String]) {
        var problems: [String] = []
        let ice = account.ice ?? network.ice
        let stunText = account.stunServer ?? network.stunServer
        let turnText = account.turnServer ?? network.turnServer
        guard ice || stunText != nil || turnText != nil else { return (nil, []) }
        var settings = NATSettings(ice: ice)
        if let stunText {
            settings.stunServer = resolve(stunText, defaultPort: 3478)
            if settings.stunServer == nil { problems.append("cannot resolve the STUN server \(stunText)") }
        }
        if let turnText {
            let transport = account.turnTransport ?? network.turnTransport
            // RFC 8656 §3.1: TURN over TLS listens on 5349 unless told otherwise.
            settings.turnServer = resolve(turnText, defaultPort: transport == .tls ? 5349 : 3478)
            if settings.turnServer == nil { problems.append("cannot resolve the TURN server \(turnText)") }
            settings.turnUser = account.turnUser ?? network.turnUser
            settings.turnPassword = (account.turnPassword ?? network.turnPassword)?.value
            settings.turnTransport = transport == .udp ? .udp : .tcp
            if transport == .tls, let (host, _) = split(turnText, defaultPort: 5349) {
                settings.turnTLS = TURNTLSSettings(serverName: String(host), caFile: network.tlsCAFile)
                if let problem = settings.prepareTLS() { problems.append(problem) }
            }
        }
        return (settings, problems)
    }

    /// "host", "host:port", "[v6]:port" → the host (no brackets) and the port; nil for a
    /// port that is not a number.
    static func split(_ text: String, defaultPort: UInt16) -> (host: Substring, port: UInt16)? {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let after = text[text.index(after: close)...]
            let port = after.hasPrefix(":") ? UInt16(after.dropFirst()) : defaultPort
            return port.map { (text[text.index(after: text.startIndex)..<close], $0) }
        }
        if let colon = text.lastIndex(of: ":"), text.firstIndex(of: ":") == colon {
            return UInt16(text[text.index(after: colon)...]).map { (text[..<colon], $0) }
        }
        return (Substring(text), defaultPort)
    }

    /// "host", "host:port", "[v6]:port" → an address (the first IPv4 one a name resolves
    /// to, else the first IPv6); nil when it does not resolve.
    static func resolve(_ text: String, defaultPort: UInt16) -> TransportAddress? {
        guard let (host, port) = split(text, defaultPort: defaultPort) else { return nil }
        if let numeric = TransportAddress(host: String(host), port: port) { return numeric }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(String(host), nil, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(list) }
        var found: [TransportAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ai_next }
            if let raw = entry.pointee.ai_addr, let address = TransportAddress(sockaddr: raw, port: port) { found.append(address) }
        }
        return found.first { $0.family == .ipv4 } ?? found.first
    }
}
