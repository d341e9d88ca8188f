import Testing
import TestLab
@testable import NAT

/// STUN and TURN against the real coturn on 127.0.0.1 (`--allow-loopback-peers`), with
/// real non-blocking sockets standing in for the media engine.
@Suite(.timeLimit(.minutes(1)))
struct TURNCoturnTests {
    func server(_ coturn: Coturn) throws -> TransportAddress {
        try #require(TransportAddress(host: "127.0.0.1", port: UInt16(coturn.port)))
    }

    @Test func bindingRequestLearnsOurAddress() async throws {
        try await Lab.run { lab in
            let coturn = try await lab.startCoturn()
            let socket = try UDPTestSocket()
            var client = STUNBindingClient(software: "pipit-test")
            var result: STUNBindingClient.Output?
            for output in client.start(now: .now) { if case .send(let b) = output { socket.send(b, to: try server(coturn)) } }
            let deadline = ContinuousClock.now + .seconds(3)
            while result == nil, ContinuousClock.now < deadline {
                if let datagram = socket.receive(milliseconds: 50) { result = client.receive(datagram.bytes, now: .now) }
                for output in client.tick(now: .now) { if case .send(let b) = output { socket.send(b, to: try server(coturn)) } }
            }
            #expect(result == .succeeded(mapped: socket.localAddress))
        }
    }

    @Test func wrongPasswordIsRefusedReadably() async throws {
        try await Lab.run { lab in
            let coturn = try await lab.startCoturn()
            let link = try TURNLink(server: try server(coturn), transport: .udp, username: coturn.user, password: "wrong")
            let outcome = try link.run(link.turn.start(now: link.now)) { if case .failed = $0 { true } else { false } }
            let failure = TURNFailure.wrongCredentials(username: coturn.user, realm: coturn.realm)
            #expect(outcome == .failed(failure))
            #expect("\(failure)" == "TURN allocation refused: wrong credentials (user lab, realm lab.test)")
        }
    }

    /// Allocate, Send/Data indications, ChannelData both ways, refresh, deallocate.
    @Test func relaysOverUDP() async throws {
        try await Lab.run { lab in
            let coturn = try await lab.startCoturn()
            let link = try TURNLink(server: try server(coturn), transport: .udp, username: coturn.user, password: coturn.password)
            try await relay(through: link, coturn: coturn)
        }
    }

    /// The same over TCP to the server, through the stream framer.
    @Test func relaysOverTCP() async throws {
        try await Lab.run { lab in
            let coturn = try await lab.startCoturn()
            let link = try TURNLink(server: try server(coturn), transport: .tcp, username: coturn.user, password: coturn.password)
            try await relay(through: link, coturn: coturn)
        }
    }

    private func relay(through link: TURNLink, coturn: Coturn) async throws {
        let allocated = try link.run(link.turn.start(now: link.now)) { if case .allocated = $0 { true } else if case .failed = $0 { true } else { false } }
        guard case .allocated(let relayed, let mapped, let lifetime) = try #require(allocated, "no answer: \(coturn.log())") else {
            Issue.record("allocation failed: \(String(describing: allocated))")
            return
        }
        #expect(relayed.host == "127.0.0.1" && relayed.port != 0)
        if let udp = link.udp { #expect(mapped == udp.localAddress) }
        #expect(lifetime > .zero)

        // Permission, then a Send indication to the peer and a Data indication back.
        let peer = try UDPTestSocket()
        let permitted = try link.run(link.turn.permit(peer.localAddress, now: link.now)) {
            if case .permissionCreated = $0 { true } else if case .peerFailed = $0 { true } else { false }
        }
        #expect(permitted == .permissionCreated(peer.localAddress.with(port: 0)))
        #expect(link.sendMedia([1, 2, 3, 4, 5], to: peer.localAddress))
        let atPeer = try #require(peer.receive(milliseconds: 2000))
        #expect(atPeer.bytes == [1, 2, 3, 4, 5] && atPeer.from == relayed)
        peer.send([9, 9, 9], to: relayed)
        let back = try #require(try link.receiveMedia())
        #expect(back.peer == peer.localAddress && back.payload == [9, 9, 9])

        // A channel, then ChannelData both ways.
        let bound = try link.run(link.turn.bindChannel(peer.localAddress, now: link.now)) {
            if case .channelBound = $0 { true } else if case .peerFailed = $0 { true } else { false }
        }
        #expect(bound == .channelBound(peer: peer.localAddress, channel: 0x4000))
        #expect(link.sendMedia([7, 7, 7, 7, 7, 7, 7], to: peer.localAddress))
        #expect(peer.receive(milliseconds: 2000)?.bytes == [7, 7, 7, 7, 7, 7, 7])
        peer.send([5, 6], to: relayed)
        let viaChannel = try #require(try link.receiveMedia())
        #expect(viaChannel.peer == peer.localAddress && viaChannel.payload == [5, 6])

        // Refresh: jump the clock to the refresh time; the server answers each request.
        link.clockOffset = lifetime - .seconds(30)
        let refreshes = link.turn.tick(now: link.now)
        #expect(refreshes.count == 3)  // allocation, permission, channel
        _ = try link.run(refreshes, seconds: 1) { _ in false }
        guard case .allocated(_, _, let expires) = link.turn.state else { Issue.record("lost the allocation: \(link.turn.state)"); return }
        #expect(expires > link.now + lifetime - .seconds(5))

        // Deallocate: the relay stops.
        let closed = try link.run(link.turn.close(now: link.now)) { $0 == .closed }
        #expect(closed == .closed)
        #expect(link.turn.state == .closed)
        #expect(!link.sendMedia([1], to: peer.localAddress))
    }
}
