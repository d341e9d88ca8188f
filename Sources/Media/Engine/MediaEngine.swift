import Audio
import Glibc
import Synchronization

/// The media loop: one real-time-ish thread that serves every call's streams. It waits in
/// `poll` for datagrams and wakes every `tick` to move audio, or, with a sound device,
/// whenever the device hands over captured frames. A device that can (PulseAudio) has
/// its own event loop run inside this one's `poll` during calls (`DeviceLoop`), looked at
/// once per captured fragment: one thread wakes ~50 times a second for a call, where the
/// device's thread and this one together woke ~220 times. Other threads talk to it only
/// through its mailbox; the closures they post run on the media thread, so the stream
/// objects (codecs, jitter buffers, sockets) never cross threads.
public final class MediaEngine: Sendable {
    /// 10 ms: the frame of the playout and of capture; packets of 20, 30, 40 or 60 ms are
    /// made of several ticks.
    public static let tick = Duration.milliseconds(10)
    /// A device that delivers no frame for this long is stalled; ticks go on with silence.
    static let stallLimit = Duration.milliseconds(60)

    private enum Message: Sendable {
        case add(MediaStreamID, @Sendable () -> (any MediaStreamHandler)?)
        case update(MediaStreamID, @Sendable ((any MediaStreamHandler)?) -> Void)
        case remove(MediaStreamID)
        /// Work on the media thread that is not about one stream (the device hub).
        case run(@Sendable () -> Void)
        case stop
    }

    /// Messages for the media thread; closed (under the same lock) when stopping, so that
    /// every message that got in is seen by the thread before it ends.
    private struct Mailbox {
        var messages: [Message] = []
        var open = true
    }

    private let mailbox = Mutex(Mailbox())
    /// A pipe: the mailbox's posters write a byte to wake `poll`.
    private let wakeDescriptor: Int32
    private let wakeReader: Int32
    private let nextID = Atomic<Int>(1)
    private let thread = Mutex<MediaThread?>(nil)
    /// Where calls meet the sound card; media thread only (reach it through `run`).
    let hub = DeviceHub()

