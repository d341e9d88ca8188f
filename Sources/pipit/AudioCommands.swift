import ArgumentParser
import Audio

/// `pipit audio …`: list the sound devices, and check a headset in ten seconds.
struct AudioCommands: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audio",
        abstract: "List sound devices, or check the microphone and speaker.",
        subcommands: [Devices.self, Check.self]
    )

    /// Which backend the audio commands use: the option, else PulseAudio when a server
    /// answers, else ALSA, else nothing.
    static func backend(_ option: String?) throws -> AudioBackendKind {
        if let option {
            guard let kind = AudioBackendKind(rawValue: option.lowercased()), kind != .wav, kind != .null else {
                throw ValidationError("--backend must be auto, pulse or alsa, not \(option)")
            }
            if kind != .auto { return kind }
        }
        let choice = AudioBackendSelection.choose()
        print(choice)
        return choice.backend
    }

    struct Devices: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the capture and playback devices.")

        @Option(help: "auto, pulse or alsa.")
        var backend: String?

        func run() throws {
            let devices: [AudioDeviceInfo]
            switch try AudioCommands.backend(backend) {
            case .pulse: devices = try PulseDeviceList.list()
            case .alsa: devices = try AlsaDeviceList.list()
            default: throw ExitCode(1)
            }
            for direction in [AudioDirection.capture, .playback] {
                print(direction == .capture ? "capture (input):" : "playback (output):")
                for device in devices where device.direction == direction {
                    print("  \(device.isDefault ? "*" : " ") \(device.name)  —  \(device.description)")
                }
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Play a tone, record a few seconds from the microphone, play the recording back and print its levels.",
            discussion: "Exit status 1 when the microphone gave only silence."
        )

        @Option(help: "auto, pulse or alsa.")
        var backend: String?
        @Option(help: ArgumentHelp("The capture device (see `pipit audio devices`).", valueName: "device"))
        var input: String?
        @Option(help: ArgumentHelp("The playback device.", valueName: "device"))
        var output: String?
        @Option(help: "Seconds to record.")
        var seconds: Double = 3

        func run() async throws {
            let device: any AudioDevice
            switch try AudioCommands.backend(backend) {
            case .pulse:
                device = try PulseDevice(configuration: .init(captureDevice: input, playbackDevice: output))
            case .alsa:
                device = try AlsaDevice(configuration: .init(captureDevice: input ?? "default", playbackDevice: output ?? "default"))
            default:
                throw ExitCode(1)
            }
            print("playing a 1 kHz tone on \(device.description), then recording for \(Int(seconds)) s: speak now…")
            let result = try await AudioCheck.run(device: device, recordSeconds: max(1, min(seconds, 30)))
            print(result.summary)
            if result.isSilent { throw ExitCode(1) }
        }
    }
}
