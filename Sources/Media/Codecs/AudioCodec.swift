/// Codecs turn frames of mono 16-bit PCM into RTP payloads and back. They are classes
/// because the C codecs keep state; each instance belongs to one media thread and is
/// never shared, so none of them is `Sendable`. The per-frame calls take and fill
/// caller-owned buffers so that the media path does not allocate.

/// Why a codec call failed. The media path counts these; it never traps on them.
public enum CodecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The payload cannot be decoded (truncated, corrupt, wrong codec).
    case badPayload(String)
    /// The output buffer cannot hold the result.
    case bufferTooSmall(needed: Int)
    /// The codec library refused: its error code and message.
    case library(code: Int32, message: String)
    /// Parameters the codec does not support (sample rate, frame length, fmtp value).
    case unsupported(String)

    public var description: String {
        switch self {
        case .badPayload(let why): "bad payload: \(why)"
        case .bufferTooSmall(let needed): "buffer too small: \(needed) needed"
        case .library(let code, let message): "codec library error \(code): \(message)"
        case .unsupported(let what): "unsupported: \(what)"
        }
    }
}

/// Encodes whole frames (10, 20, 40 or 60 ms) of PCM at `sampleRate` into RTP payloads.
public protocol AudioEncoder: AnyObject {
    /// The PCM rate it consumes: 8000 (G.711), 16000 (G.722), 48000 (Opus)…
    var sampleRate: Int { get }
    /// RTP timestamp units per second (8000 for G.722, RFC 3551 §4.5.2).
    var rtpClockRate: Int { get }
    /// Encodes one frame; returns the payload length. Zero means "send nothing" (DTX).
    func encode(_ pcm: UnsafeBufferPointer<Int16>, into payload: UnsafeMutableRawBufferPointer) throws(CodecError) -> Int
}

/// Decodes RTP payloads into PCM at `sampleRate` and conceals frames that never came.
public protocol AudioDecoder: AnyObject {
    var sampleRate: Int { get }
    var rtpClockRate: Int { get }
    /// How many PCM samples (at `sampleRate`) `payload` decodes to, without decoding it;
    /// nil if unknown. For G.722 that is twice its RTP timestamp units.
    func sampleCount(of payload: UnsafeRawBufferPointer) -> Int?
    /// Decodes one payload; returns the number of samples written.
    func decode(_ payload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) throws(CodecError) -> Int
    /// Fills `pcm` for a lost frame with the codec's own concealment (Opus PLC); returns
    /// samples written. Zero when the codec has none (G.711, G.722): the playout then
    /// conceals from the decoded waveform itself.
    func conceal(into pcm: UnsafeMutableBufferPointer<Int16>) -> Int
    /// Rebuilds a lost frame from redundancy carried in the packet after it (Opus
    /// in-band FEC). Nil when the codec or this payload carries none.
    func recover(from nextPayload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int?
}
