import Audio

/// `audio …`: the sound card as the user sees and changes it.
extension UserAgent {
    func audio(_ command: AudioCommand) async {
        let sound = (media as? EngineMedia)?.sound
        if case .levels = command, sound == nil {
            // The TUI asks a few times a second: no sound card means no meters, not an error.
            return emit(.soundLevels(SoundLevels(microphone: nil, speaker: nil, microphoneMuted: false)))
        }
        guard let sound else {
            return emit(.error("audio: no sound card in use ([audio] backend = \(config.audio.backend.rawValue))"))
        }
        switch command {
        case .status:
            for line in await sound.status() { emit(.audio(line, warning: false)) }
        case .devices:
            do {
                let devices = try await sound.devices()
                guard !devices.isEmpty else { return emit(.audio("no devices to choose from with this backend", warning: false)) }
                for device in devices {
                    let role = device.direction == .capture ? "input" : "output"
                    emit(.audio("\(role) \(device.isDefault ? "*" : " ") \(device.name) — \(device.description)", warning: false))
                }
            } catch {
                emit(.error("audio devices: \(error)"))
            }
        case .use(let role, let device):
            await sound.use(role, device: device)
            emit(.audio("\(role.rawValue): \(device ?? "default")", warning: false))
        case .gain(let microphone, let decibels):
            let set = await sound.setGain(microphone ? .capture : .playback, decibels: decibels)
            emit(.audio("\(microphone ? "microphone" : "speaker") gain \(SoundDevices.decibels(set))", warning: false))
        case .mute(let on):
            await sound.setMicrophoneMuted(on)
            emit(.audio(on ? "microphone muted for every call" : "microphone on", warning: false))
            emit(.soundLevels(await sound.levels()))
        case .levels:
            emit(.soundLevels(await sound.levels()))
        }
    }
}
