/// A TURN client (RFC 8656) for one allocation, as a pure state machine. The owner (the
/// media thread) holds the socket to the server: it sends every `Output.send`, passes
/// datagrams (or `TURNStreamFramer` frames over TCP) first to `unwrap` — relayed media,
/// no allocation — and the rest to `receive`, and calls `tick` at `nextDeadline`.
///
///     idle ─start─▶ allocating ─401 (realm, nonce)─▶ allocating (with credentials)
///                       │  ├─438─▶ same request, new nonce
///                       │  └─error / 401 again / timeout─▶ failed(reason)
///                       └─success─▶ allocated(relayed, mapped, expires)
///     allocated: Refresh before expiry; CreatePermission per peer IP (every 240 s);
///                ChannelBind per peer (every 540 s); ─close─▶ closing ─▶ closed
public struct TURNClient: Sendable {
    public enum State: Equatable, Sendable {
        case idle
        case allocating
        case allocated(relayed: TransportAddress, mapped: TransportAddress?, expires: ContinuousClock.Instant)
        /// Deallocating (Refresh with LIFETIME 0 sent).
        case closing
        case failed(TURNFailure)
        case closed
    }

    public enum Output: Equatable, Sendable {
        /// Bytes for the server (a whole datagram, or a chunk of the TCP stream).
        case send([UInt8])
        case allocated(relayed: TransportAddress, mapped: TransportAddress?, lifetime: Duration)
        /// A permission for this peer IP (port 0) is installed or refreshed.
        case permissionCreated(TransportAddress)
        case channelBound(peer: TransportAddress, channel: UInt16)
        /// The allocation failed or was lost; the state is `.failed`.
        case failed(TURNFailure)
        /// A permission or channel for one peer could not be made; the allocation stands.
        case peerFailed(TransportAddress, TURNFailure)
        /// Deallocated (or given up on deallocating).
        case closed
    }

    public let server: TransportAddress
    public let transport: STUNTransport
    public let username: String
    let password: String
    let software: String?
    let rto: Duration
    let relayFamily: TransportAddress.Family

    public internal(set) var state: State = .idle
    var realm: String?
    var nonce: String?
    var key: [UInt8]?
    /// What the server offered in PASSWORD-ALGORITHMS and what we chose (RFC 8489 §9.2.4);
    /// both are echoed in every authenticated request. Nil for servers that offer none.
    var passwordAlgorithms: (offered: [STUNPasswordAlgorithm], chosen: STUNPasswordAlgorithm)?
    var pending: [Pending] = []
    var allocationRefreshAt: ContinuousClock.Instant?
    /// Per peer IP (port 0): when to refresh the permission.
    var permissions: [TransportAddress: ContinuousClock.Instant] = [:]
    var channels: [TransportAddress: Channel] = [:]
    var channelPeers: [UInt16: TransportAddress] = [:]
    var nextChannel: UInt16 = 0x4000

    static let permissionRefresh: Duration = .seconds(240)
    static let channelRefresh: Duration = .seconds(540)
    static let maxStaleNonceRetries = 3

    struct Channel: Sendable {
        var number: UInt16
        var bound = false
        var refreshAt: ContinuousClock.Instant?
    }

    struct Pending: Sendable {
        enum Kind: Sendable, Equatable {
            case allocate, refresh(lifetime: UInt32), permission(TransportAddress), channelBind(TransportAddress, UInt16)
        }
        var kind: Kind
        var method: STUNMethod
        var attributes: [STUNAttribute]
        var transaction: STUNClientTransaction
        var authenticated: Bool
        var staleRetries = 0
    }

    /// - Parameters:
    ///   - server: the TURN server's address (resolved by the owner).
    ///   - relayFamily: the relayed address's family (REQUESTED-ADDRESS-FAMILY when IPv6).
    ///   - rto: first retransmission interval over UDP (RFC 8489 default 500 ms).
    public init(server: TransportAddress, transport: STUNTransport = .udp, username: String, password: String,
                software: String? = nil, relayFamily: TransportAddress.Family = .ipv4, rto: Duration = .milliseconds(500)) {
        self.server = server
        self.transport = transport
        self.username = username
        self.password = password
        self.software = software
        self.rto = rto
        self.relayFamily = relayFamily
    }

    /// The relayed transport address, once allocated.
    public var relayedAddress: TransportAddress? {
        if case .allocated(let relayed, _, _) = state { relayed } else { nil }
    }

