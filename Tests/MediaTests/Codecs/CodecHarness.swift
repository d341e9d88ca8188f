import Media

/// Array conveniences over the buffer-based codec calls, for tests only.
enum CodecHarness {
    /// Encodes `pcm` frame by frame; each payload as an array.
    static func encode(_ encoder: any AudioEncoder, _ pcm: [Int16], frame: Int, capacity: Int = 4000) throws -> [[UInt8]] {
        var packets: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: capacity)
        var start = 0
        while start + frame <= pcm.count {
            let length = try pcm[start..<start + frame].withUnsafeBufferPointer { input in
                try buffer.withUnsafeMutableBytes { try encoder.encode(input, into: $0) }
            }
            packets.append(Array(buffer[0..<length]))
            start += frame
        }
        return packets
    }

    /// Decodes one payload.
    static func decode(_ decoder: any AudioDecoder, _ payload: [UInt8], capacity: Int = 5760) throws -> [Int16] {
        var pcm = [Int16](repeating: 0, count: capacity)
        let count = try payload.withUnsafeBytes { bytes in
            try pcm.withUnsafeMutableBufferPointer { try decoder.decode(bytes, into: $0) }
        }
        return Array(pcm[0..<count])
    }

    /// Decodes payloads in order, concatenated.
    static func decode(_ decoder: any AudioDecoder, _ payloads: [[UInt8]]) throws -> [Int16] {
        try payloads.flatMap { try decode(decoder, $0) }
    }

    /// The delay (minDelay…maxDelay) at which `decoded` best matches `reference`, and the SNR there.
    static func bestSNR(reference: [Int16], decoded: [Int16], minDelay: Int = 0, maxDelay: Int, skip: Int = 0) -> (delay: Int, snr: Double) {
        let ref = Array(reference[skip..<(reference.count - maxDelay)])
        var best = (delay: 0, snr: -Double.infinity)
        for delay in minDelay...maxDelay {
            let shifted = Array(decoded[(skip + delay)...])
            let snr = Signals.snr(reference: ref, decoded: shifted)
            if snr > best.snr { best = (delay, snr) }
        }
        return best
    }
}
