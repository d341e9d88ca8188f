import Media
import NAT
import SDP
import Audio

/// One call's media on the engine. Offer/answer runs here (an actor, so it is serial);
/// what is agreed becomes a `MediaStreamConfiguration` for the stream on the media thread.
/// Nothing is captured or sent, and nothing played, until the call is answered
/// (`setActive`): a ringing phone must not send its microphone.
actor EngineSession: MediaSession {
    private let engine: MediaEngine
    private let sockets: (rtp: MediaSocket, rtcp: MediaSocket)
    private let account: AccountConfig
    private let localAddress: String
    private let audio: AudioSettings
    private let input: WAVFile?
    /// The sound card, when calls use it (nil: WAV files per call).
    private let sound: SoundDevices?
    /// An echo test's far end: plays back what it receives, this much later.
    private let loopbackDelay: Int?
    private let monitor: StreamMonitor
    private let srtp: SRTPMode
    private var session = LocalSessionState(sessionID: UInt64.random(in: 1...UInt64(Int64.max)))
    private var lastOffer: SessionDescription?
    private var streams: [NegotiatedStream] = []
    private var keys: SRTPKeys?
    private var peerHolds = false
    private var active = false
    /// Early media: the peer's audio plays before the answer; nothing is sent.
    private var earlyMedia = false
    /// We hold the call: our microphone and speaker are not connected to it.
    private var localHold = false
    /// Whether the sound card was last told this call is connected.
    private var connectedToDevice = false
    private var muted = false
    /// The no-media diagnosis was given (once per call).
    private var diagnosed = false
    /// The peer's last SDP carried ICE (candidates and credentials).
    private var remoteOffersICE = false
    /// `input` at the rate of the codec last agreed: resampled once, not at every offer,
    /// answer and `setActive`.
    private var resampledInput: (rate: Int, samples: [Int16])?
    /// The call on the engine (sockets, NAT traversal), from the start.
    private let call: MediaStreamID
    /// `call` once its stream runs (something was agreed).
    private var stream: MediaStreamID?
    private var closed = false
    /// NAT traversal: what the settings asked for, what gathering found (read once,
    /// before the first offer or answer), and why a server could not be used.
    private let nat: NATSettings?
    private var gathering: NATGathering?
    private var natProblems: [String]
    /// The peer's ICE description from its last offer or answer, and whether we offered.
    private var remoteICE: RemoteICE?
    private let cname = String((0..<16).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement() ?? "x" })
    /// Names this session in `MediaEvent.call`.
    nonisolated let tag: UInt64

    /// Opens the call on the engine: from here on the engine owns the sockets.
    init(engine: MediaEngine, sockets: (rtp: MediaSocket, rtcp: MediaSocket), account: AccountConfig, localAddress: String,
         audio: AudioSettings, input: WAVFile?, sound: SoundDevices? = nil, loopbackDelay: Int? = nil,
         otherHosts: [MediaSocket] = [], nat: NATSettings? = nil, natProblems: [String] = [], events: (@Sendable (MediaEvent) -> Void)?) throws(MediaError) {
        self.engine = engine
        self.nat = nat
        self.natProblems = natProblems
        self.sockets = sockets
        self.account = account
        self.localAddress = localAddress
        self.audio = audio
        self.input = input
        self.sound = sound
        self.loopbackDelay = loopbackDelay
        srtp = SRTPMode(account.srtp)
        let tag = UInt64.random(in: 1...UInt64.max)
        self.tag = tag
        var forward: (@Sendable (StreamMonitor.Event) -> Void)?
        if let events {
            forward = { event in events(.call(session: tag, event)) }
        }
        let monitor = StreamMonitor(events: forward)
        self.monitor = monitor
        do {
            call = try engine.openCall(rtp: sockets.rtp, rtcp: sockets.rtcp, otherHosts: otherHosts, nat: nat, monitor: monitor)
        } catch {
            sockets.rtp.close()
            sockets.rtcp.close()
            for socket in otherHosts { socket.close() }
            throw MediaError.noPort("\(error)")
        }
    }

    /// Our capabilities for one offer or answer: fresh SDES keys each time (RFC 4568 §7.1.4);
    /// the address and port ICE's default candidate names (relayed, else public, else
    /// the socket's own).
    private func capabilities(direction: Direction) -> LocalCapabilities {
        let codecs = account.codecPreferences.map { codec -> CodecPreference in
            var codec = codec
            if codec.matches(.opus) { codec.fmtp = OpusFormatParameters.local.fmtpLine }
            return codec
        }
        let address = gathering?.defaultAddress?.host ?? localAddress
        let port = gathering?.defaultAddress?.port ?? sockets.rtp.localAddress.port
        var media = MediaCapabilities(port: port, codecs: codecs, direction: direction, ptime: 20, rtcpMux: true,
                                      comfortNoise: true, redundancy: account.redundancy == .auto)
        // Without SRTP no keys are made: that would load libsrtp2 (and the NSS libraries it
        // links, 1.7 MB resident) into a plain call.
        srtp.capabilities(cryptos: srtp == .off ? [] : SDES.newCryptoAttributes()).apply(to: &media)
        return LocalCapabilities(addressType: address.contains(":") ? .ip6 : .ip4, address: address, media: [media])
    }

    /// Waits for NAT traversal's gathering, once, before the first offer or answer.
    private func gather() async {
        guard nat != nil, gathering == nil else { return }
        gathering = await engine.gathered(call) ?? NATGathering()
        if let problem = gathering?.stunFailure { natProblems.append(problem) }
        if let problem = gathering?.turnFailure { natProblems.append(problem) }
    }

    /// Our ICE attributes into the audio section (RFC 8839), when ICE is on. RTCP's
    /// candidates (component 2) and `a=rtcp` go with them until rtcp-mux is agreed: an
    /// offer carries them in case the peer refuses rtcp-mux (RFC 5761 §5.1.3), an answer
    /// only when it refuses it.
    private func addICE(to description: inout SessionDescription, offering: Bool) {
        guard let ice = gathering?.ice,
              let index = description.media.firstIndex(where: { $0.media == "audio" && !$0.isRejected }) else { return }
        let muxAgreed = streams.first(where: { $0.accepted && $0.media == "audio" })?.remoteRTCP == .muxed
        let muxed = offering ? muxAgreed : description.media[index].hasRTCPMux
        if muxed || gathering?.rtcpDefaultAddress == nil {
            ice.rtpOnly.apply(to: &description.media[index])
        } else {
            ice.apply(to: &description.media[index], rtcp: gathering?.rtcpDefaultAddress)
        }
    }

    /// The peer's ICE description of its audio section; nil when it does not do ICE or we
    /// do not.
    private func remoteICE(in description: SessionDescription, controlling: Bool) -> RemoteICE? {
        guard gathering?.ice != nil,
              let media = description.media.first(where: { $0.media == "audio" && !$0.isRejected }),
              let ice = ICEDescription(media: media, session: description) else { return nil }
        return RemoteICE(description: ice, controlling: controlling)
    }

    func makeOffer(hold: Bool) async throws -> SessionDescription {
        let direction: Direction = hold ? (peerHolds ? .inactive : .sendonly) : .sendrecv
        await gather()
        var offer = OfferAnswer.makeOffer(capabilities(direction: direction), session: &session)
        addICE(to: &offer, offering: true)
        lastOffer = offer
        if hold != localHold {
            localHold = hold
            try? apply()
            await updateConnection()
        }
        return offer
    }

    func answer(_ offer: SessionDescription, hold: Bool) async throws -> SessionDescription {
        await gather()
        let answer = OfferAnswer.answer(to: srtp.usableOffer(offer), with: capabilities(direction: hold ? .sendonly : .sendrecv),
                                        session: &session)
        guard answer.acceptsAnything else { throw MediaError.notAcceptable("no common codec or media") }
        remoteOffersICE = Self.carriesICE(offer)
        let previousRemote = remoteICE?.description
        remoteICE = remoteICE(in: offer, controlling: false)
        localHold = hold
        try adopt(answer.streams, role: .answerer)
        if let previousRemote, let now = remoteICE?.description,
           previousRemote.ufrag != now.ufrag || previousRemote.pwd != now.pwd {
            // The peer restarted ICE (RFC 8445 §9): the agent did too, with new
            // credentials, which the answer must carry.
            gathering = await engine.gathered(call) ?? gathering
        }
        peerHolds = offer.media.contains { !$0.isRejected && !DirectionNegotiation.declared($0, in: offer).receives }
        await updateConnection()
        var description = answer.sessionDescription
        if remoteICE != nil { addICE(to: &description, offering: false) }
        return description
    }

    func accept(_ answer: SessionDescription) async throws {
        guard let offer = lastOffer else { throw MediaError.notAcceptable("an answer without an offer") }
        let agreed: [NegotiatedStream]
        do {
            agreed = try OfferAnswer.readAnswer(answer, to: offer)
        } catch {
            throw MediaError.notAcceptable("\(error)")
        }
        guard agreed.contains(where: \.accepted) else { throw MediaError.notAcceptable("every stream refused") }
        remoteOffersICE = Self.carriesICE(answer)
        remoteICE = remoteICE(in: answer, controlling: true)
        try adopt(agreed, role: .offerer)
        await updateConnection()
    }

    func negotiated() async -> [NegotiatedStream] { streams }

    func packetsReceived() async -> Int { Int(monitor.snapshot.quality.packetsReceived) }

    func setActive(_ active: Bool) async {
        guard active != self.active else { return }
        self.active = active
        try? apply()
        await updateConnection()
    }

    func setEarlyMedia(_ on: Bool) async {
        guard on != earlyMedia else { return }
        earlyMedia = on
        try? apply()
        await updateConnection()
    }

    func statistics() async -> MediaStreamSnapshot? { stream == nil ? nil : monitor.snapshot }

    func diagnoseNoMedia() async -> String? {
        guard !diagnosed, stream != nil, let agreed = streams.first(where: { $0.accepted && $0.media == "audio" }) else { return nil }
        let snapshot = monitor.snapshot
        guard snapshot.quality.packetsReceived == 0 else { return nil }
        diagnosed = true
        var facts = NoMediaDiagnosis.Facts(
            peerAddress: agreed.remoteAddress.flatMap { TransportAddress(host: $0, port: agreed.remotePort) },
            peerOffersICE: remoteOffersICE,
            localAddress: TransportAddress(host: localAddress, port: sockets.rtp.localAddress.port),
            peerSends: agreed.direction.receives,
            authenticationFailures: snapshot.authenticationFailures)
        facts.natServersConfigured = nat?.stunServer != nil || nat?.turnServer != nil
        facts.hasPublicCandidate = gathering?.publicAddress.map { $0 != facts.localAddress } == true
            || gathering?.relayedAddress != nil
        facts.stunFailure = gathering?.stunFailure ?? natProblems.first { $0.contains("STUN") }
        facts.turnFailure = gathering?.turnFailure ?? natProblems.first { $0.contains("TURN") }
        if let state = snapshot.nat?.iceState, state.hasPrefix("failed: ") {
            facts.iceFailure = String(state.dropFirst("failed: ".count))
        } else if remoteICE != nil, snapshot.nat?.selectedPair == nil {
            facts.iceFailure = "the connectivity checks have not found a pair yet (\(snapshot.nat?.iceState ?? "not started"))"
        }
        return NoMediaDiagnosis.explain(facts)
    }

    func setMuted(_ muted: Bool) async {
        self.muted = muted
        if let stream { try? engine.setMuted(stream, muted) }
    }

    func startRecording(path: String) async throws {
        guard let stream else { throw MediaError.unsupported("the call has no audio stream yet") }
        try engine.startRecording(stream, path: path)
    }

    func sendDigits(_ keys: String) async throws {
        guard let stream else { throw MediaError.unsupported("the call has no audio stream yet") }
        let engine = self.engine
        let agreed = try await withCheckedThrowingContinuation { (done: CheckedContinuation<Bool, any Error>) in
            do {
                try engine.sendDigits(stream, keys) { done.resume(returning: $0) }
            } catch {
                done.resume(throwing: error)
            }
        }
        guard agreed else {
            throw MediaError.unsupported("the peer did not agree to RFC 4733 telephone-events (with dtmf = auto or info the keys go by SIP INFO)")
        }
    }

    func sendInbandDigits(_ keys: String) async throws {
        guard let stream else { throw MediaError.unsupported("the call has no audio stream yet") }
        try engine.sendInbandDigits(stream, keys)
    }

    func play(path: String) async throws {
        guard let stream else { throw MediaError.unsupported("the call has no audio stream yet") }
        let file = try WAVFile(contentsOf: path)
        let engine = self.engine
        let rate = await withCheckedContinuation { (done: CheckedContinuation<Int?, Never>) in
            do {
                try engine.sampleRate(of: stream) { done.resume(returning: $0) }
            } catch {
                done.resume(returning: nil)
            }
        }
        guard let rate else { throw MediaError.unsupported("the call's audio has ended") }
        try engine.play(stream, samples: Self.resample(file, to: rate))
    }

    func restartICE(ifUsing removed: [String]?) async -> Bool {
        // Without ICE with the peer the engine still moves a socket off a vanished address
        // (and says so): the re-offer then names the new address.
        let gone = removed?.compactMap { TransportAddress(host: $0, port: 0) }
        guard !closed, nat != nil, let fresh = await engine.restartICE(call, ifUsing: gone) else { return false }
        gathering = fresh
        return true
    }

    func stopRecording() async {
        if let stream { try? engine.stopRecording(stream) }
    }

    func close() async {
        guard !closed else { return }
        closed = true
        await updateConnection()
        engine.remove(call)
    }

    /// Whether the microphone and speaker belong to this call now: answered, not held by
    /// us, not closed, and with an audio stream.
    private var connected: Bool { sound != nil && (active || earlyMedia) && !localHold && !closed && stream != nil }

    /// Tells the sound card when the call connects or disconnects (it opens the device for
    /// the first connected call and closes it after the last).
    private func updateConnection() async {
        let now = connected
        guard now != connectedToDevice, let sound else { return }
        connectedToDevice = now
        await sound.setConnected(tag, now)
    }

    /// Takes what offer/answer agreed, after the SRTP policy had its say: a refusal
    /// fails the negotiation (488, or BYE after a 2xx) with the reason for the user.
    private func adopt(_ agreed: [NegotiatedStream], role: NegotiationRole) throws {
        guard let audio = agreed.first(where: { $0.accepted && $0.media == "audio" }) else {
            streams = agreed
            return
        }
        switch srtp.decide(audio, role: role) {
        case .refused(let reason):
            throw MediaError.notAcceptable("\(reason)")
        case .encrypted(_, let send, let receive):
            keys = SRTPKeys(send: send, receive: receive)
        case .plain, .inactive:
            keys = nil
        }
        streams = agreed
        try apply()
    }

    /// Starts or reconfigures the stream for what was agreed and whether the call is up.
    private func apply() throws {
        guard !closed, let agreed = streams.first(where: { $0.accepted && $0.media == "audio" }),
              let codec = agreed.codecs.first else { return }
        let configuration = configuration(for: agreed, codec: codec)
        try engine.reconfigureStream(call, configuration)
        if stream == nil {
            stream = call
            if muted { try engine.setMuted(call, true) }
        }
    }

    private func configuration(for agreed: NegotiatedStream, codec: NegotiatedCodec) -> MediaStreamConfiguration {
        let remote = agreed.remoteAddress.flatMap { SocketAddress(host: $0, port: agreed.remotePort) }
        var remoteRTCP: SocketAddress?
        var mux = false
        switch agreed.remoteRTCP {
        case .muxed: mux = true
        case .address(let host, let port): remoteRTCP = SocketAddress(host: host ?? agreed.remoteAddress ?? "", port: port)
        case nil: remoteRTCP = remote.map { $0.with(port: $0.port &+ 1) }
        }
        let rate = CodecKind(codec)?.sampleRate ?? 8000
        let fileBackend = audio.backend == .file
        let device = sound != nil
        // Early media only plays: the microphone waits for the answer.
        let hearing = active || earlyMedia
        let connectedNow = device && hearing && !localHold
        var input: AudioInput = device ? (active && !localHold ? .device : .silence) : inputSamples(at: rate).map { .samples($0, loop: true) } ?? .silence
        var output: AudioOutput = device ? (connectedNow ? .device : .discard) : fileBackend ? audio.output.map { .file(path: $0) } ?? .discard : .discard
        if let loopbackDelay {
            input = .loopback(delayMilliseconds: loopbackDelay)
            output = .loopback
        }
        return MediaStreamConfiguration(
            // Red rides among the alternatives: the peer may send it at any time.
            codec: codec, alternativeCodecs: Array(agreed.codecs.dropFirst()) + (agreed.redundancy.map { [$0] } ?? []),
            telephoneEvent: agreed.telephoneEvent,
            comfortNoisePayloadType: agreed.comfortNoise?.payloadType,
            ptime: Int(agreed.remotePtime ?? 20), remote: remote, remoteRTCP: remoteRTCP, rtcpMux: mux,
            sends: active && agreed.direction.sends, receives: hearing && agreed.direction.receives,
            peerFormatParameters: codec.remoteFmtp, srtp: keys, ice: remoteICE, detectsInbandDigits: account.dtmf == .inband,
            input: input, output: output,
            // With the sound card the hub processes the microphone once for every call;
            // files need none.
            processing: CaptureProcessing(),
            cname: cname)
    }

    /// Whether the audio stream of `description` has ICE candidates.
    static func carriesICE(_ description: SessionDescription) -> Bool {
        description.media.contains { $0.media == "audio" && !$0.candidates.isEmpty }
    }

    private func inputSamples(at rate: Int) -> [Int16]? {
        guard let input else { return nil }
        if let cached = resampledInput, cached.rate == rate { return cached.samples }
        let samples = Self.resample(input, to: rate)
        resampledInput = (rate, samples)
        return samples
    }

    /// A whole file at the codec's rate (off the media thread).
    static func resample(_ file: WAVFile, to rate: Int) -> [Int16] {
        let mono = file.mono
        guard file.format.sampleRate != rate, let resampler = try? Resampler(inputRate: file.format.sampleRate, outputRate: rate) else {
            return mono
        }
        var out = [Int16](repeating: 0, count: resampler.outputCapacity(forInputCount: mono.count) + rate / 10)
        let produced = mono.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { resampler.process(input, into: $0).produced }
        }
        return Array(out.prefix(produced))
    }
}

extension SRTPMode {
    init(_ policy: SRTPPolicy) {
        switch policy {
        case .off: self = .off
        case .optional: self = .optional
        case .mandatory: self = .mandatory
        }
    }
}
