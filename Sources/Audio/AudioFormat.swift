/// The format a device is opened at: 16-bit signed native-endian PCM, mono, in frames of
/// `frameMilliseconds` (10 ms: what the media engine ticks at).
public struct AudioFormat: Sendable, Equatable, CustomStringConvertible {
    /// Samples per second (8000, 16000, 48000 …).
    public var sampleRate: Int
    /// Channels; pipit's media path is mono.
    public var channels: Int
    /// Length of one frame.
    public var frameMilliseconds: Int

    public init(sampleRate: Int = 48000, channels: Int = 1, frameMilliseconds: Int = 10) {
        self.sampleRate = sampleRate
        self.channels = channels
        self.frameMilliseconds = frameMilliseconds
    }

    /// Samples in one frame (all channels).
    public var samplesPerFrame: Int { sampleRate * frameMilliseconds / 1000 * channels }

    /// Samples (all channels) in `milliseconds`.
    public func samples(milliseconds: Int) -> Int { sampleRate * milliseconds / 1000 * channels }

    /// Bytes in `milliseconds` of audio.
    public func bytes(milliseconds: Int) -> Int { samples(milliseconds: milliseconds) * 2 }

    public var description: String { "\(sampleRate) Hz, \(channels) ch, \(frameMilliseconds) ms frames" }

    /// Rejects formats no backend supports, naming `device`.
    func validate(device: String) throws(AudioError) {
        guard (8000...192_000).contains(sampleRate), channels == 1,
              (1...100).contains(frameMilliseconds), sampleRate * frameMilliseconds % 1000 == 0
        else { throw AudioError(device: device, operation: "open", reason: "unsupported format \(self)") }
    }
}
