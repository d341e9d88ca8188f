import SDP

/// What the UI sees of the stream, about once a second.
extension RTPStream {
    /// After this long without RTP while the peer should send, the call hears nothing.
    static let silenceThresholds = [5, 15, 60]

    static func emodel(_ codec: NegotiatedCodec) -> EModel.Codec {
        switch CodecKind(codec) {
        case .opus: .opus
        case .g722: .g722
        default: .g711
        }
    }

    func publish(now: ContinuousClock.Instant) {
        quality.update(from: statistics)
        let jitter = playout.statistics
        quality.jitterBufferDelayMilliseconds = Double(jitter.currentDelayMs)
        quality.concealedFrames = Int64(jitter.framesConcealed)
        quality.fecFrames = Int64(jitter.framesRecovered)
        quality.redundantFrames = Int64(jitter.framesFromRedundancy)
        quality.redundantCopies = Int64(jitter.copiesReceived)
        var snapshot = MediaStreamSnapshot()
        snapshot.codec = configuration.codec.name
        snapshot.encrypted = srtpSender != nil
        if let destination = latch.destination, remoteText?.address != destination {
            // Formatting goes through vfprintf: once per change, not once a second.
            remoteText = (destination, destination.description)
        }
        snapshot.remote = latch.destination == nil ? nil : remoteText?.text
        snapshot.quality = quality
        snapshot.mos = quality.packetsReceived > 0 ? quality.estimatedMOS(codec: Self.emodel(configuration.codec)) : nil
        snapshot.secondsSinceLastPacket = lastPacket.map { Double($0.duration(to: now) / .milliseconds(1)) / 1000 }
        snapshot.digitsReceived = digits
        snapshot.authenticationFailures = authenticationFailures
        snapshot.nat = transport.nat?.snapshot()
        monitor.publish(snapshot)
        if configuration.receives, let quiet = snapshot.secondsSinceLastPacket ?? Optional(Double(start.duration(to: now) / .seconds(1))),
           silenceReported < Self.silenceThresholds.count, quiet >= Double(Self.silenceThresholds[silenceReported]) {
            monitor.report(.silence(seconds: Self.silenceThresholds[silenceReported]))
            silenceReported += 1
        }
    }
}
