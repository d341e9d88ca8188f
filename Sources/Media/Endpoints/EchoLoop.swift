/// Plays back what a call receives, `delay` later: the echo test's far end. One object is
/// both the stream's sink (what the caller said) and its source (what the caller hears).
final class EchoLoop: AudioSource, AudioSink {
    private var line: [Int16]
    private var writeIndex = 0
    private var readIndex = 0

    /// `delaySamples` at the stream's rate (at least one 10 ms frame).
    init(delaySamples: Int, frame: Int) {
        line = [Int16](repeating: 0, count: max(delaySamples, frame) + frame)
        // The reader starts `delay` behind the writer: silence until the first words return.
        readIndex = 0
        writeIndex = max(delaySamples, frame) % line.count
    }

    func write(_ frame: UnsafeBufferPointer<Int16>) {
        for sample in frame {
            line[writeIndex] = sample
            writeIndex = (writeIndex + 1) % line.count
        }
    }

    func read(into frame: UnsafeMutableBufferPointer<Int16>) {
        for i in frame.indices {
            frame[i] = line[readIndex]
            readIndex = (readIndex + 1) % line.count
        }
    }

    func close() {}
}
