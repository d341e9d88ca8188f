import Glibc

/// Just enough of RIFF/WAVE for the WAV backend: 16-bit PCM, mono, read whole or written
/// as a stream whose sizes are patched when it is closed.
enum WAVFile {
    /// The samples and rate of a 16-bit PCM mono file.
    static func read(path: String, device: String) throws(AudioError) -> (sampleRate: Int, samples: [Int16]) {
        func fail(_ reason: String) -> AudioError { AudioError(device: device, operation: "open", reason: reason) }
        guard let file = fopen(path, "rb") else { throw fail("\(path): \(String(cString: strerror(errno)))") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= 256 << 20 else { throw fail("\(path): larger than 256 MiB") }
        }
        return try parse(bytes, fail: fail)
    }

    static func parse(_ bytes: [UInt8], fail: (String) -> AudioError) throws(AudioError) -> (sampleRate: Int, samples: [Int16]) {
        func u32(_ at: Int) -> Int {
            Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8)
        else { throw fail("not a RIFF/WAVE file") }
        var offset = 12
        var sampleRate: Int?
        while offset + 8 <= bytes.count {
            let size = u32(offset + 4)
            let body = offset + 8
            guard size <= bytes.count - body else {
                // A stream whose data size was never patched: take what is there.
                if bytes[offset..<offset + 4].elementsEqual("data".utf8), let sampleRate {
                    return (sampleRate, samples(bytes, from: body, count: bytes.count - body))
                }
                throw fail("chunk larger than the file")
            }
            if bytes[offset..<offset + 4].elementsEqual("fmt ".utf8) {
                guard size >= 16 else { throw fail("short fmt chunk") }
                let format = u16(body), channels = u16(body + 2), bits = u16(body + 14)
                guard format == 1 || format == 0xFFFE, channels == 1, bits == 16 else {
                    throw fail("only 16-bit PCM mono is supported (format \(format), \(channels) ch, \(bits) bit)")
                }
                sampleRate = u32(body + 4)
            } else if bytes[offset..<offset + 4].elementsEqual("data".utf8) {
                guard let sampleRate else { throw fail("data before fmt") }
                return (sampleRate, samples(bytes, from: body, count: size))
            }
            offset = body + size + (size & 1)
        }
        throw fail("no data chunk")
    }

    private static func samples(_ bytes: [UInt8], from start: Int, count: Int) -> [Int16] {
        (0..<count / 2).map { index in
            Int16(bitPattern: UInt16(bytes[start + 2 * index]) | UInt16(bytes[start + 2 * index + 1]) << 8)
        }
    }

    /// A WAV file being written: header first, samples as they come, sizes at `close`.
    final class Writer {
        private let file: UnsafeMutablePointer<FILE>
        private var sampleCount = 0
        private let sampleRate: Int

        init(path: String, sampleRate: Int, device: String) throws(AudioError) {
            guard let file = fopen(path, "wb") else {
                throw AudioError(device: device, operation: "open", reason: "\(path): \(String(cString: strerror(errno)))")
            }
            self.file = file
            self.sampleRate = sampleRate
            writeHeader()
        }

        /// Device thread: appends samples (16-bit little-endian; this only runs on
        /// little-endian Linux targets, so the bytes are written as they are in memory).
        func append(_ samples: UnsafeBufferPointer<Int16>) {
            guard let base = samples.baseAddress else { return }
            sampleCount += fwrite(base, 2, samples.count, file)
        }

        /// Patches the sizes and closes the file.
        func close() {
            fseek(file, 0, SEEK_SET)
            writeHeader()
            fclose(file)
        }

        private func writeHeader() {
            let data = sampleCount * 2
            var header: [UInt8] = Array("RIFF".utf8)
            func le(_ value: Int, _ bytes: Int) {
                for index in 0..<bytes { header.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
            }
            le(36 + data, 4)
            header += Array("WAVEfmt ".utf8)
            le(16, 4); le(1, 2); le(1, 2); le(sampleRate, 4); le(sampleRate * 2, 4); le(2, 2); le(16, 2)
            header += Array("data".utf8)
            le(data, 4)
            fwrite(header, 1, header.count, file)
        }
    }
}
