import Audio
/// Writes what it is given into a WAV file.
final class FileSink: AudioSink {
    private let writer: WAVWriter

    init(writer: WAVWriter) { self.writer = writer }

    func write(_ frame: UnsafeBufferPointer<Int16>) { writer.write(frame) }

    func close() { writer.close() }
}

/// Drops what it is given (headless calls without audio output).
final class DiscardSink: AudioSink {
    func write(_ frame: UnsafeBufferPointer<Int16>) {}
    func close() {}
}
