import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

// ICMP errors on UDP (RFC 3261 §18.4: "port unreachable" fails the transaction).
//
// An unconnected UDP socket gets no ICMP errors unless IP_RECVERR is on, and with it the
// kernel keeps each error on the socket's error queue, which only recvmsg(MSG_ERRQUEUE)
// drains. NIO cannot read that queue, and a non-empty queue keeps EPOLLERR raised: NIO
// would read SO_ERROR (0 after the first time) and close the listener. So instead, each
// UDP destination gets a socket connected to it and bound to the listener's own address
// and port (SO_REUSEPORT on both): the kernel reports ICMP errors for it as ECONNREFUSED,
// which NIO passes to `errorCaught` without closing; the Via sent-by stays right, and
// the peer's datagrams reach the connected socket (Linux prefers it in the reuseport
// group), which hands them to the same listener.
extension SIPTransportLayer {
    /// SO_REUSEPORT, which NIO has no named constant for.
    static var reusePort: ChannelOptions.Types.SocketOption {
        .init(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_REUSEPORT))
    }

    /// Most connected UDP sockets kept at once; the least recently used goes first.
    static let maxConnectedDatagramSockets = 64

    /// The connected socket for (listener, remote), made on first use.
    func connectedDatagramChannel(listener: BoundListener, remote: SIPTarget) -> EventLoopFuture<any Channel> {
        eventLoop.assertInEventLoop()
        let key = DatagramPeerKey(listener: listener.index, remote: remote)
        if let entry = datagramPeers[key] {
            entry.lastUse = .now()
            return entry.channel
        }
        if datagramPeers.count >= Self.maxConnectedDatagramSockets,
           let oldest = datagramPeers.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            dropDatagramPeer(oldest.key)
        }
        let channel: EventLoopFuture<any Channel>
        do {
            let local = try SocketAddress(ipAddress: listener.address, port: Int(listener.port))
            let remoteAddress = try Self.socketAddress(for: remote, fromIPv6Socket: listener.isIPv6)
            channel = DatagramBootstrap(group: eventLoop)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelOption(Self.reusePort, value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            DatagramHandler(layer: self, listener: listener.index, connectedTo: remote))
                    }
                }
                .bind(to: local)
                .flatMap { channel in channel.connect(to: remoteAddress).map { channel } }
        } catch {
            return eventLoop.makeFailedFuture(TransportError.unreachable)
        }
        datagramPeers[key] = DatagramPeer(channel: channel)
        channel.whenFailure { _ in self.datagramPeers[key] = nil }
        return channel
    }

    /// ICMP said the connected destination is unreachable: report the flow down and
    /// forget the socket (the next send makes a new one).
    func datagramUnreachable(listener: Int, remote: SIPTarget, _ error: TransportError) {
        eventLoop.assertInEventLoop()
        countersStorage.sendFailures += 1
        dropDatagramPeer(DatagramPeerKey(listener: listener, remote: remote))
        emit(.flowDown(FlowID(.datagram(listener: listener, remote: remote)), error: error))
    }

    /// Closes every connected UDP socket: after a change of our own addresses their
    /// source address (fixed when they connected) may be gone or no longer the route's.
    /// The next send to each destination connects a new one.
    public func forgetDatagramPeers() -> EventLoopFuture<Void> {
        eventLoop.submit {
            for key in Array(self.datagramPeers.keys) { self.dropDatagramPeer(key) }
        }
    }

    func dropDatagramPeer(_ key: DatagramPeerKey) {
        guard let entry = datagramPeers.removeValue(forKey: key) else { return }
        entry.channel.whenSuccess { $0.close(promise: nil) }
    }

    /// Closes connected UDP sockets unused for the idle timeout.
    func reapIdleDatagramPeers(now: NIODeadline) {
        let limit = configuration.connectionIdleTimeout
        for (key, entry) in datagramPeers where now - entry.lastUse >= limit {
            dropDatagramPeer(key)
        }
    }
}

struct DatagramPeerKey: Hashable {
    var listener: Int
    var remote: SIPTarget
}

/// A UDP socket connected to one destination. @unchecked: used only on the loop.
final class DatagramPeer: @unchecked Sendable {
    let channel: EventLoopFuture<any Channel>
    var lastUse: NIODeadline = .now()
    init(channel: EventLoopFuture<any Channel>) { self.channel = channel }
}
