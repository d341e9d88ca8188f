import Testing
@testable import NAT

/// The TURN client against a scripted server, in memory, on a virtual clock.
@Suite(.timeLimit(.minutes(1)))
struct TURNClientTests {
    let t0 = ContinuousClock.now
    let server = TransportAddress(host: "192.0.2.10", port: 3478)!
    let relayed = TransportAddress(host: "192.0.2.10", port: 50_000)!
    let mapped = TransportAddress(host: "203.0.113.5", port: 40_000)!
    let peer = TransportAddress(host: "198.51.100.7", port: 6000)!
    let key = STUNCredentials.longTermKey(username: "alice", realm: "example.org", password: "secret")

    func client() -> TURNClient { TURNClient(server: server, username: "alice", password: "secret", software: "pipit") }

    /// The one request among `outputs`.
    func sent(_ outputs: [TURNClient.Output]) throws -> (message: STUNMessage, bytes: [UInt8]) {
        let sends = outputs.compactMap { if case .send(let b) = $0 { b } else { nil } }
        let bytes = try #require(sends.count == 1 ? sends.first : nil, "expected one send in \(outputs)")
        return (try STUNMessage(parsing: bytes), bytes)
    }

    func answer(_ request: STUNMessage, _ attributes: [STUNAttribute], signed: Bool = true) -> [UInt8] {
        STUNMessage(method: request.method, class: .successResponse, transactionID: request.transactionID, attributes: attributes)
            .encoded(integrity: signed ? [.sha1(key: key)] : [])
    }

    func refuse(_ request: STUNMessage, _ code: Int, _ reason: String, _ extra: [STUNAttribute] = []) -> [UInt8] {
        STUNMessage(method: request.method, class: .errorResponse, transactionID: request.transactionID,
                    attributes: [.errorCode(code: code, reason: reason)] + extra).encoded()
    }

