import Testing
import Media
import SDP

@Suite(.timeLimit(.minutes(1)))
struct CodecFactoryTests {
    @Test func makesEachCodec() throws {
        let pcmu = NegotiatedCodec(payloadType: 0, name: "PCMU", clockRate: 8000)
        let pcma = NegotiatedCodec(payloadType: 8, name: "pcma", clockRate: 8000)
        let g722 = NegotiatedCodec(payloadType: 9, name: "G722", clockRate: 8000)
        let opus = NegotiatedCodec(payloadType: 111, name: "opus", clockRate: 48000, channels: 2, fmtp: "useinbandfec=1;maxaveragebitrate=24000")
        #expect(try (CodecFactory.makeEncoder(for: pcmu, ptime: 20) as? G711Encoder)?.law == .muLaw)
        #expect(try (CodecFactory.makeDecoder(for: pcma) as? G711Decoder)?.law == .aLaw)
        #expect(try CodecFactory.makeEncoder(for: g722, ptime: 20) is G722Encoder)
        #expect(try CodecFactory.makeDecoder(for: g722) is G722Decoder)
        let encoder = try #require(try CodecFactory.makeEncoder(for: opus, ptime: 60) as? OpusAudioEncoder)
        #expect(encoder.settings.inbandFEC && encoder.settings.bitrate == 24000 && encoder.settings.frameMilliseconds == 60)
        // The peer's fmtp can be given apart from the negotiated codec's.
        let other = try #require(try CodecFactory.makeEncoder(for: opus, ptime: 20, peerFormatParameters: "usedtx=1") as? OpusAudioEncoder)
        #expect(other.settings.dtx && !other.settings.inbandFEC)
        #expect(try CodecFactory.makeDecoder(for: opus) is OpusAudioDecoder)
        #expect(CodecKind(g722)?.sampleRate == 16000 && CodecKind(g722)?.rtpClockRate == 8000)
    }

    @Test func unknownCodecsAreTypedErrors() {
        for codec in [NegotiatedCodec(payloadType: 18, name: "G729", clockRate: 8000),
                      NegotiatedCodec(payloadType: 96, name: "opus", clockRate: 16000),
                      NegotiatedCodec(payloadType: 101, name: "telephone-event", clockRate: 8000)] {
            #expect(CodecKind(codec) == nil)
            #expect(throws: CodecError.unsupported("codec \(codec.name)/\(codec.clockRate)/1")) {
                try CodecFactory.makeDecoder(for: codec)
            }
            #expect(throws: CodecError.self) { try CodecFactory.makeEncoder(for: codec, ptime: 20) }
        }
    }

    @Test func frameSizesAndBounds() throws {
        #expect(CodecFactory.samplesPerFrame(.pcmu, ptime: 20) == 160)
        #expect(CodecFactory.samplesPerFrame(.g722, ptime: 20) == 320)
        // The engine runs Opus at 16 kHz; its RTP clock stays 48 kHz.
        #expect(CodecFactory.samplesPerFrame(.opus, ptime: 20) == 320)
        #expect(CodecFactory.samplesPerFrame(.opus, ptime: 30) == 640)
        #expect(CodecFactory.timestampIncrement(.g722, ptime: 20) == 160)
        #expect(CodecFactory.timestampIncrement(.opus, ptime: 60) == 2880)
        #expect(CodecFactory.samplesPerFrame(sampleRate: 44100, ptime: 10) == 441)
        // Each encoder's real output fits the bound.
        for (kind, name, clock) in [(CodecKind.pcmu, "PCMU", UInt32(8000)), (.pcma, "PCMA", 8000), (.g722, "G722", 8000), (.opus, "opus", 48000)] {
            for ptime in [10, 20, 40, 60] {
                let encoder = try CodecFactory.makeEncoder(for: NegotiatedCodec(payloadType: 0, name: name, clockRate: clock), ptime: ptime)
                let frame = CodecFactory.samplesPerFrame(kind, ptime: ptime)
                let pcm = Signals.sine(frequency: 440, sampleRate: kind.sampleRate, count: frame, amplitude: 0.9)
                let bound = CodecFactory.maxPayloadSize(kind, ptime: ptime)
                let packets = try CodecHarness.encode(encoder, pcm, frame: frame, capacity: bound)
                #expect(packets.count == 1 && packets[0].count <= bound)
            }
        }
    }
}
