import Glibc

extension MediaSocket {
    /// Moves a UDP socket to `host` (its address went away with a network change): a new
    /// socket is bound there, on `port` when it is free, else on one the kernel picks, and
    /// takes this socket's descriptor number (dup2), so the media loop's poll set and
    /// every holder of this object keep working. Media thread (the owner) only.
    public func rebind(host: String, port: UInt16) throws(MediaSocketError) {
        guard peer == nil else { throw .badAddress("a TCP connection cannot move") }
        let fresh: MediaSocket
        do {
            fresh = try MediaSocket.bind(host: host, port: port)
        } catch {
            guard case .addressInUse = error, port != 0 else { throw error }
            fresh = try MediaSocket.bind(host: host, port: 0)
        }
        defer { fresh.close() }
        guard dup2(fresh.descriptor, descriptor) >= 0 else { throw .system("dup2", errno) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)   // dup2 clears it
        localAddress = fresh.localAddress
    }
}
