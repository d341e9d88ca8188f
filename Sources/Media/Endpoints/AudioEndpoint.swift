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
public enum AudioInput: Sendable {
    case silence
    /// Mono samples at the session's rate, played once (then silence) or looped.
    case samples([Int16], loop: Bool)
}

/// A sink as other threads describe it.
public enum AudioOutput: Sendable {
    case discard
    /// A mono 16-bit WAV file at the session's rate.
    case file(path: String)
}

extension AudioInput {
    func makeSource() -> any AudioSource {
        switch self {
        case .silence: SampleSource(samples: [], loop: false)
        case .samples(let samples, let loop): SampleSource(samples: samples, loop: loop)
        }
    }
}

extension AudioOutput {
    /// Nil with the reason when the file cannot be created.
    func makeSink(sampleRate: Int) -> Result<any AudioSink, WAVError> {
        switch self {
        case .discard:
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
