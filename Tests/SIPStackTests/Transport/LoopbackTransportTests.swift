import NIOCore
import SIPMessage
import Testing
@testable import SIPStack

/// Two transport layers on loopback talking to each other over UDP and TCP.
@Suite("Transport over loopback")
struct LoopbackTransportTests {
    static func specs(ipv6: Bool) -> [String] {
        let host = ipv6 ? "[::1]" : "127.0.0.1"
        return ["udp:\(host):0", "tcp:\(host):0"]
    }

    @Test("request stamped with received/rport, response routed back", arguments: [
        (SIPTransport.udp, false), (.udp, true), (.tcp, false), (.tcp, true),
    ])
    func requestAndResponse(transport: SIPTransport, ipv6: Bool) async throws {
        let a = try await Peer.start(Self.specs(ipv6: ipv6))
        let b = try await Peer.start(Self.specs(ipv6: ipv6))
        let target = try b.target(transport, ipv6: ipv6)
        let request = try await makeOptions(from: a.layer, to: target)
        let flow = try await a.layer.send(request, to: target)

        let got = try await b.log.message("the request") { $0.message.request != nil }
        let via = try #require(try got.message.via.first)
        let loopback = ipv6 ? "::1" : "127.0.0.1"
        #expect(got.source.address == loopback)
        #expect(via.received?.bareAddress == loopback, "rport was asked for, so received is set (RFC 3581 §4)")
        #expect(via.rport == .port(got.source.port))
        let aListener = try #require(a.listeners.first { $0.transport == transport })
        if transport == .udp {
            #expect(got.source.port == aListener.port, "UDP leaves from the listener socket")
        } else {
            #expect(got.flow.isConnection)
            #expect(got.source.port != aListener.port, "a connection we open has an ephemeral source port")
        }

        try await b.layer.sendResponse(makeResponse(to: got.message), requestFlow: got.flow)
        let response = try await a.log.message("the response") { $0.message.response != nil }
        #expect(response.message.response?.statusCode == 200)
        if transport == .tcp {
            #expect(response.flow == flow, "the response comes back over the same connection")
            let counts = try await b.layer.counters().get()
            #expect(counts.connectionsAccepted == 1)
            #expect(counts.connectionsOpened == 0)
            // rport names the ephemeral port, so the response teaches us the flow's address.
            let learned = try await a.log.wait("public address") { e -> PublicAddress? in
                if case .publicAddressLearned(let p, let f) = e, f == flow { return p }
                return nil
            }
            #expect(learned.port == got.source.port)
        } else {
            let bPort = try b.target(.udp, ipv6: ipv6).port
            #expect(response.source.port == bPort)
        }
        try await a.stop()
        try await b.stop()
    }

    @Test("one connection carries several messages, in both directions", arguments: [false, true])
    func connectionReuse(ipv6: Bool) async throws {
        let a = try await Peer.start(Self.specs(ipv6: ipv6))
        let b = try await Peer.start(Self.specs(ipv6: ipv6))
        let target = try b.target(.tcp, ipv6: ipv6)
        var flows: Set<FlowID> = []
        for i in 0..<3 {
            flows.insert(try await a.layer.send(try await makeOptions(from: a.layer, to: target, tag: "r\(i)"), to: target))
        }
        #expect(flows.count == 1)
        let first = try await b.log.message("first request")
        _ = try await b.log.wait("three requests") { _ in
            b.log.all.filter { if case .messageReceived = $0 { return true } else { return false } }.count >= 3 ? true : nil
        }
        // The accepting side sends a request back: by flow, then by the source address.
        let back = SIPTarget(transport: .tcp, address: first.source.address, port: first.source.port)
        let reverse = try await makeOptions(from: b.layer, to: back, tag: "back1")
        try await b.layer.send(reverse, over: first.flow)
        let reverseFlow = try await b.layer.send(try await makeOptions(from: b.layer, to: back, tag: "back2"), to: back)
        #expect(reverseFlow == first.flow)
        _ = try await a.log.wait("two requests back") { _ -> [FlowID]? in
            let got = a.log.all.compactMap { e -> FlowID? in
                if case .messageReceived(let m) = e, m.message.request != nil { return m.flow }
                return nil
            }
            return got.count >= 2 ? got : nil
        }
        for case .messageReceived(let m) in a.log.all { #expect(flows.contains(m.flow)) }
        let ca = try await a.layer.counters().get()
        let cb = try await b.layer.counters().get()
        #expect(ca.connectionsOpened == 1 && ca.connectionsAccepted == 0)
        #expect(cb.connectionsOpened == 0 && cb.connectionsAccepted == 1)
        try await a.stop()
        try await b.stop()
    }

    @Test("keep-alive ping gets a pong")
    func keepAlive() async throws {
        let a = try await Peer.start(Self.specs(ipv6: false))
        let b = try await Peer.start(Self.specs(ipv6: false))
        let target = try b.target(.tcp)
        let flow = try await a.layer.send(try await makeOptions(from: a.layer, to: target), to: target)
        try await a.layer.sendKeepAlive(flow)
        try await a.log.wait("pong") { e -> Void? in
            if case .keepAliveAnswered(let f) = e, f == flow { return () }
            return nil
        }
        #expect(try await b.layer.counters().get().keepAlivePingsAnswered == 1)
        // UDP keep-alives are sent and silently absorbed.
        try await a.layer.sendKeepAlive(to: try b.target(.udp)).get()
        try await a.stop()
        try await b.stop()
    }

    @Test("a keep-alive without a pong takes the flow down with a timeout")
    func keepAliveTimeout() async throws {
        let silent = try await RawServer.start()
        let a = try await Peer.start(Self.specs(ipv6: false)) { $0.keepAlivePongTimeout = .milliseconds(200) }
        let target = SIPTarget(transport: .tcp, address: "127.0.0.1", port: silent.port)
        let flow = try await a.layer.send(try await makeOptions(from: a.layer, to: target), to: target)
        try await a.layer.sendKeepAlive(flow)
        let error = try await a.log.wait("flow down") { e -> TransportError?? in
            if case .flowDown(let f, let error) = e, f == flow { return .some(error) }
            return nil
        }
        #expect(error == .timeout)
        try await a.stop()
        try await silent.stop()
    }

    @Test("connection refused is a typed send error and a flow-down event")
    func connectionRefused() async throws {
        let closed = try ReservedClosedPort()
        let port = closed.port
        let a = try await Peer.start(Self.specs(ipv6: false))
        let target = SIPTarget(transport: .tcp, address: "127.0.0.1", port: port)
        await #expect(throws: TransportError.connectionRefused) {
            try await a.layer.send(try await makeOptions(from: a.layer, to: target), to: target)
        }
        _ = try await a.log.wait("flow down") { e -> Void? in
            if case .flowDown(_, .connectionRefused) = e { return () }
            return nil
        }
        withExtendedLifetime(closed) {}
        try await a.stop()
    }

