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
