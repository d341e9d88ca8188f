import Audio

/// `pipit audio …`: list the sound devices, and check a headset in ten seconds.
enum AudioCommands {
    /// Which backend the audio commands use: the option, else PulseAudio when a server
    /// answers, else ALSA, else nothing (nil, said on standard error).
    static func backend(_ option: String?) -> AudioBackendKind? {
        if let option {
            guard let kind = AudioBackendKind(rawValue: option.lowercased()), kind != .wav, kind != .null else {
                StandardStreams.writeError("Error: --backend must be auto, pulse or alsa, not \(option)\n")
                return nil
            }
            if kind != .auto { return kind }
        }
        let choice = AudioBackendSelection.choose()
        print(choice)
        return choice.backend
    }

    /// `pipit audio devices [--backend B]`.
    static func devices(backend option: String?) -> Int32 {
        let devices: [AudioDeviceInfo]
        do {
            switch backend(option) {
            case .pulse: devices = try PulseDeviceList.list()
            case .alsa: devices = try AlsaDeviceList.list()
            case nil where option != nil: return ExitStatus.usage
            default: return 1
            }
        } catch {
            StandardStreams.writeError("pipit: \(error)\n")
            return 1
        }
        for direction in [AudioDirection.capture, .playback] {
            print(direction == .capture ? "capture (input):" : "playback (output):")
            for device in devices where device.direction == direction {
                print("  \(device.isDefault ? "*" : " ") \(device.name)  —  \(device.description)")
            }
        }
        return ExitStatus.ok
    }

    /// `pipit audio test`: plays a tone, records, plays the recording back, prints levels;
    /// exit status 1 when the microphone gave only silence.
    static func check(backend option: String?, input: String?, output: String?, seconds: Double) async -> Int32 {
        let device: any AudioDevice
        do {
            switch backend(option) {
            case .pulse:
                device = try PulseDevice(configuration: .init(captureDevice: input, playbackDevice: output))
            case .alsa:
                device = try AlsaDevice(configuration: .init(captureDevice: input ?? "default", playbackDevice: output ?? "default"))
            case nil where option != nil:
                return ExitStatus.usage
            default:
                return 1
            }
            print("playing a 1 kHz tone on \(device.description), then recording for \(Int(seconds)) s: speak now…")
            let result = try await AudioCheck.run(device: device, recordSeconds: max(1, min(seconds, 30)))
            print(result.summary)
            return result.isSilent ? 1 : ExitStatus.ok
        } catch {
            StandardStreams.writeError("pipit: \(error)\n")
            return 1
        }
    }
}
