import Testing
@testable import NAT

@Suite(.timeLimit(.minutes(1)))
struct TURNRelayTests {
    let t0 = ContinuousClock.now
    let peer = TransportAddress(host: "198.51.100.7", port: 6000)!
    let peer6 = TransportAddress(host: "2001:db8::7", port: 6001)!

    /// A client with an allocation and (optionally) a channel to `peer`, via TURNClientTests' script.
    func allocated(transport: STUNTransport = .udp, channel: Bool) throws -> TURNClient {
        let script = TURNClientTests()
        var turn = TURNClient(server: script.server, transport: transport, username: "alice", password: "secret")
        let first = try script.sent(turn.start(now: t0))
        let second = try script.sent(turn.receive(script.refuse(first.message, 401, "", [.realm("example.org"), .nonce("n")]), now: t0))
        _ = turn.receive(script.answer(second.message, [.xorRelayedAddress(script.relayed)]), now: t0)
        if channel {
            let bind = try script.sent(turn.bindChannel(peer, now: t0))
            _ = turn.receive(script.answer(bind.message, []), now: t0)
        }
        return turn
    }

    @Test func sendIndicationUntilAChannelIsBound() throws {
        let turn = try allocated(channel: false)
        let payload: [UInt8] = [1, 2, 3, 4, 5]
        var buffer = [UInt8](repeating: 0xee, count: 1500)
        for target in [peer, peer6] {
            let n = try #require(payload.withUnsafeBytes { p in buffer.withUnsafeMutableBytes { turn.wrap(payload: p, to: target, into: $0) } })
            let message = try STUNMessage(parsing: Array(buffer[0..<n]))
            #expect(message.method == .send && message.messageClass == .indication)
            #expect(message.attributes == [.xorPeerAddress(target), .data(payload)])
        }
        // Too small a buffer: nil, nothing written past it.
        var small = [UInt8](repeating: 0, count: 20)
        #expect(payload.withUnsafeBytes { p in small.withUnsafeMutableBytes { turn.wrap(payload: p, to: peer, into: $0) } } == nil)
    }

    @Test func channelDataBothWays() throws {
        for transport in [STUNTransport.udp, .tcp] {
            let turn = try allocated(transport: transport, channel: true)
            let payload: [UInt8] = [9, 8, 7, 6, 5]
            var buffer = [UInt8](repeating: 0xee, count: 64)
            let n = try #require(payload.withUnsafeBytes { p in buffer.withUnsafeMutableBytes { turn.wrap(payload: p, to: peer, into: $0) } })
            #expect(n == (transport == .tcp ? 12 : 9))
            #expect(Array(buffer[0..<9]) == [0x40, 0x00, 0x00, 0x05] + payload)
            let back = buffer.withUnsafeBytes { turn.unwrap(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            #expect(back?.peer == peer && back?.payload == 4..<9)
            // An unbound channel or a lying length is not unwrapped.
            #expect(([0x40, 0x01, 0, 1, 0] as [UInt8]).withUnsafeBytes { turn.unwrap($0) } == nil)
            #expect(([0x40, 0x00, 0, 9, 0] as [UInt8]).withUnsafeBytes { turn.unwrap($0) } == nil)
        }
    }

    @Test func dataIndicationUnwraps() throws {
        let turn = try allocated(channel: false)
        let payload: [UInt8] = Array(0..<33)
        for source in [peer, peer6] {
            let bytes = STUNMessage(method: .data, class: .indication, attributes: [.xorPeerAddress(source), .data(payload)])
                .encoded(fingerprint: true)
            let result = try #require(bytes.withUnsafeBytes { turn.unwrap($0) })
            #expect(result.peer == source && Array(bytes[result.payload]) == payload)
        }
        // Not a Data indication: left for `receive`.
        let other = STUNMessage(method: .send, class: .indication, attributes: [.xorPeerAddress(peer), .data(payload)]).encoded()
        #expect(other.withUnsafeBytes { turn.unwrap($0) } == nil)
    }

    @Test func framerSplitsAStreamDripFedAndInBulk() throws {
        let stun = STUNMessage(method: .allocate, class: .successResponse, attributes: [.software("x")]).encoded()
        let channel: [UInt8] = [0x40, 0x01, 0x00, 0x03, 1, 2, 3, 0]  // 3 bytes + 1 padding
        let stream = stun + channel + stun + [0x40, 0x02, 0x00, 0x00]
        let expected: [[UInt8]] = [stun, Array(channel[0..<7]), stun, [0x40, 0x02, 0x00, 0x00]]

        for chunk in [1, 3, 7, stream.count] {
            var framer = TURNStreamFramer()
            var frames: [[UInt8]] = []
            var offset = 0
            while offset < stream.count {
                let piece = Array(stream[offset..<min(stream.count, offset + chunk)])
                #expect(piece.withUnsafeBytes { framer.append($0) } == piece.count)
                offset += piece.count
                while let frame = try framer.nextFrame({ Array($0) }) { frames.append(frame) }
            }
            #expect(frames == expected, "chunk \(chunk)")
            #expect(framer.buffered == 0)
        }
    }

    @Test func framerRejectsGarbageAndBoundsItsBuffer() throws {
        var framer = TURNStreamFramer()
        _ = [0x80, 0, 0, 0].withUnsafeBytes { framer.append($0) }
        #expect(throws: TURNStreamFramer.Error.desynchronised(firstByte: 0x80)) { try framer.nextFrame { _ in () } }

        var full = TURNStreamFramer(capacity: 0)  // raised to one maximal frame
        let big = [UInt8](repeating: 0x40, count: 100_000)
        let taken = big.withUnsafeBytes { full.append($0) }
        #expect(taken == 65_544)
        #expect(big.withUnsafeBytes { full.append($0) } == 0)
    }
}
