import Audio
import Media
import Testing
@testable import UserAgent

/// `audio mute`: the microphone muted at the device, for the device open now and for the
/// ones opened later, and reported with the levels.
@Suite(.timeLimit(.minutes(1))) struct DeviceMuteTests {
    @Test func muteReachesTheOpenDeviceAndTheNextOne() async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let sound = SoundDevices(engine: engine, settings: .init(backend: .null), notify: { _ in })
        #expect(await sound.levels() == SoundLevels(microphone: nil, speaker: nil, microphoneMuted: false))

        // Muted before any call: the device opened for the call starts muted.
        await sound.setMicrophoneMuted(true)
        await sound.setConnected(1, true)
        let first = try #require(await sound.current)
        #expect(first.controls.isMuted)
        let levels = await sound.levels()
        #expect(levels.microphoneMuted && levels.microphone != nil && levels.speaker != nil)

        // Unmuted during the call: the open device follows at once.
        await sound.setMicrophoneMuted(false)
        #expect(!first.controls.isMuted)
        await sound.setMicrophoneMuted(true)
        #expect(first.controls.isMuted)

        // The call ends, another starts: still muted until unmuted.
        await sound.setConnected(1, false)
        #expect(await sound.current == nil)
        await sound.setConnected(2, true)
        let second = try #require(await sound.current)
        #expect(second !== first)
        #expect(second.controls.isMuted)
        #expect(await sound.status().contains { $0.hasSuffix("; microphone muted") })
        await sound.close()
    }
}
