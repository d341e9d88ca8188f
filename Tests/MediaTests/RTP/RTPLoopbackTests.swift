import Testing
@testable import Media

/// Two endpoints wired through an in-memory network: A sends a PCMU stream and SRs, B
/// receives, measures and answers with an RR; A then knows its loss, jitter and RTT.
@Suite("RTPLoopbackTests", .timeLimit(.minutes(1)))
struct RTPLoopbackTests {
    static let t0 = ContinuousClock.now
    static let wallBase = Duration.seconds(1_790_000_000)
    static let oneWay = 30.0  // ms

    /// Both ends read the same wall clock in this test.
    static func wall(_ instant: ContinuousClock.Instant) -> NTPTimestamp {
        NTPTimestamp(unixTime: wallBase + (instant - t0))
    }

    @Test func streamReportsAndRoundTrip() throws {
        var rng = SeededRandom(seed: 7)
        var sender = RTPSender(payloadType: 0, clockRate: 8000, now: Self.t0, random: &rng)
        var receiver = ReceiverStatistics(clockRate: 8000)
        var datagram = [UInt8](repeating: 0, count: 1500)
        var played = 0

        for i in 0..<500 {
            let sent = Self.t0.plus(ms: Double(i) * 20)
            let header = sender.nextPacket(payloadBytes: 160, now: sent)
            let length = try datagram.withUnsafeMutableBytes { buffer in
                let headerLength = try header.write(into: buffer)
                for j in 0..<160 { buffer[headerLength + j] = 0xFF }
                return headerLength + 160
            }
            if i == 250 {
                // A's SR halfway through; B notes it for LSR/DLSR.
                let sr = try writeBytes { buffer in
                    try RTCPCompound.build(into: buffer, ssrc: sender.ssrc, senderInfo: sender.senderInfo(ntp: Self.wall(sent), now: sent),
                                           reportBlocks: [RTCPReportBlock](), cname: "a@pipit.test")
                }
                #expect(PacketClassifier.classify(sr) == .rtcp)
                for packet in try RTCPCompound.parse(sr) {
                    if case .senderReport(let report) = packet, report.ssrc == receiver.ssrc {
                        receiver.senderReportReceived(ntp: report.senderInfo.ntp, at: sent.plus(ms: Self.oneWay))
                    }
                }
            }
            if i % 50 == 25 { continue }  // 2 % loss on the wire
            let arrival = sent.plus(ms: Self.oneWay + (i % 3 == 0 ? 8 : 0))
            let bytes = Array(datagram.prefix(length))
            #expect(PacketClassifier.classify(bytes) == .rtp)
            let packet = try RTPPacket.parse(bytes)
            switch receiver.received(packet, arrival: arrival) {
            case .accepted, .reordered, .restarted, .newSource: played += 1
            case .probation, .duplicate, .badSequence: break
            }
        }
        #expect(played == 489)  // 490 delivered, the first on probation

        // B answers with an RR at t0 + 10 s; A receives it 30 ms later.
        let rrTime = Self.t0.plus(ms: 10_000)
        let block = try nextBlock(&receiver, now: rrTime)
        let rr = try writeBytes { buffer in
            try RTCPCompound.build(into: buffer, ssrc: 0xB0B, senderInfo: nil, reportBlocks: CollectionOfOne(block), cname: "b@pipit.test")
        }
        var quality = CallQuality()
        quality.packetsSent = UInt64(sender.packetCount)
        quality.octetsSent = UInt64(sender.octetCount)
        for packet in try RTCPCompound.parse(rr) {
            if case .receiverReport(let report) = packet {
                for block in report.reportBlocks where block.ssrc == sender.ssrc {
                    quality.update(fromPeerReport: block, clockRate: sender.clockRate, arrival: Self.wall(rrTime.plus(ms: Self.oneWay)))
                }
            }
        }
        #expect(quality.packetsSent == 500 && quality.octetsSent == 80_000)
        #expect(quality.peerPacketsLost == 10)
        #expect(quality.peerFractionLost == Double((10 << 8) / 499) / 256)
        let rtt = try #require(quality.roundTripMilliseconds)
        #expect(abs(rtt - 2 * Self.oneWay) < 0.1)
        let peerJitter = try #require(quality.peerJitterMilliseconds)
        #expect(peerJitter > 2 && peerJitter < 8)

        // B's own view for its UI.
        var bQuality = CallQuality()
        bQuality.update(from: receiver)
        bQuality.roundTripMilliseconds = rtt
        bQuality.jitterBufferDelayMilliseconds = 40
        #expect(bQuality.packetsLost == 10)
        let mos = bQuality.estimatedMOS(codec: .g711)
        #expect(mos > 4.0 && mos < 4.3)
    }
}
