import Audio
/// Where a call's near-end audio comes from (microphone, file, silence). Called on the
/// media thread once per tick; must not block.
public protocol AudioSource: AnyObject {
    /// Fills `frame` with the next mono samples at the rate the source was made for.
    func read(into frame: UnsafeMutableBufferPointer<Int16>)
}

/// Where a call's far-end audio goes (speaker, file, nowhere). Called on the media thread
/// once per tick; must not block.
public protocol AudioSink: AnyObject {
    func write(_ frame: UnsafeBufferPointer<Int16>)
    /// Flushes and releases what the sink holds (a file's header is completed).
    func close()
}

/// A source as other threads describe it; the media thread builds the source.
public enum AudioInput: Sendable, Equatable {
    case silence
    /// The sound card's microphone, through the engine's device hub.
    case device
    /// What the stream receives, played back after `delayMilliseconds` (an echo test);
    /// goes with `AudioOutput.loopback`.
    case loopback(delayMilliseconds: Int)
    /// Mono samples at the session's rate, played once (then silence) or looped.
    case samples([Int16], loop: Bool)
}

/// A sink as other threads describe it.
public enum AudioOutput: Sendable, Equatable {
    case discard
    /// The sound card's speaker, through the engine's device hub.
    case device
    /// Into the stream's own input (see `AudioInput.loopback`).
    case loopback
    /// A mono 16-bit WAV file at the session's rate.
    case file(path: String)
}

extension AudioInput {
    /// `.device` is not built here: it is the stream's hub port.
    func makeSource() -> any AudioSource {
        switch self {
        case .silence, .device, .loopback: SampleSource(samples: [], loop: false)
        case .samples(let samples, let loop): SampleSource(samples: samples, loop: loop)
        }
    }
}

extension AudioOutput {
    /// Nil with the reason when the file cannot be created.
    func makeSink(sampleRate: Int) -> Result<any AudioSink, WAVError> {
        switch self {
        case .discard, .device, .loopback:
            return .success(DiscardSink())
        case .file(let path):
            do {
                return .success(FileSink(writer: try WAVWriter(path: path, format: WAVFormat(sampleRate: sampleRate, channels: 1))))
            } catch {
                return .failure(error)
            }
        }
    }
}
