import Media
import NAT
import Testing

@Suite(.timeLimit(.minutes(1)))
struct AddressConversionTests {
    @Test(arguments: ["192.0.2.1", "127.0.0.1", "2001:db8::7", "::1"])
    func roundTrip(host: String) throws {
        let socket = try #require(SocketAddress(host: host, port: 40_002))
        let nat = socket.transportAddress
        #expect(nat == TransportAddress(host: host, port: 40_002))
        #expect(SocketAddress(nat) == socket)
        #expect(SocketAddress(nat).description == socket.description)
    }

    /// The loopback interface is always up; asked for, its address is listed, else not.
    @Test func interfacesListLoopbackOnlyWhenAsked() {
        let all = InterfaceAddresses.list(includeLoopback: true)
        #expect(all.contains { $0.address.isLoopback && $0.address.family == .ipv4 })
        #expect(!InterfaceAddresses.list().contains { $0.address.isLoopback })
        #expect(!InterfaceAddresses.list().contains { $0.address.isLinkLocal })
    }
}