    public init() throws(MediaEngineError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw .system("pipe", errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeReader = fds[0]
        wakeDescriptor = fds[1]
        let loop = Loop(wakeReader: fds[0], hub: hub)
        let started = try MediaThread { [self] in loop.run(take: { self.takeMessages() }) }
        thread.withLock { $0 = started }
    }

    /// Adds a stream built on the media thread by `make` (nil: nothing is added).
    public func add(_ make: @escaping @Sendable () -> (any MediaStreamHandler)?) throws(MediaEngineError) -> MediaStreamID {
        let id = MediaStreamID(nextID.wrappingAdd(1, ordering: .relaxed).oldValue)
        try post(.add(id, make))
        return id
    }

    /// Runs `change` on the stream, on the media thread; with nil when the stream is gone
    /// (so that whoever waits for an answer gets one).
    public func update(_ id: MediaStreamID, _ change: @escaping @Sendable ((any MediaStreamHandler)?) -> Void) throws(MediaEngineError) {
        try post(.update(id, change))
    }

    /// Runs `work` on the media thread, after what was posted before it.
    func run(_ work: @escaping @Sendable () -> Void) throws(MediaEngineError) {
        try post(.run(work))
    }

    /// Closes and forgets the stream.
    public func remove(_ id: MediaStreamID) {
        try? post(.remove(id))
    }

    /// Closes every stream and ends the thread; waits for it.
    public func stop() {
        let first = mailbox.withLock { box -> Bool in
            guard box.open else { return false }
            box.open = false
            box.messages.append(.stop)
            return true
        }
        guard first else { return }
        wake()
        let finished = thread.withLock { t -> MediaThread? in
            defer { t = nil }
            return t
        }
        finished?.join()
        close(wakeDescriptor)
        close(wakeReader)
    }

    deinit { stop() }

    private func post(_ message: Message) throws(MediaEngineError) {
        let posted = mailbox.withLock { box -> Bool in
            guard box.open else { return false }
            box.messages.append(message)
            return true
        }
        guard posted else { throw .stopped }
        wake()
    }

    private func wake() {
        // A full pipe already means "wake up"; the byte may be dropped.
        var one: UInt8 = 1
        _ = write(wakeDescriptor, &one, 1)
    }

    private func takeMessages() -> [Message] {
        mailbox.withLock { box in
            defer { box.messages.removeAll(keepingCapacity: true) }
            return box.messages
        }
    }

    /// The thread's own state; touched only on the media thread.
    private final class Loop: @unchecked Sendable {
        let wakeReader: Int32
        let hub: DeviceHub
        var streams: [MediaStreamID: any MediaStreamHandler] = [:]
        var pollSet: [pollfd] = []
        var pollOwners: [(MediaStreamID, MediaSocket)] = []
        /// `pollSet` slots before the streams' sockets: the mailbox, then the capture
        /// ring's wake descriptor (-1 while not waiting for the device: `poll` skips it).
        static let fixedSlots = 2
        /// How long after its predicted time a block is looked for (PulseAudio hands a
        /// fragment over in two pieces about a millisecond apart), and how much earlier
        /// than one period the next prediction falls.
        static let blockMargin = Duration.milliseconds(2)
        static let blockLead = Duration.microseconds(20)
        /// Whether the device hands frames over in pairs (then the loop waits for both).
        var burst = CaptureBurst()
        /// Whether the sockets' slots are hidden from `poll` (-1) for this wait.
        var socketsHidden = false
        /// With an adopted device loop: when its next block of captured audio should be
        /// complete, and how long the next wait ignores the device (see `prepareWait`).
        var blockDue: ContinuousClock.Instant?
        var deviceAfter: Int32 = 0

        init(wakeReader: Int32, hub: DeviceHub) {
            self.wakeReader = wakeReader
            self.hub = hub
        }

        /// How long `poll` may wait: until the next timer tick; while the device's capture
        /// paces the ticks, until the device hands over a frame, or both frames of a pair
        /// (its ring's descriptor is armed and polled: one wake-up per delivery, none in
        /// between), or until the pair is late or the device has stalled; with no call, no
        /// device and no tone, until something is posted (an idle phone does not wake 100
        /// times a second). While it waits for the device, datagrams do not wake it: they
        /// wait in the socket until the frames come (`readDeferredSockets`) — a packet
        /// cannot play before the next tick anyway, and a wake-up per packet costs a
        /// context switch and a `poll` (in a VM, more than reading the packet).
        private func prepareWait(now: ContinuousClock.Instant, nextTick: ContinuousClock.Instant,
                                 lastTick: ContinuousClock.Instant, stalled: Bool) -> Int32 {
            func ms(_ d: Duration) -> Int32 { d > .zero ? Int32((d / .milliseconds(1)).rounded(.up)) : 0 }
            if socketsHidden { showSockets() }
            deviceAfter = 0
            if streams.isEmpty && hub.isQuiet { return -1 }
            guard hub.drivesClock, !stalled else { return ms(now.duration(to: nextTick)) }
            if let loop = hub.deviceLoop {
                if framesToTick(now: now, lastTick: lastTick) { return 0 }
                // The device's loop runs in our poll: its captured frames arrive during it,
                // no doorbell needed. Until the next block is due the device is not even
                // watched: PulseAudio's messages before it (the block's first half, releases
                // of played memory, the answer to a measurement of the playback queue) wait
                // and are served in the same wake-up as the block. The prediction runs a
                // little early (`blockLead`) so that the device's clock, faster or slower,
                // never leaves blocks waiting: a block not there when due is waited for,
                // and its arrival is the new anchor.
                hideSockets()
                deviceAfter = blockDue.map { ms(now.duration(to: $0 + Self.blockMargin)) } ?? 0
                // Part of a fragment is here: the rest is waited for, but not for long.
                let until = hub.framesReady > 0 ? lastTick + Self.lateFragment(burst: burstFrames(loop)) : lastTick + MediaEngine.stallLimit
                return max(1, ms(now.duration(to: until)))
            }
            if hub.framesReady > 0 { return 0 }
            guard let descriptor = hub.captureWakeDescriptor else {
                // No descriptor (no pipe to be had): look again shortly.
                return 2
            }
            guard hub.armCaptureWake(frames: burst.frames) else { return 0 }
            pollSet[1].fd = descriptor
            hideSockets()
            let stall = lastTick + MediaEngine.stallLimit
            let until = burst.frames > 1 ? min(stall, burst.deadline(after: lastTick)) : stall
            return max(1, ms(now.duration(to: until)))
        }

        /// Frames the loop waits for from an adopted device: a whole fragment (PulseAudio
        /// hands its 20 ms over in two pieces, a millisecond apart) and a whole block.
        private func burstFrames(_ loop: any DeviceLoop) -> Int {
            max(hub.blockFrames, loop.fragmentMilliseconds / 10)
        }

        /// How long after the last tick part of a fragment is ticked anyway.
        static func lateFragment(burst: Int) -> Duration { MediaEngine.tick * burst + blockMargin * 4 }

        /// Whether the device's frames are there to tick: any, without an adopted loop;
        /// with one, a whole fragment, or part of one that is late.
        private func framesToTick(now: ContinuousClock.Instant, lastTick: ContinuousClock.Instant) -> Bool {
            let ready = hub.framesReady
            guard ready > 0 else { return false }
            guard let loop = hub.deviceLoop else { return true }
            let burst = burstFrames(loop)
            return ready >= burst || now >= lastTick + Self.lateFragment(burst: burst)
        }

        /// After a block of the adopted device was ticked at `after`: when the next is due.
        private func predictNextBlock(after: ContinuousClock.Instant) {
            guard let loop = hub.deviceLoop else { return }
            let period = MediaEngine.tick * burstFrames(loop) - Self.blockLead
            if let due = blockDue, !loop.waitedForDevice {
                // It was there when looked for: keep the cadence (a little early).
                blockDue = due + period
            } else {
                // Waited for (or the first): its arrival is the anchor.
                blockDue = after + period
            }
        }

        private func tickAll(now: ContinuousClock.Instant) {
            hub.beginTick()
            for stream in streams.values { stream.tick(now: now) }
            hub.endTick()
        }

        func run(take: () -> [Message]) {
            let clock = ContinuousClock()
            var nextTick = clock.now + MediaEngine.tick
            var lastTick = clock.now
            var stalled = false
            rebuildPollSet()
            while true {
                let timeout = prepareWait(now: clock.now, nextTick: nextTick, lastTick: lastTick, stalled: stalled)
                var ready = poll(timeout: timeout)
                let after = clock.now
                if hub.drivesClock, !stalled { hub.wakeUps &+= 1 }
                if pollSet[1].fd >= 0 {
                    let rang = pollSet[1].revents != 0
                    if rang {
                        burst.rang(at: after)
                    } else if after >= burst.deadline(after: lastTick) {
                        burst.expired(ready: hub.framesReady)
                    }
                    hub.disarmCaptureWake(rang: rang)
                    pollSet[1].fd = -1
                    pollSet[1].revents = 0
                }
                if socketsHidden, hub.deviceLoop == nil || framesToTick(now: after, lastTick: lastTick)
                    || lastTick.duration(to: after) >= MediaEngine.stallLimit {
                    ready = max(ready, 0) + readDeferredSockets()
                }
                // Else the adopted device's loop woke us for its own business (a refill, a
                // release of played memory), not with frames: the datagrams wait on, and
                // the wake-up costs no look at the sockets.
                if ready > 0 {
                    if pollSet[0].revents != 0 {
                        var drain = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
                        while read(wakeReader, &drain, 32) == 32 {}
                        if !apply(take()) { break }
                    }
                    for i in Self.fixedSlots..<pollSet.count where pollSet[i].revents & Int16(POLLIN) != 0 {
                        let (id, socket) = pollOwners[i - Self.fixedSlots]
                        streams[id]?.readable(socket, now: after)
                    }
                }
                if hub.drivesClock, !stalled {
                    // The device's clock paces the calls: one tick per captured frame (a
                    // few at most at once, so sockets are served between them).
                    var ticks = 0
                    while framesToTick(now: after, lastTick: lastTick) || (ticks > 0 && hub.framesReady > 0), ticks < 4 {
                        tickAll(now: after)
                        ticks += 1
                    }
                    if ticks > 0 {
                        if let loop = hub.deviceLoop {
                            predictNextBlock(after: after)
                            loop.flush()
                        }
                        lastTick = after
                    } else if lastTick.duration(to: after) >= MediaEngine.stallLimit {
                        // The device stalled (unplugged, suspended): the calls go on, on
                        // the engine's clock, with silence, until frames come again.
                        stalled = true
                        nextTick = after
                    }
                } else if stalled, hub.framesReady > 0 || !hub.drivesClock {
                    stalled = false
                    lastTick = after
                    hub.deviceResumed()
                }
                if !hub.drivesClock || stalled, after >= nextTick {
                    tickAll(now: after)
                    hub.deviceLoop?.flush()
                    lastTick = after
                    nextTick += MediaEngine.tick
                    // After a stall (suspend, debugger) resume from now instead of
                    // running a burst of catch-up ticks.
                    if after > nextTick + MediaEngine.tick * 10 {
                        nextTick = after + MediaEngine.tick
                    }
                }
            }
            hub.releaseDeviceLoop()
            for stream in streams.values { stream.close() }
            streams.removeAll()
            // Whatever was posted while stopping still gets an answer, and its sockets closed.
            _ = apply(take())
        }

        /// False when told to stop. Messages after a stop are answered as if their stream
        /// were gone.
        private func apply(_ messages: [Message]) -> Bool {
            var changed = false
            var stopping = false
            for message in messages {
                if stopping {
                    if case .update(_, let change) = message { change(nil) }
                    if case .add(_, let make) = message { make()?.close() }
                    if case .run(let work) = message { work() }
                    continue
                }
                switch message {
                case .add(let id, let make):
                    if let stream = make() {
                        streams[id] = stream
                        changed = true
                    }
                case .update(let id, let change):
                    change(streams[id])
                    changed = changed || streams[id] != nil
                case .remove(let id):
                    if let stream = streams.removeValue(forKey: id) {
                        stream.close()
                        changed = true
                    }
                case .run(let work):
                    work()
                case .stop:
                    stopping = true
                }
            }
            if changed, !stopping { rebuildPollSet() }
            return !stopping
        }

        /// Waits for the poll set, in the device's loop when the hub has adopted it.
        private func poll(timeout: Int32) -> Int32 {
            guard let loop = hub.deviceLoop else { return Glibc.poll(&pollSet, nfds_t(pollSet.count), timeout) }
            return pollSet.withUnsafeMutableBufferPointer { fds in
                guard let base = fds.baseAddress else { return -1 }
                return loop.poll(base, count: fds.count, timeout: timeout, deviceAfter: deviceAfter)
            }
        }

        /// Takes the sockets out of the next `poll` (a negative descriptor is skipped).
        private func hideSockets() {
            for i in Self.fixedSlots..<pollSet.count { pollSet[i].fd = -1 }
            socketsHidden = true
        }

        /// Puts the hidden sockets back, unlooked at (the next `poll` sees their datagrams).
        private func showSockets() {
            for i in Self.fixedSlots..<pollSet.count { pollSet[i].fd = pollOwners[i - Self.fixedSlots].1.descriptor }
            socketsHidden = false
        }

        /// After a wait with hidden sockets: puts them back and marks those with datagrams
        /// waiting, as if `poll` had watched them (one non-blocking `poll`, however many
        /// sockets; the mailbox's result from the wait is kept). Returns how many are
        /// marked; a failed check marks them all (each read then finds what there is).
        private func readDeferredSockets() -> Int32 {
            socketsHidden = false
            guard pollSet.count > Self.fixedSlots else { return 0 }
            let mailbox = pollSet[0]
            pollSet[0].fd = -1
            for i in Self.fixedSlots..<pollSet.count { pollSet[i].fd = pollOwners[i - Self.fixedSlots].1.descriptor }
            var ready = Glibc.poll(&pollSet, nfds_t(pollSet.count), 0)
            if ready < 0 {
                for i in Self.fixedSlots..<pollSet.count { pollSet[i].revents = Int16(POLLIN) }
                ready = Int32(pollSet.count - Self.fixedSlots)
            }
            pollSet[0] = mailbox
            pollSet[1].revents = 0
            return ready
        }

        private func rebuildPollSet() {
            pollSet = [pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: -1, events: Int16(POLLIN), revents: 0)]
            pollOwners = []
            for (id, stream) in streams {
                for socket in stream.sockets {
                    pollSet.append(pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0))
                    pollOwners.append((id, socket))
                }
            }
        }
    }
}
