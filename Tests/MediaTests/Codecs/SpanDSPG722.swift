import Foundation

/// spandsp's G.722 coder, loaded at run time from libspandsp2 (installed with baresip,
/// whose g722 module uses it): the reference our bitstream must match.
final class SpanDSPG722: @unchecked Sendable {
    private typealias Initialise = @convention(c) (OpaquePointer?, Int32, Int32) -> OpaquePointer?
    private typealias Encode = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt8>?, UnsafePointer<Int16>?, Int32) -> Int32
    private typealias Decode = @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int16>?, UnsafePointer<UInt8>?, Int32) -> Int32
    private typealias Free = @convention(c) (OpaquePointer?) -> Int32

    private let encodeInit: Initialise, encodeFn: Encode, encodeFree: Free
    private let decodeInit: Initialise, decodeFn: Decode, decodeFree: Free

    static let shared: SpanDSPG722? = SpanDSPG722()

    private init?() {
        guard let lib = dlopen("libspandsp.so.2", RTLD_NOW | RTLD_LOCAL) else { return nil }
        func symbol<T>(_ name: String, _ type: T.Type) -> T? {
            dlsym(lib, name).map { unsafeBitCast($0, to: type) }
        }
        guard let ei = symbol("g722_encode_init", Initialise.self), let e = symbol("g722_encode", Encode.self),
              let ef = symbol("g722_encode_free", Free.self), let di = symbol("g722_decode_init", Initialise.self),
              let d = symbol("g722_decode", Decode.self), let df = symbol("g722_decode_free", Free.self)
        else { return nil }
        (encodeInit, encodeFn, encodeFree, decodeInit, decodeFn, decodeFree) = (ei, e, ef, di, d, df)
    }

    /// Encodes with a fresh 64 kbit/s encoder (options 0: 16 kHz, unpacked).
    func encode(_ pcm: [Int16]) -> [UInt8] {
        let state = encodeInit(nil, 64000, 0)
        defer { _ = encodeFree(state) }
        var out = [UInt8](repeating: 0, count: pcm.count / 2)
        let n = pcm.withUnsafeBufferPointer { p in out.withUnsafeMutableBufferPointer { encodeFn(state, $0.baseAddress, p.baseAddress, Int32(pcm.count)) } }
        return Array(out[0..<Int(n)])
    }

    /// Decodes with a fresh 64 kbit/s decoder.
    func decode(_ bytes: [UInt8]) -> [Int16] {
        let state = decodeInit(nil, 64000, 0)
        defer { _ = decodeFree(state) }
        var out = [Int16](repeating: 0, count: bytes.count * 2)
        let n = bytes.withUnsafeBufferPointer { b in out.withUnsafeMutableBufferPointer { decodeFn(state, $0.baseAddress, b.baseAddress, Int32(bytes.count)) } }
        return Array(out[0..<Int(n)])
    }
}
