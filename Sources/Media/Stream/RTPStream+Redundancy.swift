import SDP

/// RFC 2198 redundancy on the stream, when both sides agreed on `red`: copies of earlier
/// frames ride in each packet while the peer reports loss, and copies the peer sends fill
/// the holes loss left in the jitter buffer.
extension RTPStream {
    /// Red's agreed payload type: it travels among the agreed alternatives, since a peer may
    /// send it without a new offer.
    static func redPayloadType(_ configuration: MediaStreamConfiguration) -> UInt8? {
        configuration.alternativeCodecs.first { $0.name.lowercased() == "red" }?.payloadType
    }

    /// Unpacks a red payload: the primary block as the packet itself, each earlier block as
    /// a copy of the packet its timestamp offset places it at (`offset / frame` packets
    /// before). A block of a type we cannot decode, or whose offset is not a whole number
    /// of its own frames, is dropped: it could not be placed.
    func receiveRedundant(_ header: RTPHeader, payload: UnsafeRawBufferPointer, redPayloadType: UInt8, arrival: Int) {
        do {
            try RedundantPayload.parse(payload, redPayloadType: redPayloadType, into: &redBlocks)
        } catch {
            redundancyErrors &+= 1
            return
        }
        // The primary first (it sets the SSRC and timeline the copies are placed on); an
        // empty one was left out by the parser.
        if let primary = redBlocks.last, primary.timestampOffset == 0 {
            _ = playout.insert(sequence: header.sequenceNumber, timestamp: header.timestamp, marker: header.marker,
                               ssrc: header.ssrc, payloadType: primary.payloadType,
                               payload: UnsafeRawBufferPointer(rebasing: payload[primary.range]), arrival: arrival)
        }
        for block in redBlocks where block.timestampOffset > 0 {
            let bytes = UnsafeRawBufferPointer(rebasing: payload[block.range])
            guard playout.decodes(block.payloadType),
                  let units = playout.units(of: bytes, payloadType: block.payloadType), units > 0 else { continue }
            let offset = Int(block.timestampOffset)
            let back = offset / units
            guard offset % units == 0, back >= 1, back < RedundantPayload.maxBlocks else { continue }
            _ = playout.insert(sequence: header.sequenceNumber &- UInt16(back), timestamp: header.timestamp &- block.timestampOffset,
                               marker: false, ssrc: header.ssrc, payloadType: block.payloadType, payload: bytes,
                               arrival: arrival, redundancyOffset: offset)
        }
    }

    /// Ticks between two looks at our own loss (`guessLossBeforeReports`): longer than a
    /// late packet is late.
    static let lossSampleTicks = 25

    /// The peer's report sets how many earlier frames each packet repeats.
    func peerReportedLoss(_ fraction: Double) {
        peerLossReported = true
        guard redundancy != nil else { return }
        redundancyLevel = RedundancyEncoder.level(peerLoss: fraction, previous: redundancyLevel)
    }

    /// Until the peer's first report (RTCP's first interval is seconds long), the loss we
    /// see on its packets stands in for the loss it sees on ours: the two directions
    /// mostly share a path, and waiting would leave the call's first seconds unprotected.
    /// Looked at every `lossSampleTicks` ticks from half a second of packets on; it only
    /// raises the protection (the peer's reports lower it); the jitter we see goes to Opus
    /// the same way (`OpusEncoderSettings.onCleanPath`). What counts is what the
    /// playout skipped and still had not seen arrive a sample later — not packets merely
    /// reordered by jitter (the sequence numbers alone count those as lost for a moment),
    /// nor ones that came late (the playout counts them lost, then late). A clean path,
    /// jittery or not, changes nothing.
    func guessLossBeforeReports() {
        guard !peerLossReported else { return }
        lossSampleCountdown -= 1
        guard lossSampleCountdown <= 0 else { return }
        lossSampleCountdown = Self.lossSampleTicks
        let expected = statistics.packetsExpected
        // The jitter we see stands in for the peer's report in the same way (raising only).
        if let opus = encoder as? OpusAudioEncoder, expected >= 25 {
            let jitter = Int(statistics.jitterMilliseconds)
            if jitter > opus.settings.pathJitterMilliseconds { opus.setPathJitter(milliseconds: jitter) }
        }
        let counters = playout.statistics
        let lost = Int64(max(lostAtLastSample - counters.packetsLate, 0))
        lostAtLastSample = counters.packetsLost
        guard expected >= 25, lost > 0, lost != guessedFromLost else { return }
        guessedFromLost = lost
        let fraction = Double(lost) / Double(expected)
        if redundancy != nil {
            redundancyLevel = max(redundancyLevel, RedundancyEncoder.level(peerLoss: fraction, previous: 0))
        }
        if let opus = encoder as? OpusAudioEncoder { opus.setPacketLoss(percent: Self.fecLossPercent(fraction)) }
    }

    /// Puts the payload just encoded into `primary` into `outgoing` after the RTP header:
    /// as it is when no copies go with it (a clean path costs nothing), else wrapped in
    /// red. Returns the payload length and type, nil when it does not fit.
    func placePayload(primaryBytes: Int, headerSize: Int) -> (bytes: Int, payloadType: UInt8)? {
        let type = sender.payloadType
        let frameUnits = sender.unitsPerPacket
        let sequence = sender.sequenceNumber
        let timestamp = sender.timestamp
        let limit = outgoing.count - 64
        return primary.withUnsafeBytes { all -> (Int, UInt8)? in
            let encoded = UnsafeRawBufferPointer(rebasing: all[0..<primaryBytes])
            return outgoing.withUnsafeMutableBytes { out -> (Int, UInt8)? in
                let room = UnsafeMutableRawBufferPointer(rebasing: out[headerSize..<limit])
                if let red = redundancy?.redPayloadType, redundancyLevel > 0 {
                    // Mutated in place: a copy would copy its buffers on write.
                    let written = redundancy?.wrap(primary: encoded, payloadType: type, sequence: sequence, timestamp: timestamp,
                                                   frameUnits: frameUnits, level: redundancyLevel, into: room)
                    return written.flatMap { $0 }.map { ($0, red) }
                }
                guard primaryBytes <= room.count else { return nil }
                UnsafeMutableRawBufferPointer(rebasing: room[0..<primaryBytes]).copyMemory(from: encoded)
                redundancy?.remember(encoded, payloadType: type, sequence: sequence, timestamp: timestamp)
                return (primaryBytes, type)
            }
        }
    }
}
