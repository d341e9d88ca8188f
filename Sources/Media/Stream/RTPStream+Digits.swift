/// Sending RFC 4733 telephone-events: key presses go out as event packets in place of
/// audio, on the stream's sequence and timeline, then a short gap of audio before the next.
extension RTPStream {
    /// 100 ms per key and 60 ms between keys: what PBX menus and IVRs detect reliably.
    static let digitMilliseconds = 100
    static let gapPackets = 3
    static let maximumQueuedDigits = 64

    /// Queues keys (0–9, *, #, A–D); others are ignored. False when the peer has not
    /// agreed to telephone-events.
    @discardableResult
    func sendDigits(_ keys: String) -> Bool {
        guard configuration.telephoneEvent != nil else { return false }
        for key in keys.uppercased() {
            guard digitQueue.count < Self.maximumQueuedDigits, let code = Self.eventCode(for: key) else { continue }
            digitQueue.append(code)
        }
        return true
    }

    static func eventCode(for key: Character) -> UInt8? { DTMFKeys.eventCode(for: key) }

    /// Keys as in-band tones (for peers that understand neither RFC 4733 nor SIP INFO):
    /// mixed into what the call sends, after any keys still playing.
    func sendInbandDigits(_ keys: String) {
        let tones = DTMFKeys.tones(keys, sampleRate: captured.count * 100)
        guard !tones.isEmpty else { return }
        if let playing = digitTones, !playing.finished {
            digitTones = SampleSource(samples: playing.remaining + tones, loop: false)
        } else {
            digitTones = SampleSource(samples: tones, loop: false)
        }
    }

    /// Sends the next event packet if a digit is being sent or due; true when it did (and
    /// the audio packet of this interval is not sent).
    func sendEventPacket(to destination: SocketAddress, now: ContinuousClock.Instant) -> Bool {
        guard let te = configuration.telephoneEvent else { return false }
        if eventSender == nil {
            if digitGap > 0 {
                digitGap -= 1
                return false
            }
            guard !digitQueue.isEmpty else { return false }
            let code = digitQueue.removeFirst()
            let rate = Int(te.clockRate)
            eventSender = TelephoneEventSender(event: code, duration: rate * Self.digitMilliseconds / 1000,
                                               interval: rate * configuration.ptime / 1000, timestamp: sender.rtpTimestamp(at: now))
        }
        guard var schedule = eventSender, let packet = schedule.next() else {
            eventSender = nil
            return false
        }
        eventSender = schedule.isFinished ? nil : schedule
        if schedule.isFinished { digitGap = Self.gapPackets }
        var header = sender.nextPacket(payloadBytes: TelephoneEvent.size, now: now)
        header.payloadType = te.payloadType
        header.timestamp = packet.timestamp
        header.marker = packet.marker
        var length = RTPHeader.fixedSize + TelephoneEvent.size
        do {
            _ = try outgoing.withUnsafeMutableBytes { out in
                let written = try header.write(into: UnsafeMutableRawBufferPointer(rebasing: out[0..<RTPHeader.fixedSize]))
                return try packet.event.write(into: UnsafeMutableRawBufferPointer(rebasing: out[written..<(written + TelephoneEvent.size)]))
            }
            if let srtpSender {
                length = try outgoing.withUnsafeMutableBytes { try srtpSender.protect($0, length: length) }
            }
        } catch {
            return true
        }
        outgoing.withUnsafeBytes { _ = transport.send(UnsafeRawBufferPointer(rebasing: $0[0..<length]), component: 1, to: destination) }
        quality.packetsSent &+= 1
        return true
    }
}