    /// Runs the 401 challenge and a successful Allocate.
    func allocated() throws -> TURNClient {
        var turn = client()
        let first = try sent(turn.start(now: t0))
        let second = try sent(turn.receive(refuse(first.message, 401, "Unauthorized", [.realm("example.org"), .nonce("n1")]), now: t0))
        #expect(turn.receive(answer(second.message, [.xorRelayedAddress(relayed), .xorMappedAddress(mapped), .lifetime(600)]), now: t0)
            == [.allocated(relayed: relayed, mapped: mapped, lifetime: .seconds(600))])
        return turn
    }

    @Test func allocatesAfterTheChallenge() throws {
        var turn = client()
        let first = try sent(turn.start(now: t0))
        #expect(first.message.method == .allocate)
        #expect(first.message.attributes.contains(.requestedTransport(17)))
        #expect(STUNIntegrity.check(first.bytes, key: key) == .absent)
        #expect(turn.state == .allocating)

        let second = try sent(turn.receive(refuse(first.message, 401, "Unauthorized", [.realm("example.org"), .nonce("n1")]), now: t0))
        #expect(second.message.transactionID != first.message.transactionID)
        #expect(second.message.attributes.contains(.username("alice")))
        #expect(second.message.realm == "example.org" && second.message.nonce == "n1")
        #expect(STUNIntegrity.check(second.bytes, key: key) == .valid)

        // An unsigned (forged) success is ignored; the signed one allocates.
        #expect(turn.receive(answer(second.message, [.xorRelayedAddress(relayed)], signed: false), now: t0).isEmpty)
        let outputs = turn.receive(answer(second.message, [.xorRelayedAddress(relayed), .xorMappedAddress(mapped), .lifetime(300)]), now: t0)
        #expect(outputs == [.allocated(relayed: relayed, mapped: mapped, lifetime: .seconds(300))])
        #expect(turn.state == .allocated(relayed: relayed, mapped: mapped, expires: t0 + .seconds(300)))
        #expect(turn.nextDeadline == t0 + .seconds(240))
    }

    @Test func staleNonceRetriesWithTheNewNonce() throws {
        var turn = try allocated()
        let refresh = try sent(turn.tick(now: t0 + .seconds(540)))
        #expect(refresh.message.method == .refresh && refresh.message.nonce == "n1")
        let retry = try sent(turn.receive(refuse(refresh.message, 438, "Stale Nonce", [.realm("example.org"), .nonce("n2")]), now: t0))
        #expect(retry.message.nonce == "n2" && retry.message.method == .refresh)
        #expect(STUNIntegrity.check(retry.bytes, key: key) == .valid)
        #expect(turn.receive(answer(retry.message, [.lifetime(600)]), now: t0 + .seconds(541)).isEmpty)
        #expect(turn.nextDeadline == t0 + .seconds(541 + 540))
    }

    /// An RFC 8489 server offering SHA-256 in PASSWORD-ALGORITHMS gets a SHA-256 key, both
    /// algorithm attributes echoed, and MESSAGE-INTEGRITY-SHA256 as well.
    @Test func passwordAlgorithmSHA256() throws {
        var turn = TURNClient(server: server, username: "alice", password: "secret", relayFamily: .ipv6)
        let first = try sent(turn.start(now: t0))
        #expect(first.message.attributes.contains(.requestedAddressFamily(2)))
        let offered: [STUNPasswordAlgorithm] = [STUNPasswordAlgorithm(algorithm: 7), .sha256, .md5]
        let second = try sent(turn.receive(refuse(first.message, 401, "Unauthorized",
                                                  [.realm("example.org"), .nonce("obMatJos2AAAB"), .passwordAlgorithms(offered)]), now: t0))
        #expect(second.message.attributes.contains(.passwordAlgorithms(offered)))
        #expect(second.message.attributes.contains(.passwordAlgorithm(.sha256)))
        let sha256Key = STUNCredentials.longTermKey(username: "alice", realm: "example.org", password: "secret", algorithm: .sha256)
        #expect(second.message.attributes.contains { if case .messageIntegritySHA256 = $0 { true } else { false } })
        #expect(STUNIntegrity.check(second.bytes, key: sha256Key) == .valid)
        #expect(STUNIntegrity.check(second.bytes, key: key) == .invalid)
    }

    @Test func refreshTiming() {
        #expect(TURNClient.refreshDelay(600) == .seconds(540))
        #expect(TURNClient.refreshDelay(60) == .seconds(30))
        #expect(TURNClient.refreshDelay(0) == .seconds(5))  // a hostile LIFETIME 0 cannot cause a storm
    }

    @Test func staleNonceLoopEnds() throws {
        var turn = try allocated()
        var request = try sent(turn.tick(now: t0 + .seconds(540)))
        for retry in 1...3 {
            request = try sent(turn.receive(refuse(request.message, 438, "Stale Nonce", [.nonce("s\(retry)")]), now: t0))
            #expect(request.message.nonce == "s\(retry)")
        }
        #expect(turn.receive(refuse(request.message, 438, "Stale Nonce", [.nonce("s4")]), now: t0) == [.failed(.staleNonceLoop)])
    }

    @Test func staleNonceWhileClosingStillDeallocates() throws {
        var turn = try allocated()
        let refresh = try sent(turn.close(now: t0))
        let retry = try sent(turn.receive(refuse(refresh.message, 438, "Stale Nonce", [.nonce("n9")]), now: t0))
        #expect(retry.message.attributes.first == .lifetime(0) && retry.message.nonce == "n9")
        #expect(turn.receive(refuse(retry.message, 437, "Allocation Mismatch"), now: t0) == [.closed])
        #expect(turn.state == .closed)
    }

    @Test func wrongPasswordIsAReadableFailure() throws {
        var turn = client()
        let first = try sent(turn.start(now: t0))
        let second = try sent(turn.receive(refuse(first.message, 401, "Unauthorized", [.realm("example.org"), .nonce("n1")]), now: t0))
        let outputs = turn.receive(refuse(second.message, 401, "Unauthorized", [.realm("example.org"), .nonce("n3")]), now: t0)
        let failure = TURNFailure.wrongCredentials(username: "alice", realm: "example.org")
        #expect(outputs == [.failed(failure)])
        #expect(turn.state == .failed(failure))
        #expect(failure.description == "TURN allocation refused: wrong credentials (user alice, realm example.org)")
        #expect(!failure.description.contains("secret"))
    }

    @Test func errorCodesBecomeTypedFailures() throws {
        let cases: [(Int, TURNFailure, String)] = [
            (403, .forbidden(reason: "Forbidden"), "TURN server forbids the request (403 Forbidden)"),
            (437, .allocationMismatch, "TURN allocation mismatch (437): the server lost or already has this allocation"),
            (486, .quotaReached, "TURN allocation refused: quota reached for this user (486)"),
            (508, .insufficientCapacity, "TURN server is out of capacity (508)"),
            (442, .unsupportedTransport, "TURN server does not relay UDP (442)"),
            (500, .errorResponse(code: 500, reason: "Forbidden"), "TURN request refused: 500 Forbidden"),
        ]
        for (code, failure, text) in cases {
            var turn = client()
            let first = try sent(turn.start(now: t0))
            #expect(turn.receive(refuse(first.message, code, "Forbidden"), now: t0) == [.failed(failure)])
            #expect(failure.description == text)
        }
    }

    @Test func allocateTimesOut() throws {
        var turn = client()
        _ = turn.start(now: t0)
        var outputs: [TURNClient.Output] = []
        while let due = turn.nextDeadline { outputs += turn.tick(now: due) }
        #expect(outputs.filter { if case .send = $0 { true } else { false } }.count == 6)
        #expect(outputs.last == .failed(.timeout(method: .allocate)))
        #expect(TURNFailure.timeout(method: .allocate).description == "TURN server did not answer (Allocate timed out)")
    }

    @Test func permissionsAndChannelsAreRefreshed() throws {
        var turn = try allocated()
        let permission = try sent(turn.permit(peer, now: t0))
        #expect(permission.message.method == .createPermission)
        #expect(permission.message.attributes.first == .xorPeerAddress(peer.with(port: 0)))
        #expect(turn.permit(peer.with(port: 9), now: t0).isEmpty)  // same IP: already asked
        #expect(turn.receive(answer(permission.message, []), now: t0) == [.permissionCreated(peer.with(port: 0))])

        let bind = try sent(turn.bindChannel(peer, now: t0))
        #expect(bind.message.attributes.prefix(2) == [.channelNumber(0x4000), .xorPeerAddress(peer)])
        #expect(turn.receive(answer(bind.message, []), now: t0) == [.channelBound(peer: peer, channel: 0x4000)])
        #expect(turn.channel(for: peer) == 0x4000)

        // At 240 s the permission is refreshed; at 540 s the allocation, the channel and
        // (480 s being past) the permission again.
        let at240 = try sent(turn.tick(now: t0 + .seconds(240)))
        #expect(at240.message.method == .createPermission)
        _ = turn.receive(answer(at240.message, []), now: t0 + .seconds(240))
        let at540 = turn.tick(now: t0 + .seconds(540))
        let methods = try at540.map { output -> STUNMethod in
            guard case .send(let bytes) = output else { throw TURNFailure.noChannelsLeft }
            return try STUNMessage(parsing: bytes).method
        }
        #expect(Set(methods.map(\.rawValue)) == Set([STUNMethod.refresh, .channelBind, .createPermission].map(\.rawValue)))
        #expect(methods.count == 3)
        #expect(turn.tick(now: t0 + .seconds(540) + .milliseconds(100)).isEmpty)  // nothing twice while in flight
    }

    @Test func peerFailureKeepsTheAllocation() throws {
        var turn = try allocated()
        let permission = try sent(turn.permit(peer, now: t0))
        #expect(turn.receive(refuse(permission.message, 403, "Forbidden IP"), now: t0)
            == [.peerFailed(peer.with(port: 0), .forbidden(reason: "Forbidden IP"))])
        #expect(turn.relayedAddress == relayed)
    }

    @Test func closeDeallocates() throws {
        var turn = try allocated()
        let refresh = try sent(turn.close(now: t0))
        #expect(refresh.message.method == .refresh && refresh.message.attributes.first == .lifetime(0))
        #expect(turn.state == .closing)
        #expect(turn.receive(answer(refresh.message, [.lifetime(0)]), now: t0) == [.closed])
        #expect(turn.state == .closed)
        #expect(turn.nextDeadline == nil)
    }
}
