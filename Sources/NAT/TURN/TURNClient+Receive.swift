extension TURNClient {
    /// A message from the server that `unwrap` did not take: responses to our requests.
    /// Anything else (unknown transaction, not STUN, failed integrity) is ignored.
    public mutating func receive(_ bytes: UnsafeRawBufferPointer, now: ContinuousClock.Instant) -> [Output] {
        guard let message = try? STUNMessage(parsing: bytes),
              message.messageClass == .successResponse || message.messageClass == .errorResponse,
              let index = pending.firstIndex(where: { $0.transaction.id == message.transactionID }) else { return [] }
        let request = pending[index]
        if message.messageClass == .successResponse {
            // A success to an authenticated request must prove the server knows the key (§9.2.5).
            if request.authenticated, let key, STUNIntegrity.check(bytes, key: key) != .valid { return [] }
            pending.remove(at: index)
            return succeeded(request, message, now: now)
        }
        pending.remove(at: index)
        return refused(request, message, now: now)
    }

    public mutating func receive(_ bytes: [UInt8], now: ContinuousClock.Instant) -> [Output] {
        bytes.withUnsafeBytes { receive($0, now: now) }
    }

    private mutating func succeeded(_ request: Pending, _ message: STUNMessage, now: ContinuousClock.Instant) -> [Output] {
        let lifetime = message.first { if case .lifetime(let s) = $0 { s } else { nil } }
        switch request.kind {
        case .allocate:
            guard state == .allocating else { return [] }
            guard let relayed = message.first({ if case .xorRelayedAddress(let a) = $0 { a } else { nil } }) else {
                return fail(.malformedResponse("Allocate success without XOR-RELAYED-ADDRESS"))
            }
            let mapped = message.xorMappedAddress
            let seconds = lifetime ?? 600
            state = .allocated(relayed: relayed, mapped: mapped, expires: now + .seconds(seconds))
            allocationRefreshAt = now + Self.refreshDelay(seconds)
            return [.allocated(relayed: relayed, mapped: mapped, lifetime: .seconds(seconds))]
        case .refresh(let requested):
            if requested == 0 || state == .closing {
                state = .closed
                return [.closed]
            }
            guard case .allocated(let relayed, let mapped, _) = state else { return [] }
            let seconds = lifetime ?? requested
            state = .allocated(relayed: relayed, mapped: mapped, expires: now + .seconds(seconds))
            allocationRefreshAt = now + Self.refreshDelay(seconds)
            return []
        case .permission(let ip):
            guard permissions[ip] != nil else { return [] }
            permissions[ip] = now + Self.permissionRefresh
            return [.permissionCreated(ip)]
        case .channelBind(let peer, let number):
            guard var channel = channels[peer], channel.number == number else { return [] }
            let wasBound = channel.bound
            channel.bound = true
            channel.refreshAt = now + Self.channelRefresh
            channels[peer] = channel
            return wasBound ? [] : [.channelBound(peer: peer, channel: number)]
        }
    }

    private mutating func refused(_ request: Pending, _ message: STUNMessage, now: ContinuousClock.Instant) -> [Output] {
        let (code, reason) = message.errorCode ?? (0, "no ERROR-CODE")
        // 401 to a request without credentials: the challenge. Learn realm and nonce, retry.
        if code == 401, !request.authenticated, let realm = message.realm, let nonce = message.nonce {
            adopt(realm: realm, nonce: nonce, message)
            return [.send(send(request.kind, method: request.method, attributes: request.attributes, now: now))]
        }
        if code == 438, let nonce = message.nonce, request.staleRetries < Self.maxStaleNonceRetries {
            adopt(realm: message.realm ?? realm ?? "", nonce: nonce, message)
            return [.send(send(request.kind, method: request.method, attributes: request.attributes, now: now,
                               staleRetries: request.staleRetries + 1))]
        }
        return failed(request, TURNFailure.from(code: code, reason: reason, message: message, username: username, realm: realm))
    }

    /// Takes the server's realm and nonce and derives the long-term key: MD5, or the first
    /// algorithm we support from the server's PASSWORD-ALGORITHMS (RFC 8489 §9.2.4).
    private mutating func adopt(realm: String, nonce: String, _ message: STUNMessage) {
        self.realm = realm
        self.nonce = nonce
        if let offered = message.first({ if case .passwordAlgorithms(let list) = $0 { list } else { nil } }),
           let chosen = offered.first(where: { $0 == .md5 || $0 == .sha256 }) {
            passwordAlgorithms = (offered, chosen)
        }
        key = STUNCredentials.longTermKey(username: username, realm: realm, password: password,
                                          algorithm: passwordAlgorithms?.chosen ?? .md5)
    }

    /// Reports a failed request: the allocation's own requests end it; a peer's only that peer.
    mutating func failed(_ request: Pending, _ failure: TURNFailure) -> [Output] {
        switch request.kind {
        case .allocate, .refresh:
            if state == .closing {
                state = .closed
                return [.closed]
            }
            return fail(failure)
        case .permission(let ip):
            permissions[ip] = nil
            return [.peerFailed(ip, failure)]
        case .channelBind(let peer, let number):
            channels[peer] = nil
            channelPeers[number] = nil
            return [.peerFailed(peer, failure)]
        }
    }

    mutating func fail(_ failure: TURNFailure) -> [Output] {
        state = .failed(failure)
        pending.removeAll()
        permissions.removeAll()
        channels.removeAll()
        channelPeers.removeAll()
        allocationRefreshAt = nil
        return [.failed(failure)]
    }

    /// Refresh a minute before expiry, or at half the lifetime when that is short; never
    /// sooner than 5 s, so a server answering LIFETIME 0 cannot drive a request storm.
    static func refreshDelay(_ seconds: UInt32) -> Duration {
        let lifetime = Int64(seconds)
        return .seconds(max(lifetime - 60, lifetime / 2, 5))
    }
}
