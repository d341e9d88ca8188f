import Foundation
import Media

/// Stereo Opus packets from a separate libopus stereo encoder, loaded at run time (our
/// product encoder is mono only): what a stereo peer would send.
enum StereoOpusPackets {
    private typealias Create = @convention(c) (Int32, Int32, Int32, UnsafeMutablePointer<Int32>?) -> OpaquePointer?
    private typealias Encode = @convention(c) (OpaquePointer?, UnsafePointer<Int16>?, Int32, UnsafeMutablePointer<UInt8>?, Int32) -> Int32
    private typealias Destroy = @convention(c) (OpaquePointer?) -> Void

    struct Unavailable: Error {}

    /// 20 ms packets of interleaved `left`/`right`, application AUDIO, 64 kbit/s.
    static func encode(left: [Int16], right: [Int16]) throws -> [[UInt8]] {
        guard let lib = dlopen("libopus.so.0", RTLD_NOW | RTLD_LOCAL),
              let c = dlsym(lib, "opus_encoder_create"), let e = dlsym(lib, "opus_encode"),
              let d = dlsym(lib, "opus_encoder_destroy")
        else { throw Unavailable() }
        let create = unsafeBitCast(c, to: Create.self), encode = unsafeBitCast(e, to: Encode.self)
        let destroy = unsafeBitCast(d, to: Destroy.self)
        var error: Int32 = 0
        let state = create(48000, 2, 2049 /* OPUS_APPLICATION_AUDIO */, &error)
        guard error == 0, state != nil else { throw Unavailable() }
        defer { destroy(state) }
        let interleaved = zip(left, right).flatMap { [$0, $1] }
        var packets: [[UInt8]] = []
        var out = [UInt8](repeating: 0, count: 4000)
        for start in stride(from: 0, to: left.count - 959, by: 960) {
            let n = interleaved[(2 * start)..<(2 * start + 1920)].withUnsafeBufferPointer { pcm in
                out.withUnsafeMutableBufferPointer { encode(state, pcm.baseAddress, 960, $0.baseAddress, 4000) }
            }
            guard n > 0 else { throw CodecError.library(code: n, message: "stereo encode") }
            packets.append(Array(out[0..<Int(n)]))
        }
        return packets
    }
}
