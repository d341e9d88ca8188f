import Testing
@testable import NAT

@Suite(.timeLimit(.minutes(1)))
struct TransportAddressTests {
    @Test func parsesAndPrintsBothFamilies() throws {
        let v4 = try #require(TransportAddress(host: "192.0.2.1", port: 3478))
        #expect(v4.family == .ipv4)
        #expect(v4.addressBytes == [192, 0, 2, 1])
        #expect(v4.description == "192.0.2.1:3478")
        let v6 = try #require(TransportAddress(host: "[2001:db8::1]", port: 5))
        #expect(v6.family == .ipv6)
        #expect(v6.addressBytes.count == 16)
        #expect(v6.description == "[2001:db8::1]:5")
        #expect(TransportAddress(host: "example.com", port: 1) == nil)
        #expect(TransportAddress(addressBytes: [1, 2, 3], port: 1) == nil)
        #expect(TransportAddress(addressBytes: [192, 0, 2, 1], port: 3478) == v4)
    }

    @Test func classifiesScopes() throws {
        func a(_ host: String) throws -> TransportAddress { try #require(TransportAddress(host: host, port: 1)) }
        #expect(try a("127.0.0.1").isLoopback)
        #expect(try a("::1").isLoopback)
        #expect(try !a("::2").isLoopback)
        for host in ["10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "fd00::1"] {
            #expect(try a(host).isPrivate, "\(host)")
        }
        for host in ["172.32.0.1", "192.0.2.1", "8.8.8.8", "2001:db8::1"] {
            #expect(try !a(host).isPrivate, "\(host)")
        }
        #expect(try a("169.254.1.1").isLinkLocal)
        #expect(try a("fe80::1").isLinkLocal)
        #expect(try a("0.0.0.0").isUnspecified)
        #expect(try !a("0.0.0.1").isUnspecified)
    }

    @Test func equalityIncludesPort() throws {
        let a = try #require(TransportAddress(host: "192.0.2.1", port: 1))
        #expect(a != a.with(port: 2))
        #expect(a == a.with(port: 2).with(port: 1))
    }
}
