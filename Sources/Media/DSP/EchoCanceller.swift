import CSpeexDSP

/// Acoustic echo cancellation with SpeexDSP's MDF filter: what the speaker played is
/// subtracted, as heard through the room, from what the microphone captured.
///
/// The reference must line up with the capture: the frame played `referenceDelay`
/// samples ago is the one the microphone hears now (the device round trip), so played
/// frames go through a delay line first. The filter then models the room up to `tail`.
public final class EchoCanceller {
    public let sampleRate: Int
    public let frameSize: Int
    let state: OpaquePointer
    private let speex: SpeexLibrary
    // `let` pointers, allocated once: the per-sample loops pay no exclusivity checks.
    private let delayLine: UnsafeMutableBufferPointer<Int16>
    private var delayWrite = 0
    private let delay: Int
    private let reference: UnsafeMutableBufferPointer<Int16>
    private let output: UnsafeMutableBufferPointer<Int16>

    /// - Parameters:
    ///   - frameSize: samples per call (10 ms: 80, 160 or 480).
    ///   - tailMilliseconds: the longest echo path the filter models (room + device).
    ///   - referenceDelay: samples between a frame being played and its echo being captured.
    public init(sampleRate: Int, frameSize: Int, tailMilliseconds: Int = 200, referenceDelay: Int = 0) throws(DSPError) {
        guard frameSize > 0, sampleRate > 0, (10...1000).contains(tailMilliseconds) else {
            throw .badParameter("echo canceller: frame \(frameSize), rate \(sampleRate), tail \(tailMilliseconds) ms")
        }
        let speex: SpeexLibrary
        do { speex = try SpeexLibrary.load() } catch { throw .library(error.description) }
        guard let state = speex.echo_state_init(Int32(frameSize), Int32(sampleRate * tailMilliseconds / 1000)) else {
            throw .library("speex_echo_state_init failed")
        }
        var rate = Int32(sampleRate)
        _ = speex.echo_ctl(state, SPEEX_ECHO_SET_SAMPLING_RATE, &rate)
        self.state = state
        self.speex = speex
        self.sampleRate = sampleRate
        self.frameSize = frameSize
        self.delay = max(0, referenceDelay)
        delayLine = .allocate(capacity: max(0, referenceDelay) + frameSize)
        delayLine.initialize(repeating: 0)
        reference = .allocate(capacity: frameSize)
        reference.initialize(repeating: 0)
        output = .allocate(capacity: frameSize)
        output.initialize(repeating: 0)
    }

    deinit {
        speex.echo_state_destroy(state)
        delayLine.deallocate()
        reference.deallocate()
        output.deallocate()
    }

    /// Cancels the echo of `played` (the frame sent to the speaker this tick) from
    /// `capture` (this tick's microphone frame), in place. Both are `frameSize` long.
    public func process(capture: UnsafeMutableBufferPointer<Int16>, played: UnsafeBufferPointer<Int16>) {
        guard capture.count == frameSize, played.count == frameSize else { return }
        // Push the played frame, pull the one from `delay` samples ago.
        let length = delayLine.count
        for i in 0..<frameSize {
            delayLine[(delayWrite + i) % length] = played[i]
        }
        let readStart = (delayWrite + length - delay) % length
        for i in 0..<frameSize {
            reference[i] = delayLine[(readStart + i) % length]
        }
        delayWrite = (delayWrite + frameSize) % length
        speex.echo_cancellation(state, capture.baseAddress, reference.baseAddress, output.baseAddress)
        for i in 0..<frameSize { capture[i] = output[i] }
    }

    /// Forgets the learnt echo path (a device change: the room is another one).
    public func reset() {
        speex.echo_state_reset(state)
        delayLine.update(repeating: 0)
    }
}

public enum DSPError: Error, Equatable, Sendable, CustomStringConvertible {
    case badParameter(String)
    case library(String)

    public var description: String {
        switch self {
        case .badParameter(let what): "bad DSP parameter: \(what)"
        case .library(let what): what
        }
    }
}
