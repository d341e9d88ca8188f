/// The receive path: each media datagram the transport hands in, told apart by its first
/// bytes, worked on in place in the transport's buffer.
extension RTPStream {
    func receive(_ datagram: UnsafeMutableRawBufferPointer, length: Int, from: SocketAddress, now: ContinuousClock.Instant) {
        switch PacketClassifier.classify(UnsafeRawBufferPointer(rebasing: datagram[0..<length])) {
        case .rtp: receiveRTP(datagram, length: length, from: from, now: now)
        case .rtcp: receiveRTCP(datagram, length: length, from: from, now: now)
        default: break   // DTLS, ZRTP: not spoken here
        }
    }

    private func receiveRTP(_ datagram: UnsafeMutableRawBufferPointer, length: Int, from: SocketAddress, now: ContinuousClock.Instant) {
        var length = length
        if let srtpReceiver {
            do {
                length = try srtpReceiver.unprotect(datagram, length: length)
            } catch {
                authenticationFailures += 1
                return
            }
        }
        guard let packet = try? RTPPacket.parse(UnsafeRawBufferPointer(rebasing: datagram[0..<length])) else { return }
        if latch.validPacket(from: from, now: now) { monitor.report(.remoteChanged("\(from)")) }
        if configuration.rtcpMux, rtcpLatch.destination != latch.destination { _ = rtcpLatch.validPacket(from: from, now: now) }
        if lastPacket == nil || silenceReported > 0 {
            if silenceReported > 0 { monitor.report(.mediaResumed) }
            silenceReported = 0
        }
        lastPacket = now
        guard configuration.receives else { return }
        let header = packet.header
        if let event = configuration.telephoneEvent, header.payloadType == event.payloadType {
            receiveEvent(packet, in: UnsafeRawBufferPointer(datagram))
            return
        }
        switch statistics.received(packet, arrival: now) {
        case .accepted, .reordered, .restarted, .probation, .newSource:
            if let red = redundancy?.redPayloadType, header.payloadType == red {
                receiveRedundant(header, payload: UnsafeRawBufferPointer(rebasing: datagram[packet.payload]),
                                 redPayloadType: red, arrival: milliseconds(now))
                return
            }
            _ = playout.insert(sequence: header.sequenceNumber, timestamp: header.timestamp, marker: header.marker,
                               ssrc: header.ssrc, payloadType: header.payloadType,
                               payload: UnsafeRawBufferPointer(rebasing: datagram[packet.payload]), arrival: milliseconds(now))
        case .duplicate, .badSequence:
            break
        }
    }

    private func receiveEvent(_ packet: RTPPacket, in datagram: UnsafeRawBufferPointer) {
        let event = try? TelephoneEvent(parsing: UnsafeRawBufferPointer(rebasing: datagram[packet.payload]))
        guard let event else { return }
        let report = events.receive(event, timestamp: packet.header.timestamp)
        if let began = report.began, let key = Self.key(forEvent: began.event) {
            digits.append(key)
            monitor.report(.digit(key))
        }
    }

    private func receiveRTCP(_ datagram: UnsafeMutableRawBufferPointer, length: Int, from: SocketAddress, now: ContinuousClock.Instant) {
        var length = length
        if let srtpReceiver {
            do {
                length = try srtpReceiver.unprotectRTCP(datagram, length: length)
            } catch {
                authenticationFailures += 1
                return
            }
        }
        var reader = RTCPReader(UnsafeRawBufferPointer(rebasing: datagram[0..<length]))
        var valid = false
        // RTCPReader bounds itself: every packet consumes at least its 4-byte header.
        while let packet = try? reader.next() {
            valid = true
            switch packet {
            case .senderReport(let report):
                statistics.senderReportReceived(ntp: report.senderInfo.ntp, at: now)
                peerReports(report.reportBlocks, now: now)
            case .receiverReport(let report):
                peerReports(report.reportBlocks, now: now)
            default:
                break
            }
        }
        guard valid else { return }
        scheduler.reportReceived(size: length)
        if !configuration.rtcpMux { _ = rtcpLatch.validPacket(from: from, now: now) }
    }

    private func peerReports(_ blocks: [RTCPReportBlock], now: ContinuousClock.Instant) {
        for block in blocks where block.ssrc == sender.ssrc {
            quality.update(fromPeerReport: block, clockRate: sender.clockRate, arrival: WallClock.ntpNow())
            // What the protection acts on: the report's loss, unless reordering explains it.
            let lost = peerLoss.fraction(of: block, packetUnits: sender.unitsPerPacket)
            peerReportedLoss(lost)
            // Opus spends bits on in-band FEC in proportion to the loss the peer sees, and
            // leaves its clean-path profile when the path loses or jitters.
            if let opus = encoder as? OpusAudioEncoder {
                opus.setPacketLoss(percent: Self.fecLossPercent(lost))
                opus.setPathJitter(milliseconds: Int(Double(block.jitter) * 1000 / Double(max(sender.clockRate, 1))))
            }
        }
    }

    /// The loss figure handed to Opus: the peer's last fraction lost, rounded up so that
    /// any loss turns FEC on, and capped where more redundancy no longer pays.
    static func fecLossPercent(_ fraction: Double) -> Int {
        guard fraction.isFinite, fraction > 0 else { return 0 }
        return min(25, Int((fraction * 100).rounded(.up)))
    }

    /// The key of an RFC 4733 §3.2 DTMF event code: 0–9, *, #, A–D.
    static func key(forEvent code: UInt8) -> Character? { DTMFKeys.key(forEvent: code) }

    func milliseconds(_ instant: ContinuousClock.Instant) -> Int {
        Int(start.duration(to: instant) / .milliseconds(1))
    }
}