    /// When `tick` has something to do next.
    public var nextDeadline: ContinuousClock.Instant? {
        var next = pending.compactMap(\.transaction.deadline).min()
        func consider(_ t: ContinuousClock.Instant?) { if let t, next.map({ t < $0 }) ?? true { next = t } }
        guard case .allocated = state else { return next }
        consider(allocationRefreshAt)
        for (_, at) in permissions { consider(at) }
        for (_, channel) in channels { consider(channel.refreshAt) }
        return next
    }

    /// Sends the first Allocate (without credentials: the server answers 401 with its
    /// realm and nonce).
    public mutating func start(now: ContinuousClock.Instant) -> [Output] {
        guard state == .idle else { return [] }
        state = .allocating
        var attributes: [STUNAttribute] = [.requestedTransport(17), .lifetime(600)]
        if relayFamily == .ipv6 { attributes.append(.requestedAddressFamily(TransportAddress.Family.ipv6.rawValue)) }
        if let software { attributes.append(.software(software)) }
        return [.send(send(.allocate, method: .allocate, attributes: attributes, now: now))]
    }

    /// Asks for a permission for `peer`'s IP (the port is ignored), unless one exists.
    public mutating func permit(_ peer: TransportAddress, now: ContinuousClock.Instant) -> [Output] {
        let ip = peer.with(port: 0)
        guard case .allocated = state, permissions[ip] == nil,
              !pending.contains(where: { $0.kind == .permission(ip) }) else { return [] }
        permissions[ip] = now + Self.permissionRefresh
        return [.send(send(.permission(ip), method: .createPermission, attributes: [.xorPeerAddress(ip)], now: now))]
    }

    /// Binds a channel to `peer` (and so a permission for its IP), unless one exists.
    /// Media to the peer goes as ChannelData once `.channelBound` is reported.
    public mutating func bindChannel(_ peer: TransportAddress, now: ContinuousClock.Instant) -> [Output] {
        guard case .allocated = state, channels[peer] == nil else { return [] }
        guard let number = freeChannelNumber() else { return [.peerFailed(peer, .noChannelsLeft)] }
        channels[peer] = Channel(number: number)
        channelPeers[number] = peer
        permissions[peer.with(port: 0)] = now + Self.permissionRefresh
        return [.send(send(.channelBind(peer, number), method: .channelBind,
                           attributes: [.channelNumber(number), .xorPeerAddress(peer)], now: now))]
    }

    /// Deallocates: Refresh with LIFETIME 0. Reports `.closed` on the answer or timeout.
    public mutating func close(now: ContinuousClock.Instant) -> [Output] {
        switch state {
        case .allocated:
            pending.removeAll()
            state = .closing
            return [.send(send(.refresh(lifetime: 0), method: .refresh, attributes: [.lifetime(0)], now: now))]
        case .idle, .allocating, .failed:
            pending.removeAll()
            state = .closed
            return [.closed]
        case .closing, .closed:
            return []
        }
    }

    private mutating func freeChannelNumber() -> UInt16? {
        for _ in 0..<0x1000 {
            let candidate = nextChannel
            nextChannel = nextChannel >= 0x4fff ? 0x4000 : nextChannel + 1
            if channelPeers[candidate] == nil { return candidate }
        }
        return nil
    }

    /// Builds, records and starts a request; returns its bytes.
    mutating func send(_ kind: Pending.Kind, method: STUNMethod, attributes: [STUNAttribute], now: ContinuousClock.Instant,
                       staleRetries: Int = 0) -> [UInt8] {
        var message = STUNMessage(method: method, class: .request, attributes: attributes)
        var integrity: [STUNIntegrity] = []
        if let key, let realm, let nonce {
            message.attributes += [.username(username), .realm(realm), .nonce(nonce)]
            integrity = [.sha1(key: key)]
            if let (offered, chosen) = passwordAlgorithms {
                // A server that offers PASSWORD-ALGORITHMS speaks RFC 8489: add the SHA-256 HMAC too.
                message.attributes += [.passwordAlgorithms(offered), .passwordAlgorithm(chosen)]
                integrity.append(.sha256(key: key))
            }
        }
        var transaction = STUNClientTransaction(request: message.encoded(integrity: integrity, fingerprint: true),
                                                id: message.transactionID, transport: transport, rto: rto)
        let bytes = transaction.start(now: now)
        pending.append(Pending(kind: kind, method: method, attributes: attributes, transaction: transaction,
                               authenticated: !integrity.isEmpty, staleRetries: staleRetries))
        return bytes
    }
}
