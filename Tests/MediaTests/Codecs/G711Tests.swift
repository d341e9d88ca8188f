import Testing
import Media

@Suite(.timeLimit(.minutes(1)))
struct G711Tests {
    @Test func muLawKnownCodePoints() {
        #expect(G711.muLaw(0) == 0xFF)
        #expect(G711.muLaw(-1) == 0x7F)  // negative zero: −1 is as quiet as +1
        #expect(G711.muLaw(-5) == 0x7E)  // the smallest negative step, as +4 is the smallest positive
        #expect(G711.muLaw(32767) == 0x80)
        #expect(G711.muLaw(-32768) == 0x00)
        #expect(G711.linear(muLaw: 0xFF) == 0)
        #expect(G711.linear(muLaw: 0x7F) == 0)
        #expect(G711.linear(muLaw: 0x80) == 32124)
        #expect(G711.linear(muLaw: 0x00) == -32124)
    }

    /// Negative samples code as the mirror of their one's complement, so the quiet between
    /// words stays centred on zero (it was biased to −8 when −1 coded as a step).
    @Test func muLawIsSymmetricAroundZero() {
        let asymmetric = (Int16(0)...Int16.max).first {
            G711.linear(muLaw: G711.muLaw(-$0 &- 1)) != -G711.linear(muLaw: G711.muLaw($0))
        }
        #expect(asymmetric == nil, "\(String(describing: asymmetric))")
        let pause: [Int16] = (0..<800).map { [-2, -1, 0, 1, 2][$0 % 5] }
        let decoded = pause.map { Int(G711.linear(muLaw: G711.muLaw($0))) }
        #expect(decoded.allSatisfy { $0 == 0 }, "a near-silent pause decodes to silence")
    }

    @Test func aLawKnownCodePoints() {
        #expect(G711.aLaw(0) == 0xD5)
        #expect(G711.aLaw(-1) == 0x55)
        #expect(G711.aLaw(32767) == 0xAA)
        #expect(G711.aLaw(-32768) == 0x2A)
        #expect(G711.linear(aLaw: 0xD5) == 8)
        #expect(G711.linear(aLaw: 0x55) == -8)
        #expect(G711.linear(aLaw: 0xAA) == 32256)
        #expect(G711.linear(aLaw: 0x2A) == -32256)
    }

    /// Sorted by magnitude code, each half of the table rises strictly; the two halves
    /// mirror each other.
    @Test func decodeTablesMonotonicAndSymmetric() {
        // μ-law: positive codes 0xFF (smallest) … 0x80 (largest); negative 0x7F … 0x00.
        let muPositive = (0x80...0xFF).reversed().map { G711.linear(muLaw: UInt8($0)) }
        let muNegative = (0x00...0x7F).reversed().map { G711.linear(muLaw: UInt8($0)) }
        #expect(zip(muPositive, muPositive.dropFirst()).allSatisfy { $0 < $1 })
        #expect(zip(muPositive, muNegative).allSatisfy { $0 == -$1 })
        // A-law: the magnitude order is the code order after undoing the even-bit inversion.
        let aOrder = (0..<128).map { UInt8($0) ^ 0x55 }
        let aPositive = aOrder.map { G711.linear(aLaw: $0 | 0x80) }
        let aNegative = aOrder.map { G711.linear(aLaw: $0 & 0x7F) }
        #expect(zip(aPositive, aPositive.dropFirst()).allSatisfy { $0 < $1 })
        #expect(zip(aPositive, aNegative).allSatisfy { $0 == -$1 })
        #expect(Set(G711.muLawTable).count == 255)  // 0 appears twice (±0)
        #expect(Set(G711.aLawTable).count == 256)
    }

    /// Decoding a code and encoding the result gives the code back, for every byte.
    @Test func everyCodeSurvivesDecodeEncode() {
        for code in 0...255 {
            let byte = UInt8(code)
            if byte != 0x7F { #expect(G711.muLaw(G711.linear(muLaw: byte)) == byte, "μ \(code)") }
            #expect(G711.aLaw(G711.linear(aLaw: byte)) == byte, "A \(code)")
        }
    }

    @Test(arguments: [G711Law.muLaw, .aLaw])
    func sineRoundTripSNR(law: G711Law) throws {
        // -10 dBFS RMS: peak amplitude 0.316 · √2.
        let amplitude = 0.3162 * 2.0.squareRoot()
        let tone = Signals.sine(frequency: 1004, sampleRate: 8000, count: 8000, amplitude: amplitude)
        let payloads = try CodecHarness.encode(G711Encoder(law: law), tone, frame: 160)
        #expect(payloads.count == 50 && payloads.allSatisfy { $0.count == 160 })
        let decoded = try CodecHarness.decode(G711Decoder(law: law), payloads)
        let snr = Signals.snr(reference: tone, decoded: decoded)
        #expect(snr >= 35, "SNR \(snr) dB")
        #expect(abs(Signals.levelDBFS(decoded) - (-10)) < 0.3)
    }

    @Test func decoderHasNoConcealmentOrFEC() throws {
        let decoder = G711Decoder(law: .muLaw)
        var pcm = [Int16](repeating: 1, count: 160)
        let bytes: [UInt8] = Array(repeating: 0xFF, count: 160)
        pcm.withUnsafeMutableBufferPointer { out in
            #expect(decoder.conceal(into: out) == 0)
            bytes.withUnsafeBytes { #expect(decoder.recover(from: $0, into: out) == nil) }
        }
        #expect(bytes.withUnsafeBytes { decoder.sampleCount(of: $0) } == 160)
    }

    @Test func smallBuffersAreErrors() {
        let encoder = G711Encoder(law: .aLaw)
        let pcm = [Int16](repeating: 0, count: 160)
        var out = [UInt8](repeating: 0, count: 100)
        #expect(throws: CodecError.bufferTooSmall(needed: 160)) {
            try pcm.withUnsafeBufferPointer { p in try out.withUnsafeMutableBytes { try encoder.encode(p, into: $0) } }
        }
    }
}
