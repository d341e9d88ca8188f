import Testing
import Media

@Suite(.timeLimit(.minutes(1)))
struct TelephoneEventTests {
    static func bytes(_ e: TelephoneEvent) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 4)
        _ = try out.withUnsafeMutableBytes { try e.write(into: $0) }
        return out
    }

    static func parse(_ bytes: [UInt8]) throws -> TelephoneEvent {
        try bytes.withUnsafeBytes { try TelephoneEvent(parsing: $0) }
    }

    /// §2.3 layout: event, E|R|volume, 16-bit duration.
    @Test func payloadLayout() throws {
        // Digit 9, end, volume 10 (-10 dBm0), duration 1600 (200 ms at 8 kHz).
        let e = TelephoneEvent(event: 9, end: true, volume: 10, duration: 1600)
        #expect(try Self.bytes(e) == [0x09, 0x8A, 0x06, 0x40])
        #expect(try Self.parse([0x09, 0x8A, 0x06, 0x40]) == e)
        // R is kept; volume 63 and duration 0xFFFF are the maxima.
        let r = try Self.parse([0x0B, 0x7F, 0xFF, 0xFF])
        #expect(r == TelephoneEvent(event: 11, end: false, reserved: true, volume: 63, duration: 0xFFFF))
        #expect(try Self.bytes(r) == [0x0B, 0x7F, 0xFF, 0xFF])
        // Only the first report of a multi-event payload is read; short payloads fail.
        #expect(try Self.parse([1, 0x0A, 0, 160, 2, 0x0A, 0, 80]).event == 1)
        #expect(throws: CodecError.self) { try Self.parse([1, 2, 3]) }
    }

    /// The RFC's example pattern: one event reported every 50 ms (400 units at 8 kHz) with
    /// the same timestamp and growing duration, the marker on the first packet and the
    /// end three times.
    @Test func senderSchedule() {
        var sender = TelephoneEventSender(event: 1, volume: 20, duration: 1600, interval: 400, timestamp: 1000)
        var packets: [TelephoneEventSender.Packet] = []
        while let p = sender.next() { packets.append(p) }
        #expect(sender.isFinished)
        #expect(packets.map(\.event.duration) == [400, 800, 1200, 1600, 1600, 1600])
        #expect(packets.map(\.event.end) == [false, false, false, true, true, true])
        #expect(packets.map(\.marker) == [true, false, false, false, false, false])
        #expect(packets.allSatisfy { $0.timestamp == 1000 && $0.event.event == 1 && $0.event.volume == 20 })
    }

    @Test func senderRoundsTheLastPacketToTheDuration() {
        var sender = TelephoneEventSender(event: 5, duration: 500, interval: 160, timestamp: 0)
        var durations: [UInt16] = []
        while let p = sender.next() { durations.append(p.event.duration) }
        #expect(durations == [160, 320, 480, 500, 500, 500])
    }

    @Test func openEndedEventStopsOnRequest() {
        var sender = TelephoneEventSender(event: 10, duration: nil, interval: 160, timestamp: 7)
        for _ in 0..<5 { _ = sender.next() }
        sender.stop()
        var rest: [TelephoneEventSender.Packet] = []
        while let p = sender.next() { rest.append(p) }
        #expect(rest.map(\.event.duration) == [960, 960, 960])
        #expect(rest.allSatisfy { $0.event.end })
    }

    /// §2.5.1.3: an event longer than 0xFFFF units goes out in segments; each segment
    /// closes at 0xFFFF without E, the next starts 0xFFFF later without the marker.
    @Test func longEventIsSegmented() {
        let total = 0xFFFF + 0xFFFF + 1000
        var sender = TelephoneEventSender(event: 3, duration: total, interval: 1000, timestamp: 0xFFFF_0000)
        var packets: [TelephoneEventSender.Packet] = []
        while let p = sender.next() { packets.append(p) }
        let timestamps = packets.map(\.timestamp).reduce(into: [UInt32]()) { if $0.last != $1 { $0.append($1) } }
        #expect(timestamps == [0xFFFF_0000, 0xFFFF_0000 &+ 0xFFFF, 0xFFFF_0000 &+ 0x1FFFE])
        let markers = packets.filter { $0.marker }.count
        #expect(markers == 1 && packets[0].marker)
        let closing = packets.filter { $0.event.duration == 0xFFFF }
        #expect(closing.count == 2 && closing.allSatisfy { !$0.event.end })
        let ends = packets.filter(\.event.end)
        #expect(ends.count == 3 && ends.allSatisfy { $0.timestamp == 0xFFFF_0000 &+ 0x1FFFE })
        // The durations over the segments add up to the event.
        #expect(0xFFFF + 0xFFFF + Int(ends[0].event.duration) == total)
        #expect(packets.allSatisfy { $0.event.duration <= 0xFFFF })

        // A receiver hears one event of the full length.
        var receiver = TelephoneEventReceiver()
        var began = 0
        var ended: [TelephoneEventReceiver.Ended] = []
        for p in packets {
            let r = receiver.receive(p.event, timestamp: p.timestamp)
            began += r.began == nil ? 0 : 1
            if let e = r.previousEnded { ended.append(e) }
            if let e = r.ended { ended.append(e) }
        }
        #expect(began == 1)
        #expect(ended == [.init(event: 3, timestamp: 0xFFFF_0000, duration: total)])
    }

    @Test func receiverReportsEachEventOnce() {
        var receiver = TelephoneEventReceiver()
        var sender = TelephoneEventSender(event: 7, duration: 800, interval: 160, timestamp: 500)
        var reports: [TelephoneEventReceiver.Report] = []
        while let p = sender.next() {
            reports.append(receiver.receive(p.event, timestamp: p.timestamp))
            reports.append(receiver.receive(p.event, timestamp: p.timestamp))  // duplicated
        }
        let began = reports.compactMap(\.began)
        let ended = reports.compactMap(\.ended)
        #expect(began == [.init(event: 7, timestamp: 500, volume: 10)])
        #expect(ended == [.init(event: 7, timestamp: 500, duration: 800)])
    }

    @Test func receiverSurvivesLostStartAndLostEnd() {
        var receiver = TelephoneEventReceiver()
        // Event 1: start lost; first seen packet is an update.
        var r = receiver.receive(TelephoneEvent(event: 1, duration: 320), timestamp: 100)
        #expect(r.began?.event == 1 && r.ended == nil)
        _ = receiver.receive(TelephoneEvent(event: 1, duration: 480), timestamp: 100)
        // All three end packets lost; event 2 begins: event 1 ends with the last duration.
        r = receiver.receive(TelephoneEvent(event: 2, duration: 160), timestamp: 2000)
        #expect(r.previousEnded == .init(event: 1, timestamp: 100, duration: 480))
        #expect(r.began?.event == 2)
        // Only an end packet of event 3 arrives (with event 2 still open).
        r = receiver.receive(TelephoneEvent(event: 3, end: true, duration: 640), timestamp: 4000)
        #expect(r.previousEnded?.event == 2)
        #expect(r.began?.event == 3 && r.ended == .init(event: 3, timestamp: 4000, duration: 640))
        // Retransmitted ends and a late packet of an older event are ignored.
        #expect(receiver.receive(TelephoneEvent(event: 3, end: true, duration: 640), timestamp: 4000) == .none)
        #expect(receiver.receive(TelephoneEvent(event: 2, duration: 320), timestamp: 2000) == .none)
        // The same digit again is a new event (new timestamp).
        r = receiver.receive(TelephoneEvent(event: 3, duration: 160), timestamp: 5000)
        #expect(r.began?.timestamp == 5000 && r.previousEnded == nil)
        #expect(receiver.flush() == .init(event: 3, timestamp: 5000, duration: 160))
        #expect(receiver.flush() == nil)
    }

    @Test func receiverExpiresAnEventWhoseEndWasLost() {
        var receiver = TelephoneEventReceiver()
        _ = receiver.receive(TelephoneEvent(event: 8, duration: 480), timestamp: 0xFFFF_FF00)
        // Audio timestamps: 480 + 480 units later is not yet past a gap of 800…
        #expect(receiver.expire(at: 0xFFFF_FF00 &+ 960, after: 800) == nil)
        // …but 1400 units later is, across the wrap.
        #expect(receiver.expire(at: 0xFFFF_FF00 &+ 1400, after: 800) == .init(event: 8, timestamp: 0xFFFF_FF00, duration: 480))
        #expect(receiver.expire(at: 0xFFFF_FF00 &+ 5000, after: 800) == nil)
    }

    @Test func receiverHandlesTimestampWrap() {
        var receiver = TelephoneEventReceiver()
        _ = receiver.receive(TelephoneEvent(event: 4, end: true, duration: 160), timestamp: 0xFFFF_FF00)
        let r = receiver.receive(TelephoneEvent(event: 5, duration: 160), timestamp: 0x0000_0100)
        #expect(r.began?.event == 5)
    }
}