    @Test("idle connections are reaped")
    func idleReaping() async throws {
        let a = try await Peer.start(Self.specs(ipv6: false)) { $0.connectionIdleTimeout = .milliseconds(300) }
        let b = try await Peer.start(Self.specs(ipv6: false))
        let target = try b.target(.tcp)
        let flow = try await a.layer.send(try await makeOptions(from: a.layer, to: target), to: target)
        let error = try await a.log.wait("reaped") { e -> TransportError?? in
            if case .flowDown(let f, let error) = e, f == flow { return .some(error) }
            return nil
        }
        #expect(error == nil, "an idle close is orderly")
        await #expect(throws: TransportError.flowNotFound) {
            try await a.layer.send(try await makeOptions(from: a.layer, to: target), over: flow)
        }
        try await a.stop()
        try await b.stop()
    }

    @Test("a large request for UDP goes over TCP with its Via rewritten (§18.1.1)")
    func sizeRuleMovesToTCP() async throws {
        let a = try await Peer.start(Self.specs(ipv6: false))
        let b = try await Peer.start(["udp:127.0.0.1:0"])
        let port = try b.target(.udp).port
        _ = try await b.layer.listen(["tcp:127.0.0.1:\(port)"]).get()
        let target = try b.target(.udp)
        let flow = try await a.layer.send(try await makeOptions(from: a.layer, to: target, padding: 1500), to: target)
        #expect(flow.isConnection)
        let got = try await b.log.message("the big request")
        #expect(got.source.transport == .tcp)
        #expect(try got.message.via.first?.transport == .tcp)
        try await a.stop()
        try await b.stop()
    }

    @Test("UDP to a closed port reports the flow unreachable", arguments: [false, true])
    func udpUnreachable(ipv6: Bool) async throws {
        let a = try await Peer.start(Self.specs(ipv6: ipv6))
        let closed = try ReservedPort(.unreachableUDP, ipv6: ipv6)
        let target = SIPTarget(transport: .udp, address: ipv6 ? "::1" : "127.0.0.1", port: closed.port)
        let flow = try await a.layer.send(try await makeOptions(from: a.layer, to: target), to: target)
        let error = try await a.log.wait("unreachable") { e -> TransportError?? in
            if case .flowDown(let f, let error) = e, f == flow { return .some(error) }
            return nil
        }
        #expect(error == .unreachable)
        // The listener itself is unaffected: it still sends and receives.
        let b = try await Peer.start(Self.specs(ipv6: ipv6))
        let live = try b.target(.udp, ipv6: ipv6)
        try await a.layer.send(try await makeOptions(from: a.layer, to: live), to: live)
        let got = try await b.log.message("request after the error")
        try await b.layer.sendResponse(makeResponse(to: got.message), requestFlow: got.flow)
        _ = try await a.log.message("response after the error") { $0.message.response != nil }
        try await a.stop()
        try await b.stop()
    }

    @Test("an IPv6 wildcard listener is dual stack", arguments: [SIPTransport.udp, .tcp])
    func dualStack(transport: SIPTransport) async throws {
        let a = try await Peer.start(["udp:[::]:0", "tcp:[::]:0"])
        let b = try await Peer.start(Self.specs(ipv6: false))
        // a reaches an IPv4 peer from its IPv6 wildcard socket…
        let toB = try b.target(transport)
        try await a.layer.send(try await makeOptions(from: a.layer, to: toB), to: toB)
        let atB = try await b.log.message("request from the dual-stack side")
        #expect(atB.source.address == "127.0.0.1")
        #expect(try atB.message.via.first?.host == .ipv4(.init(127, 0, 0, 1)), "sent-by names the loopback used")
        // …and accepts IPv4, reported as plain IPv4 addresses.
        let aListener = try #require(a.listeners.first { $0.transport == transport })
        let toA = SIPTarget(transport: transport, address: "127.0.0.1", port: aListener.port)
        try await b.layer.send(try await makeOptions(from: b.layer, to: toA, tag: "v4in"), to: toA)
        let atA = try await a.log.message("IPv4 request at [::]") { $0.message.request != nil }
        #expect(atA.source.address == "127.0.0.1")
        #expect(atA.listener?.address == "::")
        try await a.stop()
        try await b.stop()
    }
}
