import Audio
import Foundation
import Glibc
import Media
import Synchronization
import Testing

/// What the media loop's wake-ups cost per frame while a sound device paces it: with
/// capture processing the device hub works in 20 ms blocks (the loop wakes once per block,
/// even for a device that hands over 10 ms at a time), and datagrams that arrive between
/// the device's frames wait for the next one instead of waking the loop themselves.
@Suite(.timeLimit(.minutes(1)))
struct CaptureBlockWakeTests {
    typealias HandFedDevice = DeviceWakeTests.HandFedDevice

    @Test func withProcessingTheLoopWakesOncePerBlockOfSingleFrames() async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let device = HandFedDevice()
        try await engine.attachDevice(device, processing: CaptureProcessing(echoCancel: true, noiseSuppression: true))
        let before = try #require(await engine.deviceStatistics())
        let frames = 60
        let producer = Thread {
            let piece = [Int16](repeating: 100, count: 160)
            for _ in 0..<frames {
                usleep(10_000)
                device.captureRing?.write(piece)
            }
        }
        producer.start()
        try await Task.sleep(for: .milliseconds(10 * frames + 300))
        let after = try #require(await engine.deviceStatistics())
        // Every frame is handed to the calls, in blocks of two; the silence while stalled
        // (after the last frame) is 10 ms per timer tick, not more.
        #expect(after.framesCaptured - before.framesCaptured == frames, "\(after)")
        #expect(after.framesMissing - before.framesMissing >= 10, "\(after)")
        let wakeUps = after.wakeUps - before.wakeUps
        // One per block plus a few (statistics, the stall check); one per frame would be 60.
        #expect(wakeUps >= frames / 4 && wakeUps <= frames / 2 + 6, "\(wakeUps) wake-ups for \(frames / 2) blocks")
    }

    /// Counts datagrams on one socket; built and used on the media thread.
    final class CountingHandler: MediaStreamHandler {
        let socket: MediaSocket
        let counter: Counter
        var sockets: [MediaSocket] { [socket] }

        init(socket: MediaSocket, counter: Counter) {
            self.socket = socket
            self.counter = counter
        }

        func readable(_ socket: MediaSocket, now: ContinuousClock.Instant) {
            var buffer = [UInt8](repeating: 0, count: 1500)
            for _ in 0..<64 {
                let got = buffer.withUnsafeMutableBytes { socket.receive(into: $0) }
                guard got != nil else { return }
                counter.received.add(1, ordering: .relaxed)
            }
        }

        func tick(now: ContinuousClock.Instant) {}
        func close() { socket.close() }
    }

    final class Counter: Sendable {
        let received = Atomic<Int>(0)
    }

    @Test func datagramsBetweenFramesWaitForTheNextFrame() async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let device = HandFedDevice()
        try await engine.attachDevice(device, processing: CaptureProcessing())
        let socket = try MediaSocket.bind(host: "127.0.0.1", port: 0)
        let port = socket.localAddress.port
        let counter = Counter()
        let handed = socket
        _ = try engine.add { CountingHandler(socket: handed, counter: counter) }
        let before = try #require(await engine.deviceStatistics())
        let bursts = 40
        // 20 ms bursts, and a datagram 8 ms after each: half-way between two bursts.
        let producer = Thread {
            let sender = socket_udp()
            defer { Glibc.close(sender) }
            let burst = [Int16](repeating: 100, count: 320)
            for _ in 0..<bursts {
                usleep(12_000)
                device.captureRing?.write(burst)
                usleep(8_000)
                send_datagram(sender, port: port)
            }
        }
        producer.start()
        try await Task.sleep(for: .milliseconds(20 * bursts + 300))
        let after = try #require(await engine.deviceStatistics())
        #expect(counter.received.load(ordering: .relaxed) == bursts, "every datagram read")
        #expect(after.framesCaptured - before.framesCaptured == 2 * bursts, "\(after)")
        // One per burst plus a few; a wake-up per datagram too would be 80.
        let wakeUps = after.wakeUps - before.wakeUps
        #expect(wakeUps <= bursts + 8, "\(wakeUps) wake-ups for \(bursts) bursts and \(bursts) datagrams")
    }
}

private func socket_udp() -> Int32 {
    Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
}

private func send_datagram(_ fd: Int32, port: UInt16) {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var payload: (UInt64, UInt64) = (1, 2)
    _ = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            sendto(fd, &payload, 16, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
}
