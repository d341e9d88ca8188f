/// The sending side of RFC 2198: remembers the last frames sent and wraps each new one,
/// with copies of up to `maxLevel` of them, into a red payload. All storage is allocated
/// at init; `wrap` and `remember` do not allocate. Owned by one media thread.
public struct RedundancyEncoder {
    /// Red's payload type, as agreed.
    public let redPayloadType: UInt8
    /// Most earlier frames one packet carries.
    public static let maxLevel = 2

    private var bytes: [UInt8]
    /// Ring of remembered frames, `count` of them, the newest at `newest`.
    private var lengths = [Int](repeating: 0, count: maxLevel)
    private var payloadTypes = [UInt8](repeating: 0, count: maxLevel)
    private var timestamps = [UInt32](repeating: 0, count: maxLevel)
    private var sequences = [UInt16](repeating: 0, count: maxLevel)
    private var newest = 0
    private var count = 0

    public init(redPayloadType: UInt8) {
        self.redPayloadType = redPayloadType
        bytes = [UInt8](repeating: 0, count: Self.maxLevel * RedundantPayload.maxBlockLength)
    }

    /// Forgets what was sent (after a gap: DTX, an event, a pause, a new codec): copies
    /// must be of the packets just before, or the receiver could not place them.
    public mutating func reset() { count = 0 }

    /// Writes into `out` a red payload carrying `primary` (sent with `sequence` and
    /// `timestamp`) and copies of up to `level` frames sent just before it — only those
    /// whose sequence numbers and timestamps (`frameUnits` apart) run on without a gap into
    /// this one, and which fit RFC 2198's fields: the receiver places a copy by its offset.
    /// Returns the bytes written, or nil when `out` is too small. Then remembers the primary.
    public mutating func wrap(primary: UnsafeRawBufferPointer, payloadType: UInt8, sequence: UInt16, timestamp: UInt32,
                              frameUnits: Int, level: Int, into out: UnsafeMutableRawBufferPointer) -> Int? {
        let wanted = min(max(level, 0), Self.maxLevel, count)
        // How many of the most recent frames qualify (the newest first, stop at a misfit).
        var copies = 0
        var redundantBytes = 0
        while copies < wanted {
            let slot = slotBack(copies)
            let offset = timestamp &- timestamps[slot]
            guard sequences[slot] == sequence &- UInt16(copies + 1),
                  Int(offset) == frameUnits * (copies + 1),
                  RedundantPayload.fits(length: lengths[slot], timestampOffset: offset) else { break }
            redundantBytes += lengths[slot]
            copies += 1
        }
        let total = RedundantPayload.size(redundantLengths: redundantBytes, count: copies, primaryLength: primary.count)
        guard total <= out.count else { return nil }
        var position = 0
        // Headers, oldest first.
        for back in stride(from: copies - 1, through: 0, by: -1) {
            let slot = slotBack(back)
            RedundantPayload.writeHeader(payloadType: payloadTypes[slot], timestampOffset: timestamp &- timestamps[slot],
                                         length: lengths[slot], into: out, at: position)
            position += 4
        }
        out[position] = payloadType & 0x7F
        position += 1
        for back in stride(from: copies - 1, through: 0, by: -1) {
            let slot = slotBack(back)
            let length = lengths[slot]
            bytes.withUnsafeBytes { stored in
                let base = slot * RedundantPayload.maxBlockLength
                UnsafeMutableRawBufferPointer(rebasing: out[position..<(position + length)])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: stored[base..<(base + length)]))
            }
            position += length
        }
        if !primary.isEmpty {
            UnsafeMutableRawBufferPointer(rebasing: out[position..<(position + primary.count)]).copyMemory(from: primary)
        }
        position += primary.count
        remember(primary, payloadType: payloadType, sequence: sequence, timestamp: timestamp)
        return position
    }

    /// Remembers a frame sent without redundancy, so that the next packet can carry it.
    public mutating func remember(_ payload: UnsafeRawBufferPointer, payloadType: UInt8, sequence: UInt16, timestamp: UInt32) {
        guard payload.count > 0, payload.count <= RedundantPayload.maxBlockLength else {
            reset()   // cannot be repeated, so nothing before it can be either
            return
        }
        newest = (newest + 1) % Self.maxLevel
        lengths[newest] = payload.count
        payloadTypes[newest] = payloadType
        timestamps[newest] = timestamp
        sequences[newest] = sequence
        let base = newest * RedundantPayload.maxBlockLength
        bytes.withUnsafeMutableBytes { stored in
            UnsafeMutableRawBufferPointer(rebasing: stored[base..<(base + payload.count)]).copyMemory(from: payload)
        }
        count = min(count + 1, Self.maxLevel)
    }

    /// The slot of the frame `back` places before the newest (0: the newest).
    private func slotBack(_ back: Int) -> Int { (newest - back + Self.maxLevel) % Self.maxLevel }

    /// How many earlier frames to repeat for the loss the peer reports (RTCP fraction
    /// lost, 0…1) and the level used so far: none on a clean path, one at light loss, two
    /// from `twoCopiesFrom` on (bursts of two are common: a Gilbert channel at 2–3 %
    /// already loses pairs). Below `oneCopyFrom` nothing: a jittery path without loss
    /// reports a packet or two "lost" per interval (reordered across the report's
    /// instant), and copies would raise the peer's delay for nothing. Falls one step per
    /// clean report, not at once, so one lucky interval does not strip the protection.
    public static func level(peerLoss fraction: Double, previous: Int, oneCopyFrom: Double = 0.01,
                             twoCopiesFrom: Double = 0.02) -> Int {
        guard fraction.isFinite else { return previous }
        let wanted = fraction < oneCopyFrom ? 0 : fraction < twoCopiesFrom ? 1 : 2
        return max(wanted, previous - 1)
    }
}
