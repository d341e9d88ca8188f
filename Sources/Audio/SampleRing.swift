import Synchronization

/// A lock-free single-producer/single-consumer ring of 16-bit samples: where a device
/// thread meets a media thread.
///
/// One thread only writes, one thread only reads. The storage is allocated once, in `init`;
/// `write` and `read` never allocate, lock or block. The producer publishes what it wrote
/// with a release store of `written`; the consumer sees it with an acquire load (and the
/// other way round for `consumed`), so the samples are visible before the index that
/// covers them.
///
/// A full ring drops the newest samples (an overrun: the consumer is late); a short read
/// returns fewer samples than asked (an underrun: the producer is late). Both are counted.
public final class SampleRing: @unchecked Sendable {
    /// How many samples the ring holds.
    public let capacity: Int
    private let storage: UnsafeMutablePointer<Int16>
    /// Samples ever written (only the producer stores it). Never wraps in practice: at
    /// 48 kHz an `Int` counter lasts millions of years.
    private let written = Atomic<Int>(0)
    /// Samples ever read (only the consumer stores it).
    private let consumed = Atomic<Int>(0)
    private let overrunCount = Atomic<Int>(0)
    private let underrunCount = Atomic<Int>(0)
    private let droppedCount = Atomic<Int>(0)
    /// Wakes a consumer waiting in `poll` (see `wakeDescriptor`).
    private let doorbell = RingDoorbell()
    /// Samples the consumer keeps when it next reads (`requestTrim`), -1 for none.
    private let trimRequest = Atomic<Int>(-1)

    /// A ring of `capacity` samples (at least 1).
    public init(capacity: Int) {
        precondition(capacity > 0, "a ring holds at least one sample")
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
        storage.initialize(repeating: 0, count: capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// Samples ready to read (either side may ask; the answer can only grow for the
    /// consumer and only shrink for the producer while the other side runs).
    public var availableToRead: Int {
        written.load(ordering: .acquiring) &- consumed.load(ordering: .acquiring)
    }

    /// Room for writing.
    public var availableToWrite: Int { capacity - availableToRead }

    /// Times a write did not fit whole (samples were dropped).
    public var overruns: Int { overrunCount.load(ordering: .relaxed) }
    /// Times a read found fewer samples than asked.
    public var underruns: Int { underrunCount.load(ordering: .relaxed) }
    /// Samples dropped by overruns.
    public var droppedSamples: Int { droppedCount.load(ordering: .relaxed) }

    /// Producer side: copies as many of `samples` as fit and returns how many. When not all
    /// fit, the rest is dropped and an overrun counted.
    @discardableResult
    public func write(_ samples: UnsafeBufferPointer<Int16>) -> Int {
        guard let source = samples.baseAddress, !samples.isEmpty else { return 0 }
        let head = written.load(ordering: .relaxed)
        let tail = consumed.load(ordering: .acquiring)
        let room = capacity - (head &- tail)
        let count = min(room, samples.count)
        if count < samples.count {
            overrunCount.add(1, ordering: .relaxed)
            droppedCount.add(samples.count - count, ordering: .relaxed)
        }
        guard count > 0 else { return 0 }
        let start = head % capacity
        let first = min(count, capacity - start)
        (storage + start).update(from: source, count: first)
        if first < count {
            storage.update(from: source + first, count: count - first)
        }
        written.store(head &+ count, ordering: .releasing)
        doorbell.written(available: { head &+ count &- consumed.load(ordering: .acquiring) })
        return count
    }

    /// Consumer side: copies up to `buffer.count` samples into `buffer` and returns how
    /// many. A short read counts an underrun; the rest of `buffer` is left as it was.
    @discardableResult
    public func read(into buffer: UnsafeMutableBufferPointer<Int16>) -> Int {
        guard let target = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        applyTrim()
        let tail = consumed.load(ordering: .relaxed)
        let head = written.load(ordering: .acquiring)
        let count = min(head &- tail, buffer.count)
        if count < buffer.count {
            underrunCount.add(1, ordering: .relaxed)
        }
        guard count > 0 else { return 0 }
        let start = tail % capacity
        let first = min(count, capacity - start)
        target.update(from: storage + start, count: first)
        if first < count {
            (target + first).update(from: storage, count: count - first)
        }
        consumed.store(tail &+ count, ordering: .releasing)
        return count
    }

    /// Consumer side: fills all of `buffer`, with silence after the samples the ring had.
    /// Returns how many came from the ring. What a playback device does every period.
    @discardableResult
    public func readPaddingWithSilence(into buffer: UnsafeMutableBufferPointer<Int16>) -> Int {
        let count = read(into: buffer)
        if count < buffer.count, let base = buffer.baseAddress {
            (base + count).update(repeating: 0, count: buffer.count - count)
        }
        return count
    }

    /// Consumer side: discards up to `count` of the oldest samples; returns how many.
    @discardableResult
    public func discard(_ count: Int) -> Int {
        let tail = consumed.load(ordering: .relaxed)
        let head = written.load(ordering: .acquiring)
        let dropped = min(max(count, 0), head &- tail)
        consumed.store(tail &+ dropped, ordering: .releasing)
        return dropped
    }

    /// Producer side (or any thread): asks the consumer to drop all but the newest `keeping`
    /// samples before its next read — what the producer wrote while the consumer was not
    /// taking (a stalled device) would otherwise stay queued, as delay, for good.
    public func requestTrim(keeping: Int) {
        trimRequest.store(max(0, keeping), ordering: .releasing)
    }

    /// Consumer side: carries out a trim asked for (`read` does this itself; call it before
    /// sizing a read by `availableToRead`). Returns the samples dropped.
    @discardableResult
    public func applyTrim() -> Int {
        // A plain load first: the exchange (a locked instruction) only when asked.
        guard trimRequest.load(ordering: .relaxed) >= 0 else { return 0 }
        let keep = trimRequest.exchange(-1, ordering: .acquiring)
        guard keep >= 0 else { return 0 }
        return discard(availableToRead - keep)
    }

    /// Consumer side: discards everything readable (to drop stale samples after a stall).
    public func discardAll() {
        let head = written.load(ordering: .acquiring)
        consumed.store(head, ordering: .releasing)
    }
}

extension SampleRing {
    /// Consumer side: a descriptor that becomes readable (`POLLIN`) when an armed wait is
    /// over (`armWake`); nil when the system cannot make one (then poll on a timer).
    public var wakeDescriptor: Int32? { doorbell.descriptor() }

    /// Consumer side, before sleeping on `wakeDescriptor`: asks to be woken once `samples`
    /// are readable. False when they already are: do not sleep.
    public func armWake(samples: Int) -> Bool {
        doorbell.arm(samples: samples, available: { availableToRead })
    }

    /// Consumer side, after waking (for any reason): stops asking; `rang` (the descriptor
    /// polled readable) also clears it.
    public func disarmWake(rang: Bool) {
        doorbell.disarm(drain: rang)
    }

    /// Producer side, for arrays (tests, non-real-time callers).
    @discardableResult
    public func write(_ samples: [Int16]) -> Int {
        samples.withUnsafeBufferPointer { write($0) }
    }
}
