import Foundation
@testable import Media
import Testing

@Suite(.timeLimit(.minutes(1)))
struct DTMFDetectorTests {
    func detect(_ samples: [Int16], rate: Int) -> String {
        var detector = DTMFDetector(sampleRate: rate)
        var found = ""
        // In 10 ms frames, as the stream feeds it.
        for start in stride(from: 0, to: samples.count, by: rate / 100) {
            let end = min(start + rate / 100, samples.count)
            if let key = samples[start..<end].withUnsafeBufferPointer({ detector.process($0) }) { found.append(key) }
        }
        return found
    }

    @Test(arguments: [8000, 16000, 48000])
    func everyKeyOnceAtEveryRate(rate: Int) {
        let keys = "0123456789*#ABCD"
        #expect(detect(DTMFKeys.tones(keys, sampleRate: rate), rate: rate) == keys)
    }

    @Test func repeatedKeysNeedTheGap() {
        #expect(detect(DTMFKeys.tones("1111", sampleRate: 8000), rate: 8000) == "1111")
        // One long press is one key.
        #expect(detect(DTMFKeys.tones("5", sampleRate: 8000, toneMilliseconds: 600), rate: 8000) == "5")
    }

    @Test func tooShortOrTooQuietIsNoKey() {
        #expect(detect(DTMFKeys.tones("7", sampleRate: 8000, toneMilliseconds: 25), rate: 8000) == "")
        let quiet = DTMFKeys.tones("7", sampleRate: 8000).map { $0 / 200 }
        #expect(detect(quiet, rate: 8000) == "")
    }

    /// Talk-off: a single tone, a chord of other frequencies and noise are not keys.
    @Test func speechLikeSoundIsNoKey() {
        var generator = SeededRandom(seed: 7)
        let rate = 8000
        let single = (0..<rate).map { Int16(9000 * sin(2 * .pi * 1000 * Double($0) / Double(rate))) }
        let chord = (0..<rate).map { n -> Int16 in
            let t = Double(n) / Double(rate)
            return Int16(5000 * (sin(2 * .pi * 440 * t) + sin(2 * .pi * 554 * t) + sin(2 * .pi * 659 * t)))
        }
        let noise = (0..<rate).map { _ in Int16.random(in: -8000...8000, using: &generator) }
        #expect(detect(single, rate: rate) == "")
        #expect(detect(chord, rate: rate) == "")
        #expect(detect(noise, rate: rate) == "")
    }

    /// Through G.711: what a PSTN gateway receives still decodes.
    @Test func survivesG711() throws {
        let tones = DTMFKeys.tones("159#", sampleRate: 8000)
        let decoded = tones.map { G711.linear(muLaw: G711.muLaw($0)) }
        #expect(detect(decoded, rate: 8000) == "159#")
    }
}
