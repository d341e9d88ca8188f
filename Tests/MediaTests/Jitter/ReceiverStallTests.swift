import Media
import Testing

/// The receiver stops for a while (the machine suspended, the process stopped, a long
/// scheduling delay): no ticks, and the packets that came meanwhile are read in one burst
/// when it runs again. The playout must play on — not conceal for ever.
@Suite(.timeLimit(.minutes(1)))
struct ReceiverStallTests {
    @Test(arguments: [1, 3])
    func playoutPlaysOnAfterTheReceiverStalls(stalls: Int) {
        let decoder = ToneDecoder(sampleRate: 8000)
        var settings = JitterBufferConfiguration(clockRate: 8000)
        settings.frameMs = 20
        let playout = Playout(decoder: decoder, payloadType: 96, configuration: settings)
        var frame = [Int16](repeating: 0, count: playout.frameSamples)
        var sequence: UInt16 = 1000, timestamp: UInt32 = 123_456
        var sentUpTo = 0  // ms of packets sent so far (one every 20 ms, arriving 30 ms later)
        func deliver(until now: Int) {
            while sentUpTo + 30 <= now {
                let payload = ToneDecoder.payload(timestamp: timestamp, samples: 160)
                payload.withUnsafeBytes {
                    _ = playout.insert(sequence: sequence, timestamp: timestamp, marker: false, ssrc: 0x1111,
                                       payloadType: 96, payload: $0, arrival: now)
                }
                sequence &+= 1
                timestamp &+= 160
                sentUpTo += 20
            }
        }
        var now = 7
        var stalled = 0
        var lastStall = 0
        while now < 12_000 {
            if stalled < stalls, now >= 2000 + stalled * 1500 {
                now += 1000  // no ticks for a second; the packets wait in the socket
                stalled += 1
                lastStall = now
            }
            deliver(until: now)
            frame.withUnsafeMutableBufferPointer { _ = playout.render(into: $0, now: now) }
            now += 20
        }
        let s = playout.statistics
        // Ten seconds after the last stall, the buffer is back near its target and the
        // audio is decoded, not concealed.
        #expect(lastStall < 7000)
        #expect(s.currentDelayMs < 300, "delay \(s.currentDelayMs) ms, target \(s.targetDelayMs) ms")
        #expect(s.framesConcealed < 60, "\(s.framesConcealed) frames concealed")
    }
}
