import NIOCore
import SIPMessage
import Testing
@testable import SIPStack

/// What a TCP listener makes of awkwardly written streams.
@Suite("Transport stream framing")
struct StreamFramingTransportTests {
    static func request(_ n: Int, padding: Int = 0) -> [UInt8] {
        let body = String(repeating: "y", count: padding)
        return Array("""
        OPTIONS sip:b@127.0.0.1 SIP/2.0\r
        Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-drip\(n);rport\r
        Max-Forwards: 70\r
        From: <sip:a@example.test>;tag=\(n)\r
        To: <sip:b@example.test>\r
        Call-ID: drip-\(n)@pipit.test\r
        CSeq: \(n) OPTIONS\r
        Content-Length: \(body.utf8.count)\r
        \r
        \(body)
        """.utf8)
    }

    func requestCount(_ log: EventLog) -> Int {
        log.all.filter { if case .messageReceived = $0 { return true } else { return false } }.count
    }

    @Test("one byte per write still frames")
    func dripFed() async throws {
        let b = try await Peer.start(["tcp:127.0.0.1:0"])
        let client = RawClient()
        try await client.connect(port: try b.target(.tcp).port)
        try await client.write(Self.request(1, padding: 10) + Self.request(2), chunk: 1)
        _ = try await b.log.wait("two requests") { _ in requestCount(b.log) >= 2 ? true : nil }
        let ids = b.log.all.compactMap { e -> String? in
            if case .messageReceived(let m) = e { return m.message.headers.first("Call-ID") }
            return nil
        }
        #expect(ids == ["drip-1@pipit.test", "drip-2@pipit.test"])
        try await client.stop()
        try await b.stop()
    }

    @Test("several messages and keep-alives in one write")
    func batched() async throws {
        let b = try await Peer.start(["tcp:127.0.0.1:0"])
        let client = RawClient()
        try await client.connect(port: try b.target(.tcp).port)
        let crlf: [UInt8] = [13, 10, 13, 10]
        try await client.write(Self.request(1) + crlf + Self.request(2) + Self.request(3), chunk: 1 << 20)
        _ = try await b.log.wait("three requests") { _ in requestCount(b.log) >= 3 ? true : nil }
        #expect(try await b.layer.counters().get().keepAlivePingsAnswered == 1)
        try await client.stop()
        try await b.stop()
    }

    @Test("a message over the size limit closes its connection with messageTooLarge")
    func tooLarge() async throws {
        let b = try await Peer.start(["tcp:127.0.0.1:0"]) { $0.limits.maxMessageSize = 2000 }
        let client = RawClient()
        try await client.connect(port: try b.target(.tcp).port)
        // The server closes while the big message is still being written: later writes fail.
        try? await client.write(Self.request(1) + Self.request(2, padding: 4000), chunk: 512)
        let error = try await b.log.wait("flow down") { e -> TransportError?? in
            if case .flowDown(_, let error) = e { return .some(error) }
            return nil
        }
        #expect(error == .messageTooLarge)
        #expect(requestCount(b.log) == 1, "the message before the big one was delivered")
        try await client.closed.futureResult.get()
        try await client.stop()
        try await b.stop()
    }

    @Test("garbage on UDP is dropped and counted; a request with fatal problems is delivered")
    func udpInput() async throws {
        let a = try await Peer.start(["udp:127.0.0.1:0"])
        let b = try await Peer.start(["udp:127.0.0.1:0"])
        let target = try b.target(.udp)
        // Sent raw over a's UDP flow: the layer sends bytes as given.
        let flow = FlowID(.datagram(listener: a.listeners[0].index, remote: target))
        try await a.layer.eventLoop.flatSubmit { a.layer.sendOnLoop(Array("not sip at all\r\n\r\n".utf8), over: flow) }.get()
        _ = try await b.log.wait("dropped") { e -> Void? in
            if case .inputDropped = e { return () }
            return nil
        }
        #expect(try await b.layer.counters().get().unparseableDropped == 1)
        // No CSeq, no Call-ID: fatal problems, yet delivered so the UA can answer 400.
        let broken = Array("OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bKx\r\n\r\n".utf8)
        try await a.layer.eventLoop.flatSubmit { a.layer.sendOnLoop(broken, over: flow) }.get()
        let got = try await b.log.message("broken request")
        #expect(got.message.problems.contains { $0.severity == .fatal })
        #expect(try got.message.via.first?.received?.bareAddress == "127.0.0.1", "sent-by differs from the source")
        #expect(try got.message.via.first?.rport == nil, "rport was not asked for")
        try await a.stop()
        try await b.stop()
    }

    @Test("bytes that are not SIP close the connection with malformedStream")
    func garbageOnStream() async throws {
        let b = try await Peer.start(["tcp:127.0.0.1:0"])
        let client = RawClient()
        try await client.connect(port: try b.target(.tcp).port)
        try? await client.write(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8), chunk: 1 << 20)
        let error = try await b.log.wait("flow down") { e -> TransportError?? in
            if case .flowDown(_, let error) = e { return .some(error) }
            return nil
        }
        guard case .malformedStream = error else {
            Issue.record("expected malformedStream, got \(String(describing: error))")
            return
        }
        #expect(try await b.layer.counters().get().unparseableDropped == 1)
        try await client.closed.futureResult.get()
        try await client.stop()
        try await b.stop()
    }
}
