/// Plays samples held in memory (a WAV file read beforehand), once or looped; silence
/// after the end, or when there is nothing to play.
final class SampleSource: AudioSource {
    private let samples: [Int16]
    private let loop: Bool
    private var position = 0

    init(samples: [Int16], loop: Bool) {
        self.samples = samples
        self.loop = loop
    }

    /// True once a source that does not loop has played everything.
    var finished: Bool { !loop && position >= samples.count }

    /// What is still to play (not looping).
    var remaining: ArraySlice<Int16> { samples[min(position, samples.count)...] }

    /// Adds the next samples to `frame` (a file played over the microphone).
    func mix(into frame: UnsafeMutableBufferPointer<Int16>) {
        for i in frame.indices {
            if position >= samples.count {
                guard loop, !samples.isEmpty else { return }
                position = 0
            }
            frame[i] = Int16(clamping: Int(frame[i]) + Int(samples[position]))
            position += 1
        }
    }

    func read(into frame: UnsafeMutableBufferPointer<Int16>) {
        var filled = 0
        while filled < frame.count {
            if position >= samples.count {
                guard loop, !samples.isEmpty else { break }
                position = 0
            }
            let n = min(frame.count - filled, samples.count - position)
            for i in 0..<n { frame[filled + i] = samples[position + i] }
            filled += n
            position += n
        }
        for i in filled..<frame.count { frame[i] = 0 }
    }
}
