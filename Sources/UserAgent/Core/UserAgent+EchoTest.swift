import Media
import SIPStack

/// The echo test: dialling `echo` calls a second, in-process user agent on the loopback
/// address that answers at once and plays the caller's audio back half a second later,
/// like a provider's echo test. A new user checks microphone, speaker and codecs before
/// having any account. It starts on the first such call and lives until quit.
extension UserAgent {
    /// What the user types.
    public static let echoTarget = "echo"
    static let echoDelayMilliseconds = 500

    /// Whether `target` means the echo test (unless a contact has that name).
    func isEchoTest(_ target: String) async -> Bool {
        guard target.lowercased() == Self.echoTarget, let media = media as? EngineMedia else { return false }
        if let book = contactBook, await book.address(named: target) != nil { return false }
        return media.loopbackDelay == nil
    }

    /// The echo service's address (starting it the first time), for the call.
    func echoServiceURI() async throws -> String {
        if let running = echoService { return running.uri }
        guard let media = media as? EngineMedia else { throw MediaError.unsupported("the echo test needs the media engine") }
        var config = PipitConfig()
        config.general.history = false
        config.general.logLevel = .error
        config.network.listen = ["udp:127.0.0.1:0"]
        config.network.rtpPorts = self.config.network.rtpPorts
        guard var account = AccountConfig.local(user: Self.echoTarget, listen: ["udp:127.0.0.1:0"]) else {
            throw MediaError.unsupported("no local account for the echo test")
        }
        account.autoAnswer = true
        account.codecs = ["opus", "g722", "pcmu", "pcma"]
        account.srtp = .optional
        config.accounts = [account]
        let stack = SIPStack(eventLoop: eventLoop, configuration: .init(config))
        let service = UserAgent(config: config, stack: stack,
                                media: EngineMedia(engine: media.engine, ports: config.network.rtpPorts, audio: AudioSettings(),
                                                   loopbackDelay: Self.echoDelayMilliseconds))
        let listeners = try await service.start()
        guard let port = listeners.first?.port else { throw MediaError.noPort("the echo test could not listen") }
        // Nobody reads its events; the stream keeps only the newest.
        let uri = "sip:\(Self.echoTarget)@127.0.0.1:\(port)"
        echoService = EchoService(agent: service, uri: uri)
        return uri
    }
}

/// The running echo test.
struct EchoService: Sendable {
    let agent: UserAgent
    let uri: String
}
