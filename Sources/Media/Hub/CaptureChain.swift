import Audio

/// The microphone side of the `DeviceHub`: reads captured audio a block at a time, runs
/// echo cancellation and the preprocessor on the block, and hands it out a hub frame
/// (10 ms) per tick. Media thread only.
///
/// With any processing the block is two frames (20 ms): SpeexDSP's MDF filter costs per
/// frame about what it costs at 10 ms for the same tail (half the blocks, each twice as
/// long), so per second it costs about half. The price is latency: the media loop waits
/// for both frames of a block (PulseAudio hands 20 ms over at once anyway; a device that
/// delivers 10 ms periods waits one more), and the preprocessor's overlap-add delays by one
/// block instead of one frame. With no processing the block is one frame, as before.
final class CaptureChain {
    /// Hub frames per block: 1, or 2 with echo cancellation or preprocessing.
    let blockFrames: Int
    private let frame: Int
    private let echo: EchoCanceller?
    private let preprocessor: CapturePreprocessor?
    // Allocated once (`let` pointers: no exclusivity checks in the per-sample loops).
    private let block: UnsafeMutableBufferPointer<Int16>
    /// The last `blockFrames` frames sent to the speaker, oldest first: the echo reference.
    private let reference: UnsafeMutableBufferPointer<Int16>
    /// Processed frames of `block` not handed out yet.
    private(set) var pending = 0
    /// Samples of `block` that came from the device (the rest is silence padding).
    private var valid = 0

    /// - Parameters:
    ///   - frame: samples per hub frame.
    ///   - sampleRate: the hub's rate.
    init(processing: CaptureProcessing, sampleRate: Int, frame: Int) {
        let frames = processing.isEmpty ? 1 : 2
        let (echo, preprocessor) = processing.makeProcessors(sampleRate: sampleRate, frameSize: frame * frames)
        // Nothing could be made (no SpeexDSP): no reason to wait for blocks.
        let blockFrames = echo == nil && preprocessor == nil ? 1 : frames
        self.blockFrames = blockFrames
        self.frame = frame
        self.echo = echo
        self.preprocessor = preprocessor
        block = .allocate(capacity: frame * blockFrames)
        block.initialize(repeating: 0)
        reference = .allocate(capacity: frame * blockFrames)
        reference.initialize(repeating: 0)
    }

    deinit {
        block.deallocate()
        reference.deallocate()
    }

    /// Whole device frames that can be handed out: those pending (unless they are padding:
    /// those are for the timer's ticks while the device stalls), and whole blocks in `ring`.
    func framesReady(in ring: SampleRing) -> Int {
        (valid >= block.count ? pending : 0) + ring.availableToRead / block.count * blockFrames
    }

    /// Reads the next block from `ring` (padded with silence when the device ran late) and
    /// processes it. Call only when nothing is pending.
    func fill(from ring: SampleRing) {
        valid = ring.readPaddingWithSilence(into: block)
        echo?.process(capture: block, played: UnsafeBufferPointer(reference))
        preprocessor?.process(block)
        pending = blockFrames
    }

    /// Copies the next processed frame into `near` (a frame long); returns whether it came
    /// from the device (false: padding, or nothing was pending).
    func take(into near: UnsafeMutableBufferPointer<Int16>) -> Bool {
        guard pending > 0, near.count == frame else {
            near.update(repeating: 0)
            return false
        }
        let start = (blockFrames - pending) * frame
        for i in 0..<frame { near[i] = block[start + i] }
        pending -= 1
        return valid >= start + frame
    }

    /// Records the frame just sent to the speaker (a frame long) as the newest reference.
    func played(_ frame: UnsafeBufferPointer<Int16>) {
        guard frame.count == self.frame else { return }
        let older = reference.count - self.frame
        for i in 0..<older { reference[i] = reference[i + self.frame] }
        for i in 0..<self.frame { reference[older + i] = frame[i] }
    }
}
