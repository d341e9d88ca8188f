import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A UDP relay on 127.0.0.1 between two media endpoints, A and B, that impairs the
/// traffic: loss (random and Gilbert–Elliott bursts), delay with uniform or heavy-tailed
/// jitter, reordering and duplication, each direction from its own fixed seed.
///
/// It binds two ports: A's endpoint sends to `portA` and the relay forwards from
/// `portB` to B's endpoint, and the other way round. Each endpoint's port is configured
/// or latched from the first datagram it sends. One thread does the work; `stop()` ends
/// it and closes both sockets; the running thread keeps the relay alive, so always call
/// `stop()` (e.g. in a `defer`). Usable from tests and benchmarks.
public final class ImpairmentRelay: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var aToB: Impairment
        public var bToA: Impairment
        /// Each direction draws from its own generator derived from this seed.
        public var seed: UInt64
        /// A's and B's endpoint ports; nil: latched from their first datagram.
        public var endpointA: UInt16?
        public var endpointB: UInt16?
        /// Packets waiting for their send time beyond this are discarded.
        public var queueLimit: Int

        public init(aToB: Impairment = .none, bToA: Impairment = .none, seed: UInt64 = 1,
                    endpointA: UInt16? = nil, endpointB: UInt16? = nil, queueLimit: Int = 50_000) {
            self.aToB = aToB
            self.bToA = bToA
            self.seed = seed
            self.endpointA = endpointA
            self.endpointB = endpointB
            self.queueLimit = queueLimit
        }
    }

    /// Where A's endpoint sends (and hears from); where B's does.
    public var portA: UInt16 { socketA.port }
    public var portB: UInt16 { socketB.port }

    private let socketA: RelaySocket
    private let socketB: RelaySocket
    private let lock = NSLock()
    // Guarded by `lock`; the relay thread is the only writer apart from start/stop.
    private var state: State
    private var running = false
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)

    struct State {
        var deciders: (aToB: ImpairmentDecider, bToA: ImpairmentDecider)
        var counters = (aToB: RelayCounters(), bToA: RelayCounters())
        var endpointA: UInt16?
        var endpointB: UInt16?
        var arrivals: (aToB: UInt64, bToA: UInt64) = (0, 0)
        var highestSent: (aToB: UInt64?, bToA: UInt64?) = (nil, nil)
    }

    private let queueLimit: Int

    /// Binds both ports (kernel-chosen) without starting.
    public init(_ configuration: Configuration) throws {
        socketA = try RelaySocket(port: 0)
        do { socketB = try RelaySocket(port: 0) } catch { socketA.close(); throw error }
        queueLimit = configuration.queueLimit
        state = State(
            deciders: (ImpairmentDecider(configuration.aToB, seed: configuration.seed),
                       ImpairmentDecider(configuration.bToA, seed: configuration.seed ^ 0xB0A_B0A_B0A)),
            endpointA: configuration.endpointA, endpointB: configuration.endpointB)
    }

    deinit { stop() }

    /// Starts the relay thread; a relay starts once.
    public func start() {
        lock.lock()
        defer { lock.unlock() }
        guard !running, !stopping else { return }
        running = true
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "impairment-relay"
        thread.start()
    }

    /// Stops the thread (within ~10 ms), waits for it, and closes both sockets.
    /// Packets still waiting for their send time are discarded.
    public func stop() {
        lock.lock()
        let wasRunning = running
        let already = stopping
        stopping = true
        lock.unlock()
        guard !already else { return }
        if wasRunning { finished.wait() }
        socketA.close()
        socketB.close()
    }

    /// What the relay did so far, per direction.
    public var counters: (aToB: RelayCounters, bToA: RelayCounters) {
        lock.lock()
        defer { lock.unlock() }
        return state.counters
    }

    /// The endpoint ports, once configured or latched.
    public var endpoints: (a: UInt16?, b: UInt16?) {
        lock.lock()
        defer { lock.unlock() }
        return (state.endpointA, state.endpointB)
    }

    private var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    private func run() {
        var queue = DelayQueue()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var fds = [pollfd(fd: socketA.fd, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: socketB.fd, events: Int16(POLLIN), revents: 0)]
        while !isStopping {
            flush(&queue, now: Self.now())
            let wait = queue.nextDue.map { due -> Int32 in
                let now = Self.now()
                return due <= now ? 0 : Int32(min(10, (due - now + 999_999) / 1_000_000))
            } ?? 10
            _ = poll(&fds, nfds_t(fds.count), wait)
            for (side, socket) in [(true, socketA), (false, socketB)] {
                // Bounded per round so one flooded side cannot starve the other or the queue.
                for _ in 0..<256 {
                    guard let (length, source) = socket.receive(into: &buffer) else { break }
                    accept(Array(buffer[0..<length]), fromA: side, source: source, queue: &queue)
                }
            }
        }
    }

    private func accept(_ bytes: [UInt8], fromA: Bool, source: UInt16, queue: inout DelayQueue) {
        let now = Self.now()
        lock.lock()
        defer { lock.unlock() }
        if fromA, state.endpointA == nil { state.endpointA = source }
        if !fromA, state.endpointB == nil { state.endpointB = source }
        counting(towardB: fromA) { $0.received += 1 }
        guard (fromA ? state.endpointB : state.endpointA) != nil, queue.count < queueLimit else {
            counting(towardB: fromA) { $0.discarded += 1 }
            return
        }
        let decision: ImpairmentDecider.Decision
        let index: UInt64
        if fromA {
            decision = state.deciders.aToB.next()
            (index, state.arrivals.aToB) = (state.arrivals.aToB, state.arrivals.aToB + 1)
        } else {
            decision = state.deciders.bToA.next()
            (index, state.arrivals.bToA) = (state.arrivals.bToA, state.arrivals.bToA + 1)
        }
        counting(towardB: fromA) { c in
            if decision.dropped { c.dropped += 1 }
            if decision.reordered { c.heldBack += 1 }
            c.duplicated += max(0, decision.delaysMs.count - 1)
        }
        for delay in decision.delaysMs {
            queue.push(due: now &+ UInt64(max(0, delay) * 1_000_000), towardB: fromA, index: index, bytes: bytes)
        }
    }

    private func flush(_ queue: inout DelayQueue, now: UInt64) {
        while let due = queue.nextDue, due <= now, let entry = queue.pop() {
            lock.lock()
            let port = entry.towardB ? state.endpointB : state.endpointA
            let highest = entry.towardB ? state.highestSent.aToB : state.highestSent.bToA
            let late = highest.map { entry.index < $0 } ?? false
            let newHighest = max(highest ?? entry.index, entry.index)
            if entry.towardB { state.highestSent.aToB = newHighest } else { state.highestSent.bToA = newHighest }
            lock.unlock()
            let sent = port.map { (entry.towardB ? socketB : socketA).send(entry.bytes, toPort: $0) } ?? false
            lock.lock()
            counting(towardB: entry.towardB) { c in
                if late { c.outOfOrder += 1 }
                if sent { c.forwarded += 1 } else { c.sendFailures += 1 }
            }
            lock.unlock()
        }
    }

    /// Updates one direction's counters; the caller holds `lock`.
    private func counting(towardB: Bool, _ body: (inout RelayCounters) -> Void) {
        if towardB { body(&state.counters.aToB) } else { body(&state.counters.bToA) }
    }

    /// Monotonic clock in nanoseconds.
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
