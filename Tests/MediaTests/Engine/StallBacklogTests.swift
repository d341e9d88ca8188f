import Audio
import Foundation
import Glibc
import Media
import SDP
import Testing

/// A call device that stalls (suspend and resume, a USB hiccup, a sound server that stops
/// rendering) stalls both ways; the calls go on on the engine's clock meanwhile. When it
/// comes back, what they played into its speaker's ring during the stall is dropped, not
/// kept as delay for the rest of the call (it filled the ring, 200 ms, for good).
@Suite(.timeLimit(.minutes(1)))
struct StallBacklogTests {
    /// The test thread runs its microphone and speaker by hand, 20 ms at a time.
    typealias HandRunDevice = DeviceWakeTests.HandFedDevice

    /// Runs the device for `blocks` periods of 20 ms; returns the most the speaker's ring
    /// held just before a period's read, from the fourth on (the engine learns that the
    /// device is back from the first microphone block).
    func run(_ device: HandRunDevice, blocks: Int) -> Int {
        let block = [Int16](repeating: 100, count: 320)
        var played = [Int16](repeating: 0, count: 320)
        var most = 0
        for period in 0..<blocks {
            usleep(20_000)
            device.captureRing?.write(block)
            if period >= 3 { most = max(most, device.playbackRing?.availableToRead ?? 0) }
            _ = played.withUnsafeMutableBufferPointer { device.playbackRing?.read(into: $0) }
        }
        return most
    }

    @Test func whatPlayedDuringAStallIsDropped() async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let device = HandRunDevice()
        try await engine.attachDevice(device, processing: CaptureProcessing())
        // A call, so that the engine ticks (and plays) through the stall.
        let pcmu = NegotiatedCodec(payloadType: 0, name: "PCMU", clockRate: 8000)
        let pair = try MediaSocket.bindPair(host: "127.0.0.1", ports: 47000...47999)
        _ = try engine.addStream(
            MediaStreamConfiguration(codec: pcmu, remote: SocketAddress(host: "127.0.0.1", port: 9), rtcpMux: true,
                                     input: .device, output: .device, cname: "stall"),
            rtp: pair.rtp, rtcp: pair.rtcp, monitor: StreamMonitor())
        let before = await Task.detached { self.run(device, blocks: 25) }.value
        // Half a second with neither microphone nor speaker moving.
        try await Task.sleep(for: .milliseconds(500))
        #expect((device.playbackRing?.availableToRead ?? 0) >= 3000, "the engine stopped playing during the stall")
        let after = await Task.detached { self.run(device, blocks: 25) }.value
        // Before the stall at most a few frames wait (two ahead, a block, a late tick); after
        // it no more. Before the fix: the whole ring (3200), the last period included.
        #expect(before <= 960, "before the stall: \(before) samples waited")
        #expect(after <= 960, "after the stall: \(after) samples waited")
    }
}
