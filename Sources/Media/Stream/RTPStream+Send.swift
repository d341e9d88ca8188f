/// The tick: play what arrived, capture what to send, and report.
extension RTPStream {
    func tick(now: ContinuousClock.Instant) {
        played.withUnsafeMutableBufferPointer { frame in
            if configuration.receives {
                _ = playout.render(into: frame, now: milliseconds(now))
                if inbandDetector != nil, let key = inbandDetector?.process(UnsafeBufferPointer(frame)) {
                    digits.append(key)
                    monitor.report(.digit(key))
                }
            } else {
                for i in frame.indices { frame[i] = 0 }
            }
            sink.write(UnsafeBufferPointer(frame))
        }
        captured.withUnsafeMutableBufferPointer { frame in
            source.read(into: frame)
            played.withUnsafeBufferPointer { echo?.process(capture: frame, played: $0) }
            preprocessor?.process(frame)
            if muted { for i in frame.indices { frame[i] = 0 } }
            if let overlay {
                overlay.mix(into: frame)
                if overlay.finished {
                    self.overlay = nil
                    monitor.report(.playbackFinished)
                }
            }
            if let digitTones {
                // Keys go out even while muted: they are what the user means to send.
                digitTones.mix(into: frame)
                if digitTones.finished { self.digitTones = nil }
            }
        }
        if let recorder {
            captured.withUnsafeBufferPointer { near in played.withUnsafeBufferPointer { recorder.record(near: near, far: $0) } }
        }
        guessLossBeforeReports()
        queueCaptured(now: now)
        if scheduler.isDue(now: now), scheduler.timerExpired(now: now, random: Double.random(in: 0.5...1.5, using: &random)) {
            sendReport(now: now, leaving: false)
        }
        if lastPublish.duration(to: now) >= .seconds(1) {
            publish(now: now)
            lastPublish = now
        }
    }

    /// Gathers ticks into a packet's worth of PCM, then encodes and sends it.
    private func queueCaptured(now: ContinuousClock.Instant) {
        for sample in captured where pendingCount < pending.count {
            pending[pendingCount] = sample
            pendingCount += 1
        }
        guard pendingCount == pending.count else { return }
        pendingCount = 0
        guard configuration.sends, let destination = latch.destination else {
            sender.skip()
            return
        }
        if sendEventPacket(to: destination, now: now) { return }
        let headerSize = RTPHeader.fixedSize
        let encodedBytes: Int
        do {
            encodedBytes = try pending.withUnsafeBufferPointer { pcm in
                try primary.withUnsafeMutableBytes { out in
                    try encoder.encode(pcm, into: UnsafeMutableRawBufferPointer(rebasing: out[0..<(outgoing.count - 64 - headerSize)]))
                }
            }
        } catch {
            sender.skip()
            return
        }
        guard encodedBytes > 0 else {
            sender.skip()   // DTX: the timeline moves on, nothing is sent
            return
        }
        guard let (payloadBytes, payloadType) = placePayload(primaryBytes: encodedBytes, headerSize: headerSize) else {
            sender.skip()
            return
        }
        var header = sender.nextPacket(payloadBytes: payloadBytes, now: now)
        header.payloadType = payloadType
        var length = headerSize + payloadBytes
        do {
            _ = try outgoing.withUnsafeMutableBytes { try header.write(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<headerSize])) }
            if let srtpSender {
                length = try outgoing.withUnsafeMutableBytes { try srtpSender.protect($0, length: length) }
            }
        } catch {
            return
        }
        outgoing.withUnsafeBytes { _ = transport.send(UnsafeRawBufferPointer(rebasing: $0[0..<length]), component: 1, to: destination) }
        quality.packetsSent &+= 1
        quality.octetsSent &+= UInt64(payloadBytes)
    }

    /// An SR (we sent since the last report) or RR with our CNAME; with BYE when leaving.
    func sendReport(now: ContinuousClock.Instant, leaving: Bool) {
        guard let destination = rtcpLatch.destination ?? (configuration.rtcpMux ? latch.destination : nil) else { return }
        let info = scheduler.weSent ? sender.senderInfo(ntp: WallClock.ntpNow(), now: now) : nil
        let block = statistics.makeReportBlock(now: now)
        var length = 0
        do {
            length = try outgoing.withUnsafeMutableBytes { out in
                try RTCPCompound.build(into: UnsafeMutableRawBufferPointer(rebasing: out[0..<(out.count - 64)]),
                                       ssrc: sender.ssrc, senderInfo: info, reportBlocks: block.map { [$0] } ?? [],
                                       cname: configuration.cname, leaving: leaving)
            }
            if let srtpSender {
                length = try outgoing.withUnsafeMutableBytes { try srtpSender.protectRTCP($0, length: length) }
            }
        } catch {
            return
        }
        let component = configuration.rtcpMux ? 1 : 2
        outgoing.withUnsafeBytes { _ = transport.send(UnsafeRawBufferPointer(rebasing: $0[0..<length]), component: component, to: destination) }
        scheduler.reportSent(size: length, now: now, random: Double.random(in: 0.5...1.5, using: &random))
    }
}
