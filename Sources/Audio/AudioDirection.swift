/// Which way audio flows through a stream.
public enum AudioDirection: String, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// From a microphone (a PulseAudio source, an ALSA capture PCM).
    case capture
    /// To a speaker or headset (a PulseAudio sink, an ALSA playback PCM).
    case playback

    public var description: String { rawValue }
}

/// Which streams a device opens.
public struct AudioStreams: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Open a capture stream (filling `AudioDevice.captureRing`).
    public static let capture = AudioStreams(rawValue: 1)
    /// Open a playback stream (draining `AudioDevice.playbackRing`).
    public static let playback = AudioStreams(rawValue: 2)
    /// Both: a call.
    public static let duplex: AudioStreams = [.capture, .playback]
}

/// One device a backend can open, as listed to the user.
public struct AudioDeviceInfo: Sendable, Equatable {
    /// The name to configure (`alsa_output.pci-….analog-stereo`, `hw:1,0`, `default`).
    public var name: String
    /// A human description (`Built-in Audio Analog Stereo`).
    public var description: String
    /// Capture or playback.
    public var direction: AudioDirection
    /// Whether it is the system's default for its direction.
    public var isDefault: Bool

    public init(name: String, description: String, direction: AudioDirection, isDefault: Bool) {
        self.name = name
        self.description = description
        self.direction = direction
        self.isDefault = isDefault
    }
}
