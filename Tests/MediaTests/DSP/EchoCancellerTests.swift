import Foundation
import Media
import TestLab
import Testing

/// The canceller on a synthetic echo path: speech through a ~100 ms decaying room
/// response after a 20 ms delay, as the issue asks.
@Suite(.timeLimit(.minutes(1)))
struct EchoCancellerTests {
    let rate = 16000
    let frame = 160

    func roomResponse(seed: UInt64) -> [Double] { EchoPath.roomResponse(seed: seed, rate: rate) }
    func convolve(_ x: [Int16], _ h: [Double]) -> [Double] { EchoPath.convolve(x, h) }
    func energy<C: Collection>(_ x: C) -> Double where C.Element == Int16 { EchoPath.energy(x) }

    /// Runs capture = echo + near through the canceller and preprocessor frame by frame
    /// (`frame` samples: 10 ms, or 20 ms as the device hub runs them).
    func run(far: [Int16], near: [Int16], h: [Double], preprocess: Bool, frame: Int) throws -> (mic: [Int16], out: [Int16]) {
        let echo = convolve(far, h)
        let mic = zip(echo, near).map { Int16(clamping: Int($0 + Double($1))) }
        let canceller = try EchoCanceller(sampleRate: rate, frameSize: frame, tailMilliseconds: 200)
        let pre = try CapturePreprocessor(sampleRate: rate, frameSize: frame,
                                          settings: .init(noiseSuppression: false, automaticGain: false), echo: canceller)
        var out = mic
        for start in stride(from: 0, to: far.count - frame + 1, by: frame) {
            let played = Array(far[start..<(start + frame)])
            var capture = Array(out[start..<(start + frame)])
            capture.withUnsafeMutableBufferPointer { c in
                played.withUnsafeBufferPointer { canceller.process(capture: c, played: $0) }
                if preprocess { pre.process(c) }
            }
            out.replaceSubrange(start..<(start + frame), with: capture)
        }
        return (mic, out)
    }

    func speech(_ sentences: ArraySlice<String>, voice: String = "en-us") async throws -> [Int16] {
        try await EchoPath.speech(sentences, voice: voice, rate: rate)
    }

    @Test(arguments: [160, 320])
    func removesAtLeastTwentyFiveDecibelsOfEchoAfterTwoSeconds(frame: Int) async throws {
        let far = Array(try await speech(Speech.harvard[0..<3]).prefix(6 * rate))
        let silence = [Int16](repeating: 0, count: far.count)
        let (mic, out) = try run(far: far, near: silence, h: roomResponse(seed: 2), preprocess: true, frame: frame)
        let window = (2 * rate)..<far.count
        let erle = 10 * log10(energy(mic[window]) / max(energy(out[window]), 1))
        #expect(erle >= 25, "ERLE \(erle) dB at \(frame)-sample frames")
        // The linear filter alone does real work too; suppression is not all of it.
        let (_, linear) = try run(far: far, near: silence, h: roomResponse(seed: 2), preprocess: false, frame: frame)
        let linearERLE = 10 * log10(energy(mic[window]) / max(energy(linear[window]), 1))
        #expect(linearERLE >= 10, "linear ERLE \(linearERLE) dB")
        print("ERLE after 2 s at \(frame)-sample frames: \(erle) dB (linear filter alone \(linearERLE) dB)")
    }

    @Test(arguments: [160, 320])
    func keepsTheNearEndTalkerDuringDoubleTalk(frame: Int) async throws {
        let far = Array(try await speech(Speech.harvard[3..<7]).prefix(8 * rate))
        var near = [Int16](repeating: 0, count: far.count)
        let talker = Array(try await speech(Speech.harvard[7..<8], voice: "en-us+f3").prefix(2 * rate))
        near.replaceSubrange((5 * rate)..<(5 * rate + talker.count), with: talker)
        let (_, out) = try run(far: far, near: near, h: roomResponse(seed: 5), preprocess: true, frame: frame)
        let window = (5 * rate)..<(7 * rate)
        // What is left of the near talker: its level within 6 dB, and the output still
        // looks like it (normalised correlation), although the far end talks all along.
        let kept = 10 * log10(energy(out[window]) / energy(near[window]))
        #expect(kept > -6, "near-end level change \(kept) dB")
        // The preprocessor's overlap-add delays its output by one frame.
        var dot = 0.0
        for i in window { dot += Double(out[i + frame]) * Double(near[i]) }
        let correlation = dot / sqrt(energy(out[window.lowerBound + frame..<window.upperBound + frame]) * energy(near[window]))
        #expect(correlation > 0.8, "correlation \(correlation)")
    }

    @Test func alignsADelayedReference() async throws {
        // The device plays 30 ms after we hand it a frame: the canceller is told, and the
        // echo it sees is the reference delayed by that much.
        let far = Array(try await speech(Speech.harvard[8..<10]).prefix(5 * rate))
        let delay = 3 * frame
        let h = roomResponse(seed: 7)
        let echo = convolve([Int16](repeating: 0, count: delay) + far.dropLast(delay), h)
        let canceller = try EchoCanceller(sampleRate: rate, frameSize: frame, tailMilliseconds: 200, referenceDelay: delay)
        var out = echo.map { Int16(clamping: Int($0)) }
        let mic = out
        for start in stride(from: 0, to: far.count - frame + 1, by: frame) {
            let played = Array(far[start..<(start + frame)])
            var capture = Array(out[start..<(start + frame)])
            capture.withUnsafeMutableBufferPointer { c in played.withUnsafeBufferPointer { canceller.process(capture: c, played: $0) } }
            out.replaceSubrange(start..<(start + frame), with: capture)
        }
        let window = (2 * rate)..<(5 * rate)
        let erle = 10 * log10(energy(mic[window]) / max(energy(out[window]), 1))
        #expect(erle >= 10, "linear ERLE with a delayed reference \(erle) dB")
    }

    @Test func refusesNonsense() {
        #expect(throws: DSPError.self) { _ = try EchoCanceller(sampleRate: 16000, frameSize: 0) }
        #expect(throws: DSPError.self) { _ = try EchoCanceller(sampleRate: 16000, frameSize: 160, tailMilliseconds: 5000) }
    }
}
