import Foundation
import NIOCore
import NIOPosix
import SIPMessage
@testable import SIPStack

/// Collects a layer's events so a test can wait for one.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [TransportEvent] = []

    func append(_ e: TransportEvent) { lock.withLock { events.append(e) } }
    var all: [TransportEvent] { lock.withLock { events } }

    /// Waits (polling) until `match` returns a value for some event; fails after `timeout`.
    func wait<T>(_ what: String, timeout: Double = 5, _ match: (TransportEvent) -> T?) async throws -> T {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            for event in all { if let found = match(event) { return found } }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TestTimeout(what: what, seen: all.map { "\($0)" })
    }

    func message(_ what: String, timeout: Double = 5, where predicate: @escaping (ReceivedMessage) -> Bool = { _ in true })
        async throws -> ReceivedMessage {
        try await wait(what, timeout: timeout) { e in
            if case .messageReceived(let m) = e, predicate(m) { return m }
            return nil
        }
    }
}

struct TestTimeout: Error, CustomStringConvertible {
    var what: String
    var seen: [String]
    var description: String { "timed out waiting for \(what); events: \(seen.suffix(10))" }
}

/// A transport layer on its own event loop, with its event log.
struct Peer {
    let group: MultiThreadedEventLoopGroup
    let layer: SIPTransportLayer
    let log: EventLog
    let listeners: [BoundListener]

    static func start(_ specs: [String], configure: (inout SIPTransportLayer.Configuration) -> Void = { _ in })
        async throws -> Peer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let log = EventLog()
        var config = SIPTransportLayer.Configuration()
        configure(&config)
        let layer = SIPTransportLayer(eventLoop: group.next(), configuration: config) { log.append($0) }
        let listeners = try await layer.listen(specs).get()
        return Peer(group: group, layer: layer, log: log, listeners: listeners)
    }

    func stop() async throws {
        try await layer.shutdown().get()
        try await group.shutdownGracefully()
    }

    /// Where this peer's first listener of `transport` and family is, as a target.
    func target(_ transport: SIPTransport, ipv6: Bool = false, serverName: String? = nil) throws -> SIPTarget {
        let l = try #require(listeners.first { $0.transport == transport && $0.isIPv6 == ipv6 })
        return SIPTarget(transport: transport, address: l.address, port: l.port, serverName: serverName)
    }
}

import Testing

/// An OPTIONS request with the top Via stamped for `target` from `layer`'s listener.
func makeOptions(from layer: SIPTransportLayer, to target: SIPTarget, padding: Int = 0, tag: String = "t1")
    async throws -> SIPMessage {
    let sentBy = try #require(try await layer.sentBy(for: target).get())
    let host = target.isIPv6 ? "[\(target.address)]" : target.address
    let body = String(repeating: "x", count: padding)
    let text = """
    OPTIONS sip:probe@\(host):\(target.port) SIP/2.0\r
    Max-Forwards: 70\r
    From: <sip:tester@example.test>;tag=\(tag)\r
    To: <sip:probe@example.test>\r
    Call-ID: \(UUID().uuidString)@pipit.test\r
    CSeq: 1 OPTIONS\r
    Content-Length: \(body.utf8.count)\r
    \r
    \(body)
    """
    let bare = try SIPMessage.parse(text)
    return ViaRules.stampTopVia(bare, transport: target.transport, sentBy: sentBy)
}

/// A 200 response to `request`, copying its Via list, From, To, Call-ID and CSeq.
func makeResponse(to request: SIPMessage) -> SIPMessage {
    var lines = ["SIP/2.0 200 OK"]
    for field in request.headers where ["Via", "From", "To", "Call-ID", "CSeq"].contains(where: field.hasName) {
        lines.append("\(field.canonicalName): \(field.value)")
    }
    lines.append("Content-Length: 0")
    // Force-parse of a message we just built from a parsed one; a failure fails the test.
    return (try? SIPMessage.parse(lines.joined(separator: "\r\n") + "\r\n\r\n")) ?? request
}
