import Foundation

extension Baresip {
    /// One baresip user agent with one account.
    public struct Configuration: Sendable {
        public var user: String
        public var password: String
        /// The registrar/proxy as `host:port` (the account's domain).
        public var registrar: String
        public var transport: Kamailio.Listener.Transport
        /// Answer incoming calls at once (`;answermode=auto`).
        public var autoAnswer: Bool
        /// What the agent sends in calls: 16-bit PCM, 8000 Hz mono for G.711. Nil sends silence.
        public var audioSource: WAV?

        public init(user: String, password: String, registrar: String, transport: Kamailio.Listener.Transport = .udp,
                    autoAnswer: Bool = false, audioSource: WAV? = nil) {
            self.user = user
            self.password = password
            self.registrar = registrar
            self.transport = transport
            self.autoAnswer = autoAnswer
            self.audioSource = audioSource
        }

        /// The address of record, `sip:USER@REGISTRAR`.
        public var aor: String { "sip:\(user)@\(registrar)" }
    }

    /// The `config` file: SIP on a loopback port, G.711 only, audio from a WAV file
    /// (`aufile`) to nowhere (`aubridge` with no source attached), every call's audio both
    /// ways dumped to WAV files (`sndfile`), control over ctrl_tcp.
    static func configFile(sipPort: Int, controlPort: Int, source: URL, recordings: URL) -> String {
        """
        poll_method epoll
        net_interface 127.0.0.1
        dns_server 127.0.0.1:53
        sip_listen 127.0.0.1:\(sipPort)
        call_max_calls 4
        audio_source aufile,\(source.path)
        audio_player aubridge,lab
        audio_alert aubridge,lab
        audio_level no
        rtp_stats no
        module_path /usr/lib/baresip/modules
        module g711.so
        module aufile.so
        module aubridge.so
        module account.so
        module sndfile.so
        module menu.so
        module ctrl_tcp.so
        ctrl_tcp_listen 127.0.0.1:\(controlPort)
        snd_path \(recordings.path)

        """
    }

    /// The `accounts` file: one account with digest credentials.
    static func accountsFile(_ c: Configuration) -> String {
        let answer = c.autoAnswer ? ";answermode=auto" : ""
        return "<\(c.aor);transport=\(c.transport.rawValue)>;auth_user=\(c.user);auth_pass=\(c.password)\(answer);regint=600\n"
    }
}
