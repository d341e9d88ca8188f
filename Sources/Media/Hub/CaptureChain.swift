import Audio

/// The microphone side of the `DeviceHub`: reads captured audio a block at a time, runs
/// echo cancellation and the preprocessor on the block, and hands it out a hub frame
/// (10 ms) per tick, at the hub's mix rate. Media thread only.
///
/// With any processing the block is two frames (20 ms): SpeexDSP's MDF filter costs per
/// frame about what it costs at 10 ms for the same tail (half the blocks, each twice as
/// long), so per second it costs about half. The price is latency: the media loop waits
/// for both frames of a block (PulseAudio hands 20 ms over at once anyway; a device that
/// delivers 10 ms periods waits one more), and the preprocessor's overlap-add delays by one
/// block instead of one frame. With no processing the block is one frame, as before.
///
/// When the mix rate is below the device's (every connected call is narrowband), the
/// block and the speaker's frames are resampled down first and the processing runs at the
/// mix rate: half the work at 8 kHz, and nothing is lost, since a G.711 call carries
/// nothing above 4 kHz either way.
final class CaptureChain {
    /// Hub frames per block: 1, or 2 with echo cancellation or preprocessing.
    let blockFrames: Int
    /// The rate frames come out at (and the processing runs at).
    let outputRate: Int
    /// Samples per frame at the device's rate and at `outputRate`.
    private let deviceFrame: Int
    private let frame: Int
    private let echo: EchoCanceller?
    private let preprocessor: CapturePreprocessor?
    /// Device rate → `outputRate`, for the microphone and for the speaker's frames; nil
    /// when the rates are the same.
    private let captureDown: FrameResampler?
    private let referenceDown: FrameResampler?
    // Allocated once (`let` pointers: no exclusivity checks in the per-sample loops).
    /// A block as the device captured it.
    private let deviceBlock: UnsafeMutableBufferPointer<Int16>
    /// The block at `outputRate` (the same memory as `deviceBlock` when nothing resamples).
    private let block: UnsafeMutableBufferPointer<Int16>
    /// The last `blockFrames` frames sent to the speaker at `outputRate`, oldest first:
    /// the echo reference.
    private let reference: UnsafeMutableBufferPointer<Int16>
    private let referenceFrame: UnsafeMutableBufferPointer<Int16>
    /// Processed frames of `block` not handed out yet.
    private(set) var pending = 0
    /// Samples of `deviceBlock` that came from the device (the rest is silence padding).
    private var valid = 0

    /// - Parameters:
    ///   - sampleRate: the device's rate.
    ///   - frame: samples per hub frame at the device's rate.
    ///   - outputRate: the hub's mix rate (the device's rate, or a lower one).
    init(processing: CaptureProcessing, sampleRate: Int, frame: Int, outputRate: Int? = nil) {
        let outputRate = outputRate ?? sampleRate
        let outFrame = frame * outputRate / sampleRate
        let frames = processing.isEmpty ? 1 : 2
        let (echo, preprocessor) = processing.makeProcessors(sampleRate: outputRate, frameSize: outFrame * frames)
        // Nothing could be made (no SpeexDSP): no reason to wait for blocks.
        let blockFrames = echo == nil && preprocessor == nil ? 1 : frames
        self.blockFrames = blockFrames
        self.outputRate = outputRate
        deviceFrame = frame
        self.frame = outFrame
        self.echo = echo
        self.preprocessor = preprocessor
        deviceBlock = .allocate(capacity: frame * blockFrames)
        deviceBlock.initialize(repeating: 0)
        if outputRate != sampleRate {
            captureDown = FrameResampler(from: sampleRate, to: outputRate)
            referenceDown = echo == nil ? nil : FrameResampler(from: sampleRate, to: outputRate)
            block = .allocate(capacity: outFrame * blockFrames)
            block.initialize(repeating: 0)
        } else {
            captureDown = nil
            referenceDown = nil
            block = deviceBlock
        }
        reference = .allocate(capacity: outFrame * blockFrames)
        reference.initialize(repeating: 0)
        referenceFrame = .allocate(capacity: outFrame)
        referenceFrame.initialize(repeating: 0)
    }

    deinit {
        if block.baseAddress != deviceBlock.baseAddress { block.deallocate() }
        deviceBlock.deallocate()
        reference.deallocate()
        referenceFrame.deallocate()
    }

    /// Whole device frames that can be handed out: those pending (unless they are padding:
    /// those are for the timer's ticks while the device stalls), and whole blocks in `ring`.
    func framesReady(in ring: SampleRing) -> Int {
        (valid >= deviceBlock.count ? pending : 0) + ring.availableToRead / deviceBlock.count * blockFrames
    }

    /// Reads the next block from `ring` (padded with silence when the device ran late) and
    /// processes it. Call only when nothing is pending.
    func fill(from ring: SampleRing) {
        valid = ring.readPaddingWithSilence(into: deviceBlock)
        if let captureDown {
            for f in 0..<blockFrames {
                let start = f * deviceFrame
                captureDown.convert(UnsafeBufferPointer(rebasing: deviceBlock[start..<start + deviceFrame]),
                                    into: UnsafeMutableBufferPointer(rebasing: block[f * frame..<(f + 1) * frame]))
            }
        }
        echo?.process(capture: block, played: UnsafeBufferPointer(reference))
        preprocessor?.process(block)
        pending = blockFrames
    }

    /// Copies the next processed frame into `near` (a frame long at `outputRate`); returns
    /// whether it came from the device (false: padding, or nothing was pending).
    func take(into near: UnsafeMutableBufferPointer<Int16>) -> Bool {
        guard pending > 0, near.count == frame else {
            near.update(repeating: 0)
            return false
        }
        let index = blockFrames - pending
        let start = index * frame
        for i in 0..<frame { near[i] = block[start + i] }
        pending -= 1
        return valid >= (index + 1) * deviceFrame
    }

    /// Records the frame just sent to the speaker (a frame long, at the device's rate) as
    /// the newest reference (kept only for an echo canceller).
    func played(_ played: UnsafeBufferPointer<Int16>) {
        guard echo != nil, played.count == deviceFrame else { return }
        let newest: UnsafeBufferPointer<Int16>
        if let referenceDown {
            referenceDown.convert(played, into: referenceFrame)
            newest = UnsafeBufferPointer(referenceFrame)
        } else {
            newest = played
        }
        let older = reference.count - frame
        for i in 0..<older { reference[i] = reference[i + frame] }
        for i in 0..<frame { reference[older + i] = newest[i] }
    }
}
