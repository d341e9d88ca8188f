/// What the jitter buffer knows about one stored packet.
struct PacketInfo: Sendable, Equatable {
    /// Extended (unwrapped) sequence number and timestamp.
    var sequence: Int64
    var timestamp: Int64
    var marker: Bool
    var payloadType: UInt8
    /// Duration in RTP units when the caller knew it (from the codec), else nil.
    var duration: Int?
    /// Arrival time in milliseconds.
    var arrival: Int
    var length: Int
    /// Taken from an RFC 2198 redundant block, not from the packet itself.
    var redundant = false
}

/// A fixed pool of packet slots, kept in sequence order. All storage is allocated once,
/// at init: inserting and removing never allocate.
struct PacketStore {
    let capacity: Int
    let maxPayloadBytes: Int
    private var bytes: [UInt8]
    private var infos: [PacketInfo]
    /// Slot indices of stored packets, by increasing sequence number.
    private var order: [Int]
    private var free: [Int]

    init(capacity: Int, maxPayloadBytes: Int) {
        self.capacity = capacity
        self.maxPayloadBytes = maxPayloadBytes
        bytes = [UInt8](repeating: 0, count: capacity * maxPayloadBytes)
        infos = [PacketInfo](
            repeating: PacketInfo(sequence: 0, timestamp: 0, marker: false, payloadType: 0, duration: nil, arrival: 0, length: 0),
            count: capacity)
        order = []
        order.reserveCapacity(capacity)
        free = Array((0..<capacity).reversed())
        free.reserveCapacity(capacity)
    }

    var count: Int { order.count }
    var isEmpty: Bool { order.isEmpty }
    var isFull: Bool { free.isEmpty }

    /// The slot at position `index` in sequence order.
    func slot(at index: Int) -> Int? { index >= 0 && index < order.count ? order[index] : nil }
    func info(slot: Int) -> PacketInfo { infos[slot] }
    var first: PacketInfo? { order.first.map { infos[$0] } }
    var last: PacketInfo? { order.last.map { infos[$0] } }

    func contains(sequence: Int64) -> Bool { position(of: sequence).found }

    /// The packet itself arrived where a redundant copy of it is stored: the copy stays
    /// (the same audio) but is no longer one. False when no copy is stored there.
    mutating func confirmCopy(sequence: Int64) -> Bool {
        let (index, found) = position(of: sequence)
        guard found, let slot = slot(at: index), infos[slot].redundant else { return false }
        infos[slot].redundant = false
        return true
    }

    /// Stores a copy of `payload`. Returns false for a duplicate or when full.
    mutating func insert(_ info: PacketInfo, payload: UnsafeRawBufferPointer) -> Bool {
        let (index, found) = position(of: info.sequence)
        guard !found, payload.count <= maxPayloadBytes, let slot = free.popLast() else { return false }
        var stored = info
        stored.length = payload.count
        infos[slot] = stored
        let base = slot * maxPayloadBytes
        bytes.withUnsafeMutableBytes { dst in
            if let src = payload.baseAddress, payload.count > 0, let d = dst.baseAddress {
                (d + base).copyMemory(from: src, byteCount: payload.count)
            }
        }
        order.insert(slot, at: index)
        return true
    }

    /// Removes the packet at position `index` (0 is the oldest). Its bytes stay readable
    /// until the next insert.
    @discardableResult
    mutating func remove(at index: Int) -> PacketInfo? {
        guard index >= 0, index < order.count else { return nil }
        let slot = order.remove(at: index)
        free.append(slot)
        return infos[slot]
    }

    mutating func removeAll() {
        while !order.isEmpty { remove(at: order.count - 1) }
    }

    /// Calls `body` with the payload bytes of `slot`.
    func withPayload<R>(slot: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let info = infos[slot]
        return try bytes.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[slot * maxPayloadBytes ..< slot * maxPayloadBytes + info.length]))
        }
    }

    /// Binary search: where `sequence` is or would go.
    private func position(of sequence: Int64) -> (index: Int, found: Bool) {
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            let s = infos[order[mid]].sequence
            if s == sequence { return (mid, true) }
            if s < sequence { low = mid + 1 } else { high = mid }
        }
        return (low, false)
    }
}
