#if canImport(Glibc)
import Glibc
#endif
import Media
import NAT
import SDP
import Audio

/// Media negotiation backed by the media engine: every call gets a socket pair, real
/// offer/answer, and an RTP stream on the engine's thread once something is agreed. With
/// a sound-card backend (auto, pulse, alsa, null) connected calls go through the engine's
/// device hub, and the phone rings and plays call-progress tones; with `file` each call
/// reads and writes WAV files.
public struct EngineMedia: MediaNegotiating {
    public let engine: MediaEngine
    public let ports: ClosedRange<UInt16>
    public let audio: AudioSettings
    /// Media events: of every call (digits, silence, latching, recording…), with the
    /// session they belong to, and of the sound card. The user agent reads them.
    public let events: AsyncStream<MediaEvent>
    private let sink: AsyncStream<MediaEvent>.Continuation
    /// The sound card; nil with the file backend.
    public let sound: SoundDevices?
    private let sounds: CallSounds?
    /// The echo test's far end: every call plays back what it receives, this many
    /// milliseconds later (no device, no files).
    public let loopbackDelay: Int?
    /// `[network]`: STUN, TURN and ICE for calls (with the accounts' overrides); nil turns
    /// NAT traversal off whatever the accounts say.
    public let network: NetworkSettings?

    public init(engine: MediaEngine, ports: ClosedRange<UInt16>, audio: AudioSettings, tones: String = "us",
                loopbackDelay: Int? = nil, network: NetworkSettings? = nil) {
        self.engine = engine
        self.network = network
        self.loopbackDelay = loopbackDelay
        self.ports = ports
        var audio = audio
        if audio.backend == .file {
            audio.input = audio.input.map(Self.expandingHome)
            audio.output = audio.output.map(Self.expandingHome)
        }
        self.audio = audio
        let (events, sink) = AsyncStream.makeStream(of: MediaEvent.self, bufferingPolicy: .bufferingNewest(256))
        self.events = events
        self.sink = sink
        if loopbackDelay == nil, let settings = Self.soundSettings(audio) {
            let sound = SoundDevices(engine: engine, settings: settings) { sink.yield(.sound($0)) }
            let configured = audio.ringtone
            self.sound = sound
            // The ringtone is read at the first ring, not at start: an idle phone keeps
            // neither the file's samples nor the time to read it.
            sounds = CallSounds(devices: sound, tones: ToneSet.named(tones) ?? ToneSet.named("us")!) { file in
                let ring = Ringtone.load(file ?? configured)
                if let problem = ring.problem { sink.yield(.sound(.failed(problem))) }
                return ring.samples
            }
        } else {
            sound = nil
            sounds = nil
        }
    }

    /// What the sound card needs from the settings; nil for the file backend.
    static func soundSettings(_ audio: AudioSettings) -> SoundDevices.Settings? {
        let kind: AudioBackendKind
        switch audio.backend {
        case .file: return nil
        case .auto: kind = .auto
        case .pulse: kind = .pulse
        case .alsa: kind = .alsa
        case .null: kind = .null
        }
        return SoundDevices.Settings(
            backend: kind, input: audio.input, output: audio.output, ringOutput: audio.ringOutput,
            processing: CaptureProcessing(echoCancel: audio.echoCancel, echoTailMilliseconds: audio.echoTail,
                                          noiseSuppression: audio.noiseSuppression, automaticGain: audio.autoGain))
    }

    public func makeSession(account: AccountConfig, localAddress: String) async throws -> any MediaSession {
        let sockets: (rtp: MediaSocket, rtcp: MediaSocket)
        do {
            sockets = try MediaSocket.bindPair(host: localAddress, ports: ports)
        } catch {
            throw MediaError.noPort("\(error)")
        }
        let input: WAVFile?
        do {
            input = try audio.backend == .file ? audio.input.map { try WAVFile(contentsOf: $0) } : nil
        } catch {
            sockets.rtp.close()
            sockets.rtcp.close()
            throw MediaError.noPort("audio input \(audio.input ?? ""): \(error)")
        }
        let sink = self.sink
        let nat = network.map { NATConfiguration.settings(account: account, network: $0) }
        let otherHosts = nat?.settings?.ice == true ? Self.otherHostSockets(besides: localAddress, ports: ports) : []
        return try EngineSession(engine: engine, sockets: sockets, account: account, localAddress: localAddress,
                                 audio: audio, input: input, sound: sound, loopbackDelay: loopbackDelay,
                                 otherHosts: otherHosts, nat: nat?.settings, natProblems: nat?.problems ?? [],
                                 events: { sink.yield($0) })
    }

    public func observe(_ event: Event) {
        switch event {
        case .call(let call), .incomingCall(let call): sounds?.observe(call)
        default: break
        }
    }

    public func ring(_ call: CallNumber, with file: String) {
        sounds?.ring(call, with: file)
    }

    public func finish() async {
        sounds?.close()
        await sound?.close()
    }
}

extension EngineMedia {
    /// ICE host candidates beyond the address SIP uses (RFC 8445 §5.1.1.1): a socket on
    /// each other interface address, IPv4 and IPv6, four at most. None when the call is
    /// on loopback (a test or a local echo, where other interfaces mean nothing).
    static func otherHostSockets(besides localAddress: String, ports: ClosedRange<UInt16>) -> [MediaSocket] {
        guard let primary = TransportAddress(host: localAddress, port: 0), !primary.isLoopback else { return [] }
        var sockets: [MediaSocket] = []
        for entry in InterfaceAddresses.list() where entry.address != primary && !entry.address.isUnspecified {
            guard sockets.count < 4 else { break }
            if let socket = try? MediaSocket.bind(host: entry.address.host, ports: ports) { sockets.append(socket) }
        }
        return sockets
    }

    /// `~/x` is `$HOME/x`, as in a shell.
    static func expandingHome(_ path: String) -> String {
        guard path.hasPrefix("~/"), let home = getenv("HOME") else { return path }
        return String(cString: home) + path.dropFirst()
    }
}

/// What the media side reports: about one call, or about the sound card.
public enum MediaEvent: Sendable {
    /// About the call whose session has this tag (`EngineSession.tag`).
    case call(session: UInt64, StreamMonitor.Event)
    case sound(SoundDevices.Notice)
}
