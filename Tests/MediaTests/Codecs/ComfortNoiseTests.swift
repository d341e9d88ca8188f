import Testing
import Media

@Suite(.timeLimit(.minutes(1)))
struct ComfortNoiseTests {
    static func render(_ payload: ComfortNoisePayload, count: Int = 16000, seed: UInt64 = 42) -> [Int16] {
        let generator = ComfortNoiseGenerator(seed: seed)
        generator.update(with: payload)
        var pcm = [Int16](repeating: 0, count: count)
        // In 20 ms frames, as the playout would ask.
        pcm.withUnsafeMutableBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = min(start + 160, all.count)
                generator.render(into: UnsafeMutableBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
        return pcm
    }

    static func lagOneCorrelation(_ pcm: [Int16]) -> Double {
        var r0 = 0.0, r1 = 0.0
        for i in 1..<pcm.count {
            r0 += Double(pcm[i]) * Double(pcm[i])
            r1 += Double(pcm[i]) * Double(pcm[i - 1])
        }
        return r1 / max(r0, 1)
    }

    @Test func parsesLevelAndCoefficients() throws {
        let bytes: [UInt8] = [0x80 | 40, 127, 255, 0, 191]
        let p = try bytes.withUnsafeBytes { try ComfortNoisePayload(parsing: $0) }
        #expect(p.level == 40)  // the unused top bit is ignored
        #expect(p.quantisedCoefficients == [127, 255, 0, 191])
        #expect(p.reflectionCoefficients == [0, 0.99, -0.99, 0.5])
        var out = [UInt8](repeating: 0, count: 8)
        let n = try out.withUnsafeMutableBytes { try p.write(into: $0) }
        #expect(Array(out[0..<n]) == [40, 127, 255, 0, 191])
        #expect(throws: CodecError.self) { try [UInt8]().withUnsafeBytes { try ComfortNoisePayload(parsing: $0) } }
        // A huge payload keeps only the first coefficients.
        let long = try [UInt8](repeating: 100, count: 1000).withUnsafeBytes { try ComfortNoisePayload(parsing: $0) }
        #expect(long.quantisedCoefficients.count == ComfortNoisePayload.maxOrder)
    }

    @Test(arguments: [20, 40, 60, 70])
    func whiteNoiseLevel(dBov: Int) {
        let pcm = Self.render(ComfortNoisePayload(level: UInt8(dBov)))
        #expect(abs(Self.lagOneCorrelation(pcm)) < 0.05)
        let level = Signals.levelDBFS(pcm)
        #expect(abs(level + Double(dBov)) <= 2, "asked -\(dBov) dBov, got \(level)")
    }

    @Test(arguments: [30, 50])
    func shapedNoiseLevelAndSpectrum(dBov: Int) {
        // k1 = +0.75: energy toward high frequencies; k1 = -0.75: toward low ones.
        for (k1, highHeavier) in [(UInt8(127 + 96), true), (UInt8(127 - 96), false)] {
            let pcm = Self.render(ComfortNoisePayload(level: UInt8(dBov), quantisedCoefficients: [k1, 140, 120]))
            let level = Signals.levelDBFS(pcm)
            #expect(abs(level + Double(dBov)) <= 2, "k1 byte \(k1): asked -\(dBov) dBov, got \(level)")
            // Lag-1 autocorrelation: about -k1 for this model; white noise gives ~0.
            let r1 = Self.lagOneCorrelation(pcm)
            #expect(highHeavier ? r1 < -0.5 : r1 > 0.5, "k1 byte \(k1): r1 \(r1)")
        }
    }

    @Test func seededAndSilentUntilUpdated() throws {
        let a = Self.render(ComfortNoisePayload(level: 40), seed: 1)
        #expect(a == Self.render(ComfortNoisePayload(level: 40), seed: 1))
        #expect(a != Self.render(ComfortNoisePayload(level: 40), seed: 2))
        let generator = ComfortNoiseGenerator()
        var pcm = [Int16](repeating: 5, count: 160)
        pcm.withUnsafeMutableBufferPointer { _ = generator.render(into: $0) }
        #expect(pcm.allSatisfy { $0 == 0 })
        // Updating from the raw payload is the same as from the parsed one.
        let raw = ComfortNoiseGenerator(seed: 1)
        try [UInt8]([40]).withUnsafeBytes { try raw.update(payload: $0) }
        var fromRaw = [Int16](repeating: 0, count: 16000)
        fromRaw.withUnsafeMutableBufferPointer { _ = raw.render(into: $0) }
        #expect(fromRaw == a)
        #expect(throws: CodecError.self) { try [UInt8]().withUnsafeBytes { try raw.update(payload: $0) } }
        // Level 127 is as good as silence; level 0 clips but never traps.
        #expect(Signals.levelDBFS(Self.render(ComfortNoisePayload(level: 127))) < -90)
        _ = Self.render(ComfortNoisePayload(level: 0, quantisedCoefficients: [0, 255, 0, 255]))
    }
}
