import Glibc
import SDP

/// One call's audio stream on the media thread: capture → DSP → encoder → RTP → SRTP →
/// socket, and socket → SRTP → RTP → jitter buffer → decoder → playout, with RTCP beside.
/// Created, driven and closed on the media thread only (`MediaEngine`).
/// The sockets belong to its `CallMedia`'s transport, which reads them and hands the
/// media datagrams in (`receive`).
final class RTPStream {
    private(set) var configuration: MediaStreamConfiguration
    let transport: StreamTransport
    let monitor: StreamMonitor

    // Sending.
    var encoder: any AudioEncoder
    var sender: RTPSender
    var srtpSender: SRTPSender?
    var latch: RemoteLatch
    /// The latched destination's text, made when it changes (`publish` runs every second).
    var remoteText: (address: SocketAddress, text: String)?
    var rtcpLatch: RemoteLatch
    var muted = false
    var digitQueue: [UInt8] = []
    var eventSender: TelephoneEventSender?
    var digitGap = 0
    /// RFC 2198: what we sent, for copies (nil unless red was agreed), and how many copies
    /// each packet carries now.
    var redundancy: RedundancyEncoder?
    var redundancyLevel = 0
    /// A report block from the peer about our stream has arrived (its loss figure rules).
    var peerLossReported = false
    var peerLoss = PeerLossFilter()
    /// Our own cumulative loss when it last set the protection (before the peer's reports).
    var guessedFromLost: Int64 = 0
    var lostAtLastSample = 0
    var lossSampleCountdown = 0

    // Receiving.
    var playout: Playout
    var statistics: ReceiverStatistics
    var srtpReceiver: SRTPReceiver?
    var events = TelephoneEventReceiver()
    var scheduler: RTCPScheduler
    var quality = CallQuality()
    /// Red payloads refused as malformed.
    var redundancyErrors = 0

    // Audio around the call.
    var source: any AudioSource
    var sink: any AudioSink
    /// The stream's connection to the sound card, when its input or output is `.device`.
    var port: HubPort?
    let hub: DeviceHub?
    var echo: EchoCanceller?
    var preprocessor: CapturePreprocessor?
    var recorder: CallRecorder?
    /// A file being played into the call, over the microphone.
    var overlay: SampleSource?
    /// In-band DTMF tones being sent, over the microphone.
    var digitTones: SampleSource?
    /// Listens for in-band DTMF in what the peer sends (`detectsInbandDigits`).
    var inbandDetector: DTMFDetector?

    // Buffers, allocated once: the per-tick path does not allocate.
    var outgoing = [UInt8](repeating: 0, count: 1500)
    /// The encoder's output, before it goes into `outgoing` (alone or wrapped in red).
    var primary = [UInt8](repeating: 0, count: 1500)
    var redBlocks: [RedundantPayload.Block] = { var blocks: [RedundantPayload.Block] = []
        blocks.reserveCapacity(RedundantPayload.maxBlocks); return blocks }()
    var captured: [Int16]
    var played: [Int16]
    var pending: [Int16]
    var pendingCount = 0

    // Time.
    let start: ContinuousClock.Instant
    var lastPacket: ContinuousClock.Instant?
    var lastPublish: ContinuousClock.Instant
    var silenceReported = 0
    var authenticationFailures = 0
    var digits = ""
    var random = SystemRandomNumberGenerator()

    /// Nil when the codec or the SRTP keys cannot be set up (the monitor says why).
    init?(configuration: MediaStreamConfiguration, transport: StreamTransport, monitor: StreamMonitor,
          hub: DeviceHub? = nil) {
        let now = ContinuousClock.now
        self.hub = hub
        self.configuration = configuration
        self.transport = transport
        self.monitor = monitor
        start = now
        lastPublish = now
        let rate: Int
        do {
            encoder = try CodecFactory.makeEncoder(for: configuration.codec, ptime: configuration.ptime,
                                                   peerFormatParameters: configuration.peerFormatParameters)
            let decoder = try CodecFactory.makeDecoder(for: configuration.codec)
            rate = decoder.sampleRate
            playout = Self.makePlayout(decoder: decoder, configuration: configuration)
            (srtpSender, srtpReceiver) = try Self.srtpContexts(configuration.srtp)
        } catch {
            monitor.report(.setupFailed("\(error)"))
            return nil
        }
        sender = RTPSender(payloadType: configuration.codec.payloadType, clockRate: Int(configuration.codec.clockRate),
                           packetDuration: .milliseconds(configuration.ptime), now: now, random: &random)
        statistics = ReceiverStatistics(clockRate: Int(configuration.codec.clockRate))
        scheduler = RTCPScheduler(rtcpBandwidth: RTCPInterval.rtcpBandwidth(sessionBitsPerSecond: 80_000),
                                  expectedReportSize: 80, now: now, random: Double.random(in: 0.5...1.5))
        redundancy = Self.redPayloadType(configuration).map { RedundancyEncoder(redPayloadType: $0) }
        latch = RemoteLatch(signalled: configuration.remote)
        rtcpLatch = RemoteLatch(signalled: configuration.rtcpMux ? configuration.remote : configuration.remoteRTCP)
        let frame = rate / 100
        captured = [Int16](repeating: 0, count: frame)
        played = [Int16](repeating: 0, count: frame)
        pending = [Int16](repeating: 0, count: rate * max(configuration.ptime, 10) / 1000)
        source = SampleSource(samples: [], loop: false)
        sink = DiscardSink()
        makeEndpoints(rate: rate)
        setUpProcessing(rate: rate, frame: frame)
        if configuration.detectsInbandDigits { inbandDetector = DTMFDetector(sampleRate: rate) }
    }

