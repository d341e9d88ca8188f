/// What a running device tells the UI. Rare by nature: emitted from a backend's control
/// path (PulseAudio's context callbacks, an ALSA thread after it recovered), never per frame.
public enum AudioEvent: Sendable, Equatable, CustomStringConvertible {
    /// The stream's device went away (unplugged, unloaded); audio now goes through `fallback`.
    case deviceLost(AudioDirection, device: String, fallback: String)
    /// The configured device is back and the stream follows it again.
    case deviceBack(AudioDirection, device: String)
    /// The user switched the stream to `device` (during a call).
    case switched(AudioDirection, device: String)
    /// The system default changed and the stream follows it (the "follow default" setting).
    case followingDefault(AudioDirection, device: String)
    /// The device ran late (ALSA xrun, PulseAudio under/overflow); `total` since start.
    case xrun(AudioDirection, total: Int)
    /// The stream failed and could not be recovered.
    case failed(AudioDirection, AudioError)

    public var description: String {
        switch self {
        case .deviceLost(let direction, let device, let fallback):
            "\(direction) device \(device) lost, fell back to \(fallback)"
        case .deviceBack(let direction, let device):
            "\(direction) device \(device) is back, following it"
        case .switched(let direction, let device):
            "\(direction) switched to \(device)"
        case .followingDefault(let direction, let device):
            "\(direction) follows the new default device \(device)"
        case .xrun(let direction, let total):
            "\(direction) xrun (\(total) so far)"
        case .failed(let direction, let error):
            "\(direction) stream failed: \(error)"
        }
    }
}

/// Delivers `AudioEvent`s as an `AsyncStream` without ever blocking the emitter: the
/// stream keeps the newest 64 events when nobody reads.
public final class AudioEvents: Sendable {
    /// The events, in order. One consumer.
    public let stream: AsyncStream<AudioEvent>
    private let continuation: AsyncStream<AudioEvent>.Continuation

    public init() {
        (stream, continuation) = AsyncStream.makeStream(of: AudioEvent.self, bufferingPolicy: .bufferingNewest(64))
    }

    func emit(_ event: AudioEvent) {
        continuation.yield(event)
    }

    /// Ends the stream (the device was closed).
    func finish() {
        continuation.finish()
    }
}
