import Testing
import Media

@Suite(.timeLimit(.minutes(1)))
struct OpusFormatParametersTests {
    @Test func parsesRFC7587Example() {
        // RFC 7587 §7 style, with spaces after the semicolons.
        let p = OpusFormatParameters(fmtp: "maxplaybackrate=16000; sprop-maxcapturerate=16000; maxaveragebitrate=20000; stereo=1; useinbandfec=1; usedtx=0")
        #expect(p.maxPlaybackRate == 16000)
        #expect(p.spropMaxCaptureRate == 16000)
        #expect(p.maxAverageBitrate == 20000)
        #expect(p.stereo == true)
        #expect(p.useInbandFEC == true)
        #expect(p.useDTX == false)
        #expect(p.spropStereo == nil && p.cbr == nil && p.minPtime == nil)
    }

    @Test func ignoresJunkAndOutOfRangeValues() {
        let p = OpusFormatParameters(fmtp: "minptime=10;useinbandfec=yes;maxplaybackrate=96000;maxaveragebitrate=99999999999;;=;cbr=1;foo=bar;USEDTX=1")
        #expect(p == OpusFormatParameters(cbr: true, useDTX: true, minPtime: 10))
        #expect(OpusFormatParameters(fmtp: nil) == OpusFormatParameters())
        #expect(OpusFormatParameters(fmtp: "") == OpusFormatParameters())
    }

    @Test func ourFmtpLine() {
        #expect(OpusFormatParameters.local.fmtpLine == "useinbandfec=1;usedtx=0;maxplaybackrate=16000;sprop-maxcapturerate=16000;stereo=0;sprop-stereo=0")
        #expect(OpusFormatParameters(fmtp: OpusFormatParameters.local.fmtpLine) == .local)
    }

    /// What the peer asks governs our encoder.
    @Test func peerParametersGovernTheEncoder() {
        let base = OpusEncoderSettings(bitrate: 40000, complexity: 5)
        let s = OpusEncoderSettings(peer: OpusFormatParameters(fmtp: "maxaveragebitrate=20000;useinbandfec=1;usedtx=1;cbr=1;maxplaybackrate=16000"), ptime: 20, base: base)
        #expect(s.bitrate == 20000 && s.cleanPathBitrate == nil && s.effectiveBitrate == 20000)
        #expect(s.inbandFEC && s.dtx && s.cbr)
        #expect(s.maxBandwidth == .wide)
        #expect(s.complexity == 5)
        #expect(s.frameMilliseconds == 20)

        let plain = OpusEncoderSettings(peer: OpusFormatParameters(), ptime: 30, base: OpusEncoderSettings(inbandFEC: true, dtx: true))
        #expect(!plain.inbandFEC && !plain.dtx && !plain.cbr)
        #expect(plain.bitrate == 48000 && plain.maxBandwidth == .full && plain.effectiveBitrate == 96000)
        #expect(plain.frameMilliseconds == 40)
        // A cap above our bitrate leaves it, but not the clean path's above the cap (CELT
        // below it would sound worse than SILK); minptime raises the frame.
        let capped = OpusEncoderSettings(peer: OpusFormatParameters(maxAverageBitrate: 64000, minPtime: 40), ptime: 20)
        #expect(capped.bitrate == 48000 && capped.frameMilliseconds == 40)
        #expect(capped.cleanPathBitrate == nil && capped.effectiveBitrate == 48000)
        let roomy = OpusEncoderSettings(peer: OpusFormatParameters(maxAverageBitrate: 128_000), ptime: 20)
        #expect(roomy.effectiveBitrate == 96000 && OpusEncoderSettings(packetLossPercent: 1).effectiveBitrate == 48000)
    }

    @Test func playbackRateToBandwidth() {
        #expect(OpusEncoderSettings.Bandwidth(playbackRate: 8000) == .narrow)
        #expect(OpusEncoderSettings.Bandwidth(playbackRate: 12000) == .medium)
        #expect(OpusEncoderSettings.Bandwidth(playbackRate: 16000) == .wide)
        #expect(OpusEncoderSettings.Bandwidth(playbackRate: 24000) == .superWide)
        #expect(OpusEncoderSettings.Bandwidth(playbackRate: 44100) == .superWide)
        #expect(OpusEncoderSettings.Bandwidth(playbackRate: 48000) == .full)
    }
}
