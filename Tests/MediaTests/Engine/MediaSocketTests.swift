import Media
import Testing

@Suite(.timeLimit(.minutes(1)))
struct MediaSocketTests {
    @Test func addressesParseAndPrint() throws {
        let v4 = try #require(SocketAddress(host: "192.0.2.7", port: 5004))
        #expect(v4.description == "192.0.2.7:5004")
        #expect(!v4.isIPv6)
        let v6 = try #require(SocketAddress(host: "[2001:db8::1]", port: 6000))
        #expect(v6.description == "[2001:db8::1]:6000")
        #expect(v6.host == "2001:db8::1")
        #expect(v6.with(port: 6001).port == 6001)
        #expect(v4.with(port: 5005) == SocketAddress(host: "192.0.2.7", port: 5005))
        #expect(SocketAddress(host: "example.com", port: 1) == nil)
        #expect(SocketAddress(host: "1.2.3", port: 1) == nil)
        #expect(SocketAddress(host: "", port: 1) == nil)
    }

    @Test func bindsAnEvenPortInTheRange() throws {
        let sockets = try (0..<8).map { _ in try MediaSocket.bind(host: "127.0.0.1", ports: 30000...30040) }
        defer { sockets.forEach { $0.close() } }
        for s in sockets {
            #expect(s.localAddress.port % 2 == 0)
            #expect((30000...30040).contains(s.localAddress.port))
        }
        #expect(Set(sockets.map(\.localAddress.port)).count == 8)
    }

    @Test func pairsAreEvenAndOdd() throws {
        let blocker = try MediaSocket.bind(host: "127.0.0.1", port: 30203)
        defer { blocker.close() }
        var pairs: [(rtp: MediaSocket, rtcp: MediaSocket)] = []
        defer { pairs.forEach { $0.rtp.close(); $0.rtcp.close() } }
        for _ in 0..<3 { pairs.append(try MediaSocket.bindPair(host: "127.0.0.1", ports: 30200...30209)) }
        for pair in pairs {
            #expect(pair.rtp.localAddress.port % 2 == 0)
            #expect(pair.rtcp.localAddress.port == pair.rtp.localAddress.port + 1)
            #expect(pair.rtp.localAddress.port != 30202, "30203 is taken, so 30202 cannot pair")
        }
    }

    @Test func aFullRangeSaysSo() throws {
        let only = try MediaSocket.bind(host: "127.0.0.1", ports: 30100...30101)
        defer { only.close() }
        #expect(throws: MediaSocketError.noFreePort(host: "127.0.0.1", ports: 30100...30101)) {
            _ = try MediaSocket.bind(host: "127.0.0.1", ports: 30100...30101)
        }
        #expect(throws: MediaSocketError.badAddress("nowhere")) { _ = try MediaSocket.bind(host: "nowhere", port: 0) }
    }

    @Test func ipv6LoopbackWorks() throws {
        let a = try MediaSocket.bind(host: "::1", port: 0)
        let b = try MediaSocket.bind(host: "::1", port: 0)
        defer { a.close(); b.close() }
        let sent: [UInt8] = [1, 2, 3]
        #expect(sent.withUnsafeBytes { a.send($0, to: b.localAddress) })
        var buffer = [UInt8](repeating: 0, count: 16)
        var got: (count: Int, from: SocketAddress)?
        for _ in 0..<100 where got == nil {
            got = buffer.withUnsafeMutableBytes { b.receive(into: $0) }
            if got == nil { usleepMs(2) }
        }
        #expect(got?.count == 3)
        #expect(got?.from == a.localAddress)
    }
}

import Glibc
private func usleepMs(_ ms: UInt32) { usleep(ms * 1000) }
