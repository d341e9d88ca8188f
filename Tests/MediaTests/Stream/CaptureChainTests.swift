import Audio
import Foundation
@testable import Media
import TestLab
import Testing

/// The device hub's microphone chain on a synthetic room, driven tick by tick as the hub
/// drives it: the echo is cancelled at the device's rate and, for narrowband calls, at
/// 8 kHz (the microphone and the speaker's frames resampled down first, which must keep
/// them aligned), and a near-end talker comes through.
@Suite(.timeLimit(.minutes(1)))
struct CaptureChainTests {
    let rate = DeviceHub.sampleRate
    let frame = DeviceHub.frame

    /// Plays `far` and captures `mic` (both at the device's rate) a frame per tick
    /// through `chain`; returns what the chain handed out, at its output rate.
    func run(_ chain: CaptureChain, far: [Int16], mic: [Int16]) -> [Int16] {
        let ring = SampleRing(capacity: frame * 8)
        let outFrame = frame * chain.outputRate / rate
        var out: [Int16] = []
        var near = [Int16](repeating: 0, count: outFrame)
        for start in stride(from: 0, to: far.count - frame + 1, by: frame) {
            _ = mic[start..<(start + frame)].withContiguousStorageIfAvailable { ring.write($0) }
            // As `DeviceHub.beginTick` does, without its stall handling.
            if chain.pending == 0, ring.availableToRead >= frame * chain.blockFrames { chain.fill(from: ring) }
            if chain.pending > 0 {
                _ = near.withUnsafeMutableBufferPointer { chain.take(into: $0) }
                out += near
            }
            _ = far[start..<(start + frame)].withContiguousStorageIfAvailable { chain.played($0) }
        }
        return out
    }

    func speech(_ sentences: ArraySlice<String>, voice: String = "en-us") async throws -> [Int16] {
        try await EchoPath.speech(sentences, voice: voice, rate: rate)
    }

    @Test(arguments: [8000, 16000])
    func cancelsTheEchoAndKeepsTheNearTalker(outputRate: Int) async throws {
        // 6 s of far-end speech, then 2 s in which only the near end talks.
        let talk = Array(try await speech(Speech.harvard[0..<3]).prefix(6 * rate))
        let far = talk + [Int16](repeating: 0, count: 2 * rate)
        var near = [Int16](repeating: 0, count: far.count)
        let talker = Array(try await speech(Speech.harvard[7..<8], voice: "en-us+f3").prefix(2 * rate))
        near.replaceSubrange((6 * rate)..<(6 * rate + talker.count), with: talker)
        let echo = EchoPath.convolve(far, EchoPath.roomResponse(seed: 3, rate: rate))
        let mic = zip(echo, near).map { Int16(clamping: Int($0 + Double($1))) }

        let plain = run(CaptureChain(processing: CaptureProcessing(), sampleRate: rate, frame: frame, outputRate: outputRate),
                        far: far, mic: mic)
        let cancelling = run(CaptureChain(processing: CaptureProcessing(echoCancel: true), sampleRate: rate, frame: frame,
                                          outputRate: outputRate),
                             far: far, mic: mic)
        let perSecond = outputRate
        let echoWindow = (2 * perSecond)..<(6 * perSecond)
        let erle = 10 * log10(EchoPath.energy(plain[echoWindow]) / max(EchoPath.energy(cancelling[echoWindow]), 1))
        #expect(erle >= 20, "ERLE \(erle) dB at \(outputRate) Hz")
        let nearWindow = (6 * perSecond + perSecond / 4)..<(7 * perSecond + perSecond / 2)
        let kept = 10 * log10(EchoPath.energy(cancelling[nearWindow]) / EchoPath.energy(plain[nearWindow]))
        #expect(kept > -3, "near-end level change \(kept) dB at \(outputRate) Hz")
        print("chain at \(outputRate) Hz: ERLE \(erle) dB, near end \(kept) dB")
    }

    @Test func handsOutFramesAtItsOutputRate() {
        let chain = CaptureChain(processing: CaptureProcessing(echoCancel: true), sampleRate: rate, frame: frame, outputRate: 8000)
        let ring = SampleRing(capacity: frame * 4)
        _ = ring.write(Signals.sine(frequency: 1000, sampleRate: rate, count: frame * 2, amplitude: 0.3))
        #expect(chain.framesReady(in: ring) == 2)
        chain.fill(from: ring)
        var wrongSize = [Int16](repeating: 0, count: frame)
        #expect(!wrongSize.withUnsafeMutableBufferPointer { chain.take(into: $0) })
        var near = [Int16](repeating: 0, count: 80)
        #expect(near.withUnsafeMutableBufferPointer { chain.take(into: $0) })
        #expect(near.withUnsafeMutableBufferPointer { chain.take(into: $0) })
        #expect(!near.withUnsafeMutableBufferPointer { chain.take(into: $0) })
    }
}
