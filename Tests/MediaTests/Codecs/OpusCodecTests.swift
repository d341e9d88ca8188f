import Foundation
import Testing
import Media
import SDP

@Suite(.timeLimit(.minutes(1)))
struct OpusCodecTests {
    /// A voiced, speech-like signal at 48 kHz: harmonics of a wandering pitch under a
    /// syllable envelope, so SILK (and its FEC) is used.
    static func voice(count: Int, sampleRate: Int = 48000) -> [Int16] {
        var phase = 0.0
        return (0..<count).map { n in
            let t = Double(n) / Double(sampleRate)
            let pitch = 140 + 30 * sin(2 * .pi * 2.1 * t)
            phase += 2 * .pi * pitch / Double(sampleRate)
            var v = 0.0
            for h in 1...8 { v += sin(Double(h) * phase) / Double(h) }
            let envelope = 0.35 + 0.3 * sin(2 * .pi * 3.3 * t)
            return Int16(clamping: Int(v * envelope * 9000))
        }
    }

    @Test(arguments: [20, 60])
    func toneRoundTrip(milliseconds: Int) throws {
        let frame = 48 * milliseconds
        let encoder = try OpusAudioEncoder(settings: OpusEncoderSettings(bitrate: 32000, frameMilliseconds: milliseconds))
        let decoder = try OpusAudioDecoder()
        let tone = Signals.sine(frequency: 1000, sampleRate: 48000, count: 48000, amplitude: 0.3)
        let payloads = try CodecHarness.encode(encoder, tone, frame: frame)
        #expect(payloads.count == 48000 / frame)
        #expect(payloads.allSatisfy { !$0.isEmpty && $0.count < 1275 })
        for p in payloads { #expect(p.withUnsafeBytes { decoder.sampleCount(of: $0) } == frame) }
        let decoded = try CodecHarness.decode(decoder, payloads)
        #expect(decoded.count == payloads.count * frame)
        // Level within 1 dB and the tone dominant after the start-up.
        let tail = Array(decoded[9600...])
        #expect(abs(Signals.levelDBFS(tail) - Signals.levelDBFS(Array(tone[9600...]))) < 1)
        // libopus delays by its 6.5 ms look-ahead: 312 samples at 48 kHz.
        let (delay, snr) = CodecHarness.bestSNR(reference: tone, decoded: decoded, minDelay: 280, maxDelay: 340, skip: 9600)
        #expect(abs(delay - 312) <= 8)
        #expect(snr > 20, "SNR \(snr) dB")
    }

    @Test func allFrameSizesEncode() throws {
        for ms in [10, 20, 40, 60] {
            let encoder = try OpusAudioEncoder(settings: OpusEncoderSettings(frameMilliseconds: ms))
            #expect(encoder.frameSize == 48 * ms)
            let packets = try CodecHarness.encode(encoder, Self.voice(count: 48 * ms * 3), frame: 48 * ms)
            #expect(packets.count == 3)
        }
        #expect(throws: CodecError.self) { try OpusAudioEncoder(settings: OpusEncoderSettings(frameMilliseconds: 30)) }
        let encoder = try OpusAudioEncoder(settings: OpusEncoderSettings(bitrate: 64000, cleanPathBitrate: nil, cbr: true))
        #expect(throws: CodecError.self) { try CodecHarness.encode(encoder, [Int16](repeating: 0, count: 1000), frame: 1000) }
        // A small buffer makes libopus code the frame into the room there is.
        let squeezed = try CodecHarness.encode(encoder, Self.voice(count: 960), frame: 960, capacity: 20)
        #expect(squeezed.count == 1 && squeezed[0].count <= 20)
    }

    /// The packet after a lost one rebuilds it from FEC better than PLC guesses it.
    @Test func fecRecoversALostFrameBetterThanPLC() throws {
        let frame = 960
        let encoder = try OpusAudioEncoder(settings: OpusEncoderSettings(bitrate: 32000, frameMilliseconds: 20, inbandFEC: true, packetLossPercent: 20))
        let signal = Self.voice(count: 48000)
        let packets = try CodecHarness.encode(encoder, signal, frame: frame)
        let lost = 30
        #expect(packets[lost + 1].withUnsafeBytes { _ in true })

        // Reference: everything received.
        let clean = try CodecHarness.decode(try OpusAudioDecoder(), Array(packets[0...lost]))

        func decodeWithLoss(useFEC: Bool) throws -> [Int16] {
            let decoder = try OpusAudioDecoder()
            _ = try CodecHarness.decode(decoder, Array(packets[0..<lost]))
            var pcm = [Int16](repeating: 0, count: frame)
            let count: Int = packets[lost + 1].withUnsafeBytes { next in
                pcm.withUnsafeMutableBufferPointer { out in
                    useFEC ? (decoder.recover(from: next, into: out) ?? -1) : decoder.conceal(into: out)
                }
            }
            #expect(count == frame)
            return pcm
        }
        let expected = Array(clean[(lost * frame)...])
        let fecSNR = Signals.snr(reference: expected, decoded: try decodeWithLoss(useFEC: true))
        let plcSNR = Signals.snr(reference: expected, decoded: try decodeWithLoss(useFEC: false))
        #expect(fecSNR > plcSNR + 8, "FEC \(fecSNR) dB, PLC \(plcSNR) dB")
        #expect(fecSNR > 15)  // measured: FEC 24 dB, PLC 8.6 dB
    }

    @Test func withoutFECRecoverReturnsNil() throws {
        let encoder = try OpusAudioEncoder(settings: OpusEncoderSettings(inbandFEC: false))
        let packets = try CodecHarness.encode(encoder, Self.voice(count: 9600), frame: 960)
        let decoder = try OpusAudioDecoder()
        var pcm = [Int16](repeating: 0, count: 960)
        for p in packets {
            let r = p.withUnsafeBytes { next in pcm.withUnsafeMutableBufferPointer { decoder.recover(from: next, into: $0) } }
            #expect(r == nil)
        }
    }

    @Test func badPayloadsAreErrors() throws {
        let decoder = try OpusAudioDecoder()
        #expect(throws: CodecError.self) { try CodecHarness.decode(decoder, [UInt8]()) }
        // TOC code 3 (arbitrary frame count) with a frame count of 0 is invalid.
        #expect(throws: CodecError.self) { try CodecHarness.decode(decoder, [0x03, 0x00]) }
        // Code 1 (two equal frames) needs an even remainder.
        #expect(throws: CodecError.self) { try CodecHarness.decode(decoder, [UInt8]([0x01, 0x01])) }
        // Code 2 (two frames) whose first frame length runs past the end.
        #expect(throws: CodecError.self) { try CodecHarness.decode(decoder, [UInt8]([0x02, 0x05, 0x01])) }
        // Random garbage never traps: it decodes or throws.
        var seed: UInt32 = 99
        for length in 1..<200 {
            let bytes: [UInt8] = (0..<length).map { _ in seed = seed &* 1_664_525 &+ 1_013_904_223; return UInt8(seed >> 24) }
            _ = try? CodecHarness.decode(decoder, bytes)
            _ = bytes.withUnsafeBytes { decoder.sampleCount(of: $0) }
        }
    }

    /// A stereo packet from another encoder (a libopus stereo encoder here) decodes to mono.
    @Test func decodesAStereoPacketToMono() throws {
        let stereo = try StereoOpusPackets.encode(left: Signals.sine(frequency: 500, sampleRate: 48000, count: 9600, amplitude: 0.3),
                                                  right: Signals.sine(frequency: 500, sampleRate: 48000, count: 9600, amplitude: 0.3))
        #expect(stereo.allSatisfy { $0.first.map { $0 & 0x04 != 0 } == true })  // TOC stereo bit
        let decoded = try CodecHarness.decode(try OpusAudioDecoder(), stereo)
        #expect(decoded.count == 9600)
        let level = Signals.levelDBFS(Array(decoded[4800...]))
        #expect(abs(level - Signals.levelDBFS(Signals.sine(frequency: 500, sampleRate: 48000, count: 4800, amplitude: 0.3))) < 1.5)
    }

    /// With DTX on, silence produces "send nothing" (0); speech produces packets.
    @Test func dtxSendsNothingDuringSilence() throws {
        let encoder = try OpusAudioEncoder(settings: OpusEncoderSettings(dtx: true))
        let silence = try CodecHarness.encode(encoder, [Int16](repeating: 0, count: 48000), frame: 960)
        let suppressed = silence.filter { $0.isEmpty }.count
        #expect(suppressed > 30, "\(silence.map { $0.count })")
        let speech = try CodecHarness.encode(encoder, Self.voice(count: 9600), frame: 960)
        #expect(speech.allSatisfy { $0.count > 2 })
        // Without DTX nothing is suppressed.
        let plain = try CodecHarness.encode(try OpusAudioEncoder(), [Int16](repeating: 0, count: 9600), frame: 960)
        #expect(plain.allSatisfy { !$0.isEmpty })
    }

    @Test func bitrateAndLossSettingsApply() throws {
        let encoder = try OpusAudioEncoder(settings: OpusEncoderSettings(bitrate: 64000, cleanPathBitrate: nil, cbr: true))
        let signal = Self.voice(count: 48000)
        let big = try CodecHarness.encode(encoder, signal, frame: 960)
        encoder.setBitrate(12000)
        encoder.setPacketLoss(percent: 150)
        #expect(encoder.settings.bitrate == 12000 && encoder.settings.packetLossPercent == 100)
        let small = try CodecHarness.encode(encoder, signal, frame: 960)
        #expect(big.allSatisfy { $0.count == 160 })  // CBR 64 kbit/s at 20 ms
        let smallBytes = small.reduce(0) { $0 + $1.count }
        let bigBytes = big.reduce(0) { $0 + $1.count }
        #expect(smallBytes < bigBytes / 3)
    }

    /// A clean path runs the encoder at the lower complexity and the higher bitrate, where
    /// libopus codes CELT; reported loss brings the full complexity, the FEC bitrate and
    /// SILK (which carries the FEC) back, and a clean report the clean path again.
    @Test func complexityAndModeFollowTheReportedLoss() throws {
        let encoder = try OpusAudioEncoder(settings: OpusEncoderSettings(inbandFEC: true), sampleRate: 16000)
        let speech = Self.voice(count: 16000)
        /// TOC configurations 0–11 are SILK only, 16–31 CELT only (RFC 6716 §3.1).
        func configurations() throws -> Set<UInt8> {
            Set(try CodecHarness.encode(encoder, speech, frame: 320).compactMap { $0.first.map { $0 >> 3 } })
        }
        #expect(encoder.complexityInForce == 3 && encoder.bitrateInForce == 96000)
        #expect(try configurations().allSatisfy { $0 >= 16 })
        encoder.setPacketLoss(percent: 3)
        #expect(encoder.complexityInForce == 10 && encoder.bitrateInForce == 48000)
        #expect(try configurations().allSatisfy { $0 < 12 })
        encoder.setPacketLoss(percent: 0)
        #expect(encoder.complexityInForce == 3 && encoder.bitrateInForce == 96000)
        let fixed = try OpusAudioEncoder(settings: OpusEncoderSettings(complexity: 2), sampleRate: 16000)
        #expect(fixed.complexityInForce == 2)
        fixed.setPacketLoss(percent: 10)
        #expect(fixed.complexityInForce == 2)
        #expect(OpusEncoderSettings(packetLossPercent: 2).effectiveComplexity == 10)
        // Jitter alone leaves the clean path too (SILK conceals late frames better), and
        // only half the limit brings it back: no switching to and fro on every report.
        encoder.setPathJitter(milliseconds: OpusEncoderSettings.cleanJitter + 1)
        #expect(encoder.complexityInForce == 10 && encoder.bitrateInForce == 48000)
        encoder.setPathJitter(milliseconds: OpusEncoderSettings.cleanJitter)
        #expect(encoder.bitrateInForce == 48000)
        encoder.setPathJitter(milliseconds: OpusEncoderSettings.cleanJitter / 2)
        #expect(encoder.complexityInForce == 3 && encoder.bitrateInForce == 96000)
        // Congestion's bitrate holds on a clean path too.
        encoder.setBitrate(32000)
        #expect(encoder.bitrateInForce == 32000 && encoder.settings.effectiveBitrate == 32000)
    }
}
