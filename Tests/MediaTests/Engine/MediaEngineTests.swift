import Foundation
import Media
import Synchronization
import Testing

/// A stream that counts ticks and echoes datagrams back to their sender.
private final class EchoStream: MediaStreamHandler {
    let socket: MediaSocket
    let counters: Counters
    var sockets: [MediaSocket] { [socket] }

    final class Counters: Sendable {
        let ticks = Atomic<Int>(0)
        let received = Atomic<Int>(0)
        let closed = Atomic<Bool>(false)
        let updated = Atomic<Int>(0)
    }

    init(socket: MediaSocket, counters: Counters) {
        self.socket = socket
        self.counters = counters
    }

    func readable(_ socket: MediaSocket, now: ContinuousClock.Instant) {
        var buffer = [UInt8](repeating: 0, count: 1500)
        while let (count, from) = buffer.withUnsafeMutableBytes({ socket.receive(into: $0) }) {
            counters.received.add(1, ordering: .relaxed)
            _ = buffer.withUnsafeBytes { socket.send(UnsafeRawBufferPointer(rebasing: $0[0..<count]), to: from) }
        }
    }

    func tick(now: ContinuousClock.Instant) { counters.ticks.add(1, ordering: .relaxed) }

    func close() {
        counters.closed.store(true, ordering: .relaxed)
        socket.close()
    }
}

@Suite(.timeLimit(.minutes(1)))
struct MediaEngineTests {
    /// Threads of this process by name (/proc/self/task/*/comm).
    static func threads(named name: String) -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.filter { task in
            (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) == name
        }.count
    }

    /// `top -H` shows the media thread by its own name, not its creator's.
    @Test func theMediaThreadHasItsName() throws {
        let before = Self.threads(named: "pipit-media")
        let engine = try MediaEngine()
        var after = 0
        for _ in 0..<100 where after <= before {
            usleep(2000)
            after = Self.threads(named: "pipit-media")
        }
        engine.stop()
        #expect(after == before + 1)
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<200 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func ticksEveryTenMilliseconds() async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let counters = EchoStream.Counters()
        let socket = try MediaSocket.bind(host: "127.0.0.1", port: 0)
        _ = try engine.add { EchoStream(socket: socket, counters: counters) }
        try await Task.sleep(for: .milliseconds(100))
        let before = counters.ticks.load(ordering: .relaxed)
        let started = ContinuousClock.now
        try await Task.sleep(for: .milliseconds(500))
        let ticks = counters.ticks.load(ordering: .relaxed) - before
        let expected = Int(started.duration(to: .now) / .milliseconds(10))
        // One tick per 10 ms of real time (the sleep itself may run long on a loaded
        // machine); never a burst of extra ticks, and few missed.
        #expect(ticks <= expected + 2, "ticks: \(ticks) in \(expected * 10) ms")
        #expect(ticks >= expected * 7 / 10, "ticks: \(ticks) in \(expected * 10) ms")
    }

    @Test func datagramsReachTheStreamThatOwnsTheSocket() async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let counters = EchoStream.Counters()
        let socket = try MediaSocket.bind(host: "127.0.0.1", port: 0)
        _ = try engine.add { EchoStream(socket: socket, counters: counters) }
        let client = try MediaSocket.bind(host: "127.0.0.1", port: 0)
        defer { client.close() }
        for n in 0..<20 {
            let bytes: [UInt8] = [0x80, UInt8(n)]
            _ = bytes.withUnsafeBytes { client.send($0, to: socket.localAddress) }
        }
        var echoed: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        for _ in 0..<200 where echoed.count < 20 {
            if let (count, from) = buffer.withUnsafeMutableBytes({ client.receive(into: $0) }) {
                #expect(count == 2)
                #expect(from == socket.localAddress)
                echoed.append(buffer[1])
            } else {
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        #expect(echoed == Array(0..<20))
        let received = counters.received.load(ordering: .relaxed)
        #expect(received == 20)
    }

    @Test func updatesRunOnTheStreamAndRemoveClosesIt() async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let counters = EchoStream.Counters()
        let socket = try MediaSocket.bind(host: "127.0.0.1", port: 0)
        let id = try engine.add { EchoStream(socket: socket, counters: counters) }
        try engine.update(id) { stream in
            (stream as? EchoStream)?.counters.updated.add(1, ordering: .relaxed)
        }
        try await waitUntil { counters.updated.load(ordering: .relaxed) == 1 }
        let updates = counters.updated.load(ordering: .relaxed)
        #expect(updates == 1)
        engine.remove(id)
        try await waitUntil { counters.closed.load(ordering: .relaxed) }
        let closed = counters.closed.load(ordering: .relaxed)
        #expect(closed)
        let ticks = counters.ticks.load(ordering: .relaxed)
        try await Task.sleep(for: .milliseconds(50))
        let later = counters.ticks.load(ordering: .relaxed)
        #expect(later == ticks, "a removed stream gets no more ticks")
    }

    @Test func stopClosesEveryStreamAndRefusesMore() throws {
        let engine = try MediaEngine()
        let counters = [EchoStream.Counters(), EchoStream.Counters()]
        for c in counters {
            let socket = try MediaSocket.bind(host: "127.0.0.1", port: 0)
            _ = try engine.add { EchoStream(socket: socket, counters: c) }
        }
        engine.stop()
        let closed = counters.map { $0.closed.load(ordering: .relaxed) }
        #expect(closed == [true, true])
        #expect(throws: MediaEngineError.stopped) { _ = try engine.add { nil } }
    }
}
