import Glibc

/// Watches this machine's addresses through an rtnetlink socket and reports each settled
/// change of the usable ones (`InterfaceAddresses.list()`: up, not loopback, not
/// link-local) to `onChange`, on its own thread. The socket is read without blocking; a
/// pipe wakes the thread to stop. Notifications only say *that* something moved: what
/// moved is read afresh from getifaddrs once a burst settles, so a lost or garbled
/// notification cannot leave a wrong view behind.
public final class InterfaceWatcher: @unchecked Sendable {
    /// Multicast groups of <linux/rtnetlink.h>.
    static let groups: UInt32 = 0x1 /* RTMGRP_LINK */ | 0x10 /* IPV4_IFADDR */ | 0x100 /* IPV6_IFADDR */

    private let netlink: Int32
    private let wakeReader: Int32
    private let wakeWriter: Int32
    private var thread: pthread_t?
    // The debounce times; the debouncer itself lives on the watcher's thread, which reads
    // the baseline addresses first (two netlink dumps, kept off the caller's start-up path).
    private let quiet: Duration
    private let maxWait: Duration
    private let onChange: @Sendable (InterfaceChange) -> Void
    private let list: @Sendable () -> [InterfaceAddresses.Entry]

    /// Opens the socket and starts the thread. `list` reads the usable addresses (tests
    /// may narrow it); `quiet`/`maxWait` are the debounce times.
    public static func start(quiet: Duration = .milliseconds(300), maxWait: Duration = .seconds(2),
                             list: @escaping @Sendable () -> [InterfaceAddresses.Entry] = { InterfaceAddresses.list() },
                             onChange: @escaping @Sendable (InterfaceChange) -> Void) throws(MediaSocketError) -> InterfaceWatcher {
        let fd = socket(AF_NETLINK, Int32(SOCK_RAW.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0 /* NETLINK_ROUTE */)
        guard fd >= 0 else { throw .system("socket(AF_NETLINK)", errno) }
        // struct sockaddr_nl: family, padding, pid (0: the kernel picks), groups.
        var address = (UInt16(AF_NETLINK), UInt16(0), UInt32(0), groups)
        let bound = withUnsafeBytes(of: &address) { raw in
            Glibc.bind(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw .system("bind(AF_NETLINK)", code)
        }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            let code = errno
            close(fd)
            throw .system("pipe", code)
        }
        for end in pipeEnds {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        let watcher = InterfaceWatcher(netlink: fd, wakeReader: pipeEnds[0], wakeWriter: pipeEnds[1],
                                       quiet: quiet, maxWait: maxWait, list: list, onChange: onChange)
        let box = Unmanaged.passRetained(watcher).toOpaque()
        var handle = pthread_t()
        let started = pthread_create(&handle, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<InterfaceWatcher>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, box)
        guard started == 0 else {
            Unmanaged<InterfaceWatcher>.fromOpaque(box).release()
            watcher.closeDescriptors()
            throw .system("pthread_create", started)
        }
        watcher.thread = handle
        return watcher
    }

    private init(netlink: Int32, wakeReader: Int32, wakeWriter: Int32, quiet: Duration, maxWait: Duration,
                 list: @escaping @Sendable () -> [InterfaceAddresses.Entry], onChange: @escaping @Sendable (InterfaceChange) -> Void) {
        self.netlink = netlink
        self.wakeReader = wakeReader
        self.wakeWriter = wakeWriter
        self.quiet = quiet
        self.maxWait = maxWait
        self.list = list
        self.onChange = onChange
    }

    /// Stops the thread and waits for it; call once, from the owner.
    public func stop() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
        if let thread { pthread_join(thread, nil) }
        thread = nil
        closeDescriptors()
    }

    private func closeDescriptors() {
        close(netlink)
        close(wakeReader)
        close(wakeWriter)
    }

    private func run() {
        // The socket is already subscribed: a change from here on is seen as activity.
        var debouncer = AddressChangeDebouncer(baseline: list(), quiet: quiet, maxWait: maxWait)
        let clock = ContinuousClock()
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var fds = [pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: netlink, events: Int16(POLLIN), revents: 0)]
        while true {
            var timeout: Int32 = -1
            if let deadline = debouncer.deadline {
                let left = clock.now.duration(to: deadline)
                timeout = left > .zero ? Int32(min(60_000, (left / .milliseconds(1)).rounded(.up))) : 0
            }
            fds[0].revents = 0
            fds[1].revents = 0
            let ready = poll(&fds, 2, timeout)
            if ready < 0, errno != EINTR { return }
            if fds[0].revents != 0 { return }
            if fds[1].revents != 0, drain(into: &buffer) { debouncer.noteActivity(now: clock.now) }
            let now = clock.now
            if let deadline = debouncer.deadline, now >= deadline, let change = debouncer.settle(current: list(), now: now) {
                onChange(change)
            }
        }
    }

    /// Reads what the socket holds (64 datagrams at most per wake-up: a flood cannot keep
    /// the thread here); true when any of it may change the usable addresses.
    private func drain(into buffer: inout [UInt8]) -> Bool {
        var relevant = false
        for _ in 0..<64 {
            let count = buffer.withUnsafeMutableBytes { recv(netlink, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count < 0 {
                // ENOBUFS: the kernel dropped notifications; look again to be sure.
                if errno == ENOBUFS { relevant = true; continue }
                break
            }
            if count == 0 { break }
            let parsed = buffer.withUnsafeBytes { NetlinkMessage.parse(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            if parsed.messages.contains(where: Self.mayChangeUsable) || parsed.error != nil { relevant = true }
        }
        return relevant
    }

    /// Loopback and link-local addresses are never host candidates nor a Contact.
    static func mayChangeUsable(_ message: NetlinkMessage) -> Bool {
        switch message {
        case .address(_, _, let address, _): !address.isLoopback && !address.isLinkLocal
        case .link, .overrun: true
        case .error: false
        }
    }
}