    /// The source and sink for the configuration at `rate` (the codec's PCM rate).
    private func makeEndpoints(rate: Int) {
        sink.close()
        port?.close()
        port = nil
        if case .loopback(let delay) = configuration.input, configuration.output == .loopback {
            let loop = EchoLoop(delaySamples: rate * delay / 1000, frame: rate / 100)
            source = loop
            sink = loop
            return
        }
        let wantsDevice = configuration.input == .device || configuration.output == .device
        if wantsDevice { port = hub?.makePort(rate: rate) }
        if configuration.input == .device, let port {
            source = port
        } else {
            source = configuration.input.makeSource()
        }
        if configuration.output == .device, let port {
            sink = port
        } else {
            switch configuration.output.makeSink(sampleRate: rate) {
            case .success(let made): sink = made
            case .failure(let error):
                monitor.report(.fileError("\(error)"))
                sink = DiscardSink()
            }
        }
    }

    private func setUpProcessing(rate: Int, frame: Int) {
        (echo, preprocessor) = configuration.processing.makeProcessors(sampleRate: rate, frameSize: frame)
    }

    /// The playout for the agreed codec, with decoders for the other agreed codecs the
    /// peer may switch to.
    static func makePlayout(decoder: any AudioDecoder, configuration: MediaStreamConfiguration) -> Playout {
        let playout = Playout(decoder: decoder, payloadType: configuration.codec.payloadType,
                              configuration: JitterBufferConfiguration(
                                  clockRate: decoder.rtpClockRate, frameMs: 10,
                                  comfortNoisePayloadType: configuration.comfortNoisePayloadType))
        for other in configuration.alternativeCodecs {
            if let extra = try? CodecFactory.makeDecoder(for: other) {
                _ = playout.addDecoder(extra, payloadType: other.payloadType)
            }
        }
        return playout
    }

    static func srtpContexts(_ srtp: SRTPKeys?) throws -> (SRTPSender?, SRTPReceiver?) {
        guard let srtp else { return (nil, nil) }
        return (try SRTPSender(key: srtp.send), try SRTPReceiver(key: srtp.receive))
    }

    /// A new offer/answer changed what was agreed.
    func reconfigure(_ new: MediaStreamConfiguration, now: ContinuousClock.Instant = .now) {
        let old = configuration
        configuration = new
        var rebuilt = false
        latch.signalled(new.remote)
        rtcpLatch.signalled(new.rtcpMux ? new.remote : new.remoteRTCP)
        if new.codec != old.codec || new.ptime != old.ptime {
            do {
                encoder = try CodecFactory.makeEncoder(for: new.codec, ptime: new.ptime,
                                                       peerFormatParameters: new.peerFormatParameters)
                let decoder = try CodecFactory.makeDecoder(for: new.codec)
                playout = Self.makePlayout(decoder: decoder, configuration: new)
                _ = sender.changeFormat(payloadType: new.codec.payloadType, clockRate: Int(new.codec.clockRate), random: &random)
                sender.packetDuration = .milliseconds(new.ptime)
                statistics.setClockRate(Int(new.codec.clockRate))
                let rate = decoder.sampleRate
                if rate != played.count * 100 {
                    captured = [Int16](repeating: 0, count: rate / 100)
                    played = [Int16](repeating: 0, count: rate / 100)
                    setUpProcessing(rate: rate, frame: rate / 100)
                    makeEndpoints(rate: rate)
                    rebuilt = true
                }
                pending = [Int16](repeating: 0, count: rate * max(new.ptime, 10) / 1000)
                pendingCount = 0
            } catch {
                monitor.report(.setupFailed("\(error)"))
            }
        } else if new.comfortNoisePayloadType != old.comfortNoisePayloadType,
                  let decoder = try? CodecFactory.makeDecoder(for: new.codec) {
            // A re-offer that only adds, drops or renumbers comfort noise: a new playout
            // (its jitter buffer knows the CN payload type from the start).
            playout = Self.makePlayout(decoder: decoder, configuration: new)
        }
        if !rebuilt, new.input != old.input || new.output != old.output {
            makeEndpoints(rate: played.count * 100)
        }
        if !rebuilt, new.processing != old.processing {
            setUpProcessing(rate: played.count * 100, frame: played.count)
        }
        if new.detectsInbandDigits != old.detectsInbandDigits || (new.detectsInbandDigits && inbandDetector?.sampleRate != played.count * 100) {
            inbandDetector = new.detectsInbandDigits ? DTMFDetector(sampleRate: played.count * 100) : nil
        }
        if new.srtp != old.srtp {
            do {
                (srtpSender, srtpReceiver) = try Self.srtpContexts(new.srtp)
            } catch {
                monitor.report(.setupFailed("\(error)"))
            }
        }
        if !new.sends, old.sends { sender.pause(now: now) }
        let red = Self.redPayloadType(new)
        if red != redundancy?.redPayloadType || new.codec != old.codec {
            redundancy = red.map { RedundancyEncoder(redPayloadType: $0) }
            if red == nil { redundancyLevel = 0 }
        }
    }

    func startRecording(path: String) {
        recorder?.close()
        do {
            recorder = try CallRecorder(path: path, sampleRate: played.count * 100)
            monitor.report(.recording(path))
        } catch {
            recorder = nil
            monitor.report(.fileError("\(path): \(error)"))
        }
    }

    func stopRecording() {
        guard let recorder else { return }
        recorder.close()
        monitor.report(.recordingStopped(recorder.path, seconds: recorder.seconds))
        self.recorder = nil
    }

    func close() {
        sendReport(now: .now, leaving: true)
        sink.close()
        port?.close()
        recorder?.close()
    }
}
