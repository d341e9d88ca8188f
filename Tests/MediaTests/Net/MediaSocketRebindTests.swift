import Glibc
import Media
import Testing

/// A media socket moved to another address keeps its descriptor (the media loop's poll
/// set stays valid) and works there: 127.0.0.2 stands in for a new interface address.
@Suite(.timeLimit(.minutes(1)))
struct MediaSocketRebindTests {
    static func exchange(from sender: MediaSocket, to receiver: MediaSocket, _ text: String) -> (String, SocketAddress)? {
        let sent = Array(text.utf8).withUnsafeBytes { sender.send($0, to: receiver.localAddress) }
        guard sent else { return nil }
        var buffer = [UInt8](repeating: 0, count: 64)
        for _ in 0..<200 {
            let got = buffer.withUnsafeMutableBytes { receiver.receive(into: $0) }
            if let (count, from) = got { return (String(decoding: buffer[0..<count], as: UTF8.self), from) }
            usleep(5_000)
        }
        return nil
    }

    @Test func aMovedSocketKeepsItsDescriptorAndPortAndWorksFromTheNewAddress() throws {
        let socket = try MediaSocket.bind(host: "127.0.0.1", port: 0)
        let peer = try MediaSocket.bind(host: "127.0.0.1", port: 0)
        defer { socket.close(); peer.close() }
        let descriptor = socket.descriptor
        let port = socket.localAddress.port
        try socket.rebind(host: "127.0.0.2", port: port)
        #expect(socket.descriptor == descriptor)
        #expect(socket.localAddress == SocketAddress(host: "127.0.0.2", port: port))
        // Both ways: it sends from the new address and receives there.
        let outbound = Self.exchange(from: socket, to: peer, "from the new address")
        #expect(outbound?.0 == "from the new address")
        #expect(outbound?.1 == SocketAddress(host: "127.0.0.2", port: port))
        #expect(Self.exchange(from: peer, to: socket, "to the new address")?.0 == "to the new address")
        // Still non-blocking and close-on-exec.
        #expect(fcntl(descriptor, F_GETFL) & O_NONBLOCK != 0)
        #expect(fcntl(descriptor, F_GETFD) & FD_CLOEXEC != 0)
    }

    @Test func aTakenPortFallsBackToOneTheKernelPicks() throws {
        let socket = try MediaSocket.bind(host: "127.0.0.1", port: 0)
        let squatter = try MediaSocket.bind(host: "127.0.0.3", port: socket.localAddress.port)
        defer { socket.close(); squatter.close() }
        try socket.rebind(host: "127.0.0.3", port: socket.localAddress.port)
        #expect(socket.localAddress.host == "127.0.0.3")
        #expect(socket.localAddress.port != squatter.localAddress.port)
    }

    @Test func aTCPConnectionCannotMove() throws {
        let connection = try MediaSocket.connect(to: SocketAddress(host: "127.0.0.1", port: 9)!)
        defer { connection.close() }
        #expect(throws: MediaSocketError.self) { try connection.rebind(host: "127.0.0.2", port: 0) }
    }
}
