import Audio
import Media
import Testing
@testable import UserAgent

/// Device changes that cross: a change asked for while a device is still opening (the
/// engine's attach is awaited) must see that device, not open a second one or leave the
/// first running with nothing to do. Seen in the CPU benchmark: a callee whose ringtone
/// device was still opening when the call was answered kept it for the whole call, its
/// PulseAudio stream waking the process 100 times a second.
@Suite(.timeLimit(.minutes(1))) struct DeviceChangeOrderTests {
    @Test func ringingStoppedWhileTheRingDeviceOpens() async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let sound = SoundDevices(engine: engine, settings: .init(backend: .null), notify: { _ in })
        for _ in 0..<20 {
            async let ring: Void = sound.setRinging([Int16](repeating: 0, count: 160))
            async let silence: Void = sound.setRinging(nil)
            _ = await (ring, silence)
            // Whichever came last holds: ringing (one device open) or not (none).
            let open = await sound.devicesOpen
            #expect(open == (await sound.ringing ? 1 : 0))
            await sound.setRinging(nil)
            #expect(await sound.devicesOpen == 0)
        }
    }

    @Test func callConnectedWhileTheToneDeviceOpens() async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let sound = SoundDevices(engine: engine, settings: .init(backend: .null), notify: { _ in })
        let ringback = TonePlan(frequencies: [440, 480], cadence: [2000, 4000])
        for call in UInt64(1)...20 {
            async let tone: Void = sound.setTone(ringback)
            async let connect: Void = sound.setConnected(call, true)
            _ = await (tone, connect)
            #expect(await sound.devicesOpen == 1)
            async let stopTone: Void = sound.setTone(nil)
            async let hangUp: Void = sound.setConnected(call, false)
            _ = await (stopTone, hangUp)
            #expect(await sound.devicesOpen == 0)
            #expect(await sound.current == nil)
        }
        await sound.close()
    }
}
