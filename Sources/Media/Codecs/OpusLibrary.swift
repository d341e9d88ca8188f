import Audio
import COpus

/// The libopus functions pipit calls, resolved from `libopus.so.0` by the first Opus
/// encoder or decoder and kept for the life of the process (an idle phone, or a call in
/// G.711 or G.722, never maps libopus); and one place that turns libopus return codes into
/// `CodecError`. Each function field is the C function without its `opus_` prefix.
final class OpusLibrary: @unchecked Sendable {  // immutable C function pointers
    let encoder_create: opus_encoder_create_fn
    let encoder_destroy: opus_encoder_destroy_fn
    let encoder_ctl: opus_encoder_ctl_fn
    let encode: opus_encode_fn
    let decoder_create: opus_decoder_create_fn
    let decoder_destroy: opus_decoder_destroy_fn
    let decoder_ctl: opus_decoder_ctl_fn
    let decode: opus_decode_fn
    let strerror: opus_strerror_fn
    let packet_get_nb_samples: opus_packet_get_nb_samples_fn
    let packet_get_samples_per_frame: opus_packet_get_samples_per_frame_fn
    let packet_get_nb_channels: opus_packet_get_nb_channels_fn
    let packet_parse: opus_packet_parse_fn

    /// Loaded once (Swift initialises a global once, thread-safely); a failure is kept and
    /// reported on every use.
    private static let loaded = Result { () throws(SharedLibraryError) in
        try OpusLibrary(SharedLibrary("libopus.so.0", package: "libopus0"))
    }

    /// The functions, or a `CodecError` saying which package to install.
    static func load() throws(CodecError) -> OpusLibrary {
        do {
            return try loaded.get()
        } catch {
            throw .library(code: OPUS_INTERNAL_ERROR, message: error.description)
        }
    }

    private init(_ library: SharedLibrary) throws(SharedLibraryError) {
        encoder_create = try library.function("opus_encoder_create")
        encoder_destroy = try library.function("opus_encoder_destroy")
        encoder_ctl = try library.function("opus_encoder_ctl")
        encode = try library.function("opus_encode")
        decoder_create = try library.function("opus_decoder_create")
        decoder_destroy = try library.function("opus_decoder_destroy")
        decoder_ctl = try library.function("opus_decoder_ctl")
        decode = try library.function("opus_decode")
        strerror = try library.function("opus_strerror")
        packet_get_nb_samples = try library.function("opus_packet_get_nb_samples")
        packet_get_samples_per_frame = try library.function("opus_packet_get_samples_per_frame")
        packet_get_nb_channels = try library.function("opus_packet_get_nb_channels")
        packet_parse = try library.function("opus_packet_parse")
    }

    /// The PCM rates libopus encodes from and decodes to.
    static let sampleRates: Set<Int> = [8000, 12000, 16000, 24000, 48000]

    /// Throws for a negative libopus result; returns non-negative results unchanged.
    @discardableResult
    func check(_ result: Int32) throws(CodecError) -> Int {
        guard result < 0 else { return Int(result) }
        throw error(result)
    }

    func error(_ code: Int32) -> CodecError {
        let message = strerror(code).map { String(cString: $0) } ?? "unknown"
        switch code {
        case OPUS_INVALID_PACKET: return .badPayload("opus: \(message)")
        case OPUS_BUFFER_TOO_SMALL: return .bufferTooSmall(needed: OpusAudioEncoder.maxPacketSize)
        default: return .library(code: code, message: message)
        }
    }

    /// Frame sizes Opus codes at 48 kHz: 2.5, 5, 10, 20, 40 and 60 ms.
    static func isFrameSize(_ samples: Int) -> Bool {
        samples == 120 || samples == 240 || samples == 480 || samples == 960 || samples == 1920 || samples == 2880
    }

    /// Whether an Opus packet carries in-band FEC (LBRR) for the packet before it.
    /// RFC 6716 §4.2.3-4.2.4: a SILK or hybrid frame starts with, per channel, one VAD bit
    /// per 20 ms SILK frame then the LBRR flag; those first bits are coded with equal
    /// probabilities, so they are the top bits of the first byte. CELT-only packets have none.
    func hasInbandFEC(_ packet: UnsafeRawBufferPointer) -> Bool {
        guard let base = packet.baseAddress?.assumingMemoryBound(to: UInt8.self), packet.count > 1 else { return false }
        let config = packet[0] >> 3
        guard config < 16 else { return false }  // 16…31: CELT only
        let samplesPerFrame = packet_get_samples_per_frame(base, 48000)
        let silkFrames = Int(max(1, samplesPerFrame / 960))
        let channels = Int(packet_get_nb_channels(base))
        // The first frame's first byte, found without allocating.
        let firstByte: Int? = withUnsafeTemporaryAllocation(of: UnsafePointer<UInt8>?.self, capacity: 48) { frames in
            withUnsafeTemporaryAllocation(of: Int16.self, capacity: 48) { sizes in
                frames.initialize(repeating: nil)
                sizes.initialize(repeating: 0)
                guard let sizeBase = sizes.baseAddress else { return nil }
                let count = packet_parse(base, Int32(clamping: packet.count), nil, frames.baseAddress, sizeBase, nil)
                guard count > 0, sizes[0] > 0, let first = frames[0] else { return nil }
                return Int(first.pointee)
            }
        }
        guard let byte = firstByte else { return false }
        var lbrr = (byte >> (7 - silkFrames)) & 1 == 1
        if channels == 2 { lbrr = lbrr || (byte >> (6 - 2 * silkFrames)) & 1 == 1 }
        return lbrr
    }
}
