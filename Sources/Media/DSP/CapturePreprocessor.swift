import CSpeexDSP

/// What the microphone signal goes through after echo cancellation: noise suppression,
/// automatic gain control and residual echo suppression (SpeexDSP's preprocessor). Each
/// is a setting. Its overlap-add delays the signal by one frame (10 ms).
public final class CapturePreprocessor {
    public struct Settings: Hashable, Sendable {
        public var noiseSuppression: Bool
        /// Maximum attenuation of noise, in dB (negative).
        public var noiseSuppressionDB: Int32
        public var automaticGain: Bool
        /// The level AGC aims at, as a 16-bit RMS value (8000 ≈ -12 dBFS).
        public var agcTarget: Int32

        public init(noiseSuppression: Bool = true, noiseSuppressionDB: Int32 = -20, automaticGain: Bool = false, agcTarget: Int32 = 8000) {
            self.noiseSuppression = noiseSuppression
            self.noiseSuppressionDB = noiseSuppressionDB
            self.automaticGain = automaticGain
            self.agcTarget = agcTarget
        }
    }

    public let frameSize: Int
    private let state: OpaquePointer
    private let speex: SpeexLibrary
    /// Kept alive: the preprocessor reads the canceller's state for residual echo.
    private let echo: EchoCanceller?

    public init(sampleRate: Int, frameSize: Int, settings: Settings, echo: EchoCanceller? = nil) throws(DSPError) {
        guard frameSize > 0, sampleRate > 0 else { throw .badParameter("preprocessor: frame \(frameSize), rate \(sampleRate)") }
        let speex: SpeexLibrary
        do { speex = try SpeexLibrary.load() } catch { throw .library(error.description) }
        guard let state = speex.preprocess_state_init(Int32(frameSize), Int32(sampleRate)) else {
            throw .library("speex_preprocess_state_init failed")
        }
        self.state = state
        self.speex = speex
        self.frameSize = frameSize
        self.echo = echo
        // Residual echo suppression runs inside SpeexDSP's denoiser: with an echo canceller
        // the denoiser stays on, and "no noise suppression" means a 0 dB noise floor.
        var on: Int32 = settings.noiseSuppression || echo != nil ? 1 : 0
        _ = speex.preprocess_ctl(state, SPEEX_PREPROCESS_SET_DENOISE, &on)
        var noise = settings.noiseSuppression ? settings.noiseSuppressionDB : 0
        _ = speex.preprocess_ctl(state, SPEEX_PREPROCESS_SET_NOISE_SUPPRESS, &noise)
        var agc: Int32 = settings.automaticGain ? 1 : 0
        _ = speex.preprocess_ctl(state, SPEEX_PREPROCESS_SET_AGC, &agc)
        var target = settings.agcTarget
        _ = speex.preprocess_ctl(state, SPEEX_PREPROCESS_SET_AGC_TARGET, &target)
        if let echo {
            _ = speex.preprocess_ctl(state, SPEEX_PREPROCESS_SET_ECHO_STATE, UnsafeMutableRawPointer(echo.state))
            // Residual echo: strongly suppressed while only the far end talks, gently
            // during double talk so the near-end talker stays audible.
            var suppress: Int32 = -40
            _ = speex.preprocess_ctl(state, SPEEX_PREPROCESS_SET_ECHO_SUPPRESS, &suppress)
            var active: Int32 = -15
            _ = speex.preprocess_ctl(state, SPEEX_PREPROCESS_SET_ECHO_SUPPRESS_ACTIVE, &active)
        }
    }

    deinit { speex.preprocess_state_destroy(state) }

    /// Processes one frame in place; returns whether it holds voice (the VAD decision).
    @discardableResult
    public func process(_ frame: UnsafeMutableBufferPointer<Int16>) -> Bool {
        guard frame.count == frameSize else { return true }
        return speex.preprocess_run(state, frame.baseAddress) != 0
    }
}
