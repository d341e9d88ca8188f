import NAT
import Testing
@testable import Media

/// The hand-driven TLS client without a server: what it sends first, hostile bytes, and
/// being dropped or closed in every state without trapping (NIOSSL's shutdown timer on an
/// embedded loop traps if left behind).
@Suite(.timeLimit(.minutes(1)))
struct TLSClientStreamTests {
    static let server = TransportAddress(host: "192.0.2.1", port: 5349)!

    static func ciphertext(of stream: TLSClientStream) -> [UInt8] {
        var out: [UInt8] = []
        stream.takeCiphertext { out += $0 }
        return out
    }

    @Test func startsWithAClientHelloThatNamesTheServer() throws {
        let stream = try TLSClientStream(context: try TURNTLSContexts.context(caFile: nil), serverName: "turn.example.com",
                                         server: Self.server)
        let hello = Self.ciphertext(of: stream)
        #expect(hello.first == 0x16, "a TLS handshake record")
        #expect(hello.count > 100)
        // SNI carries the name (RFC 6066), as plain bytes in the ClientHello.
        #expect(String(decoding: hello, as: UTF8.self).contains("turn.example.com"))
        // Application data waits for the handshake: nothing more goes out yet.
        try [UInt8](repeating: 7, count: 40).withUnsafeBytes { try stream.write($0) }
        #expect(Self.ciphertext(of: stream).isEmpty)
    }

    @Test func anIPAddressIsSentAsNoSNI() throws {
        let stream = try TLSClientStream(context: try TURNTLSContexts.context(caFile: nil), serverName: "192.0.2.1",
                                         server: Self.server)
        #expect(!String(decoding: Self.ciphertext(of: stream), as: UTF8.self).contains("192.0.2.1"))
    }

    @Test func garbageFromTheServerFailsTheHandshake() throws {
        let stream = try TLSClientStream(context: try TURNTLSContexts.context(caFile: nil), serverName: "turn.example.com",
                                         server: Self.server)
        _ = Self.ciphertext(of: stream)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        let garbage = (0..<300).map { _ -> UInt8 in
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: seed >> 33)
        }
        var delivered = 0
        #expect(throws: TLSClientStream.Failure.self) {
            try garbage.withUnsafeBytes { try stream.receive($0) { delivered += $0.count } }
        }
        #expect(delivered == 0)
        // Later bytes and writes fail too, and closing is quiet.
        #expect(throws: TLSClientStream.Failure.self) { try [1, 2, 3].withUnsafeBytes { try stream.write($0) } }
        stream.close { _ in }
    }

    @Test func droppedOrClosedMidHandshakeWithoutTrapping() throws {
        let context = try TURNTLSContexts.context(caFile: nil)
        weak var dropped: AnyObject?
        do {
            let stream = try TLSClientStream(context: context, serverName: "turn.example.com", server: Self.server)
            dropped = stream.channel
        }
        #expect(dropped == nil, "the channel, its loop and BoringSSL's state are freed")
        let stream = try TLSClientStream(context: context, serverName: "turn.example.com", server: Self.server)
        _ = Self.ciphertext(of: stream)
        var after: [UInt8] = []
        stream.close { after += $0 }
        stream.close { after += $0 }
        #expect(throws: TLSClientStream.Failure.closed) { try [1].withUnsafeBytes { try stream.write($0) } }
        weak let closed: AnyObject? = stream.channel
        _ = consume stream
        #expect(closed == nil)
    }

    @Test func aMissingCAFileIsReported() {
        #expect(throws: (any Error).self) { try TURNTLSContexts.context(caFile: "/nonexistent/pipit-ca.pem") }
        let settings = NATSettings(turnServer: Self.server, turnTransport: .tcp, turnUser: "u", turnPassword: "p",
                                   turnTLS: TURNTLSSettings(serverName: "turn.example.com", caFile: "/nonexistent/pipit-ca.pem"))
        #expect(settings.prepareTLS()?.hasPrefix("TURN over TLS: cannot load the trusted CAs from /nonexistent/pipit-ca.pem") == true)
    }
}
