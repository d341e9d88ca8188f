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
        /// What the agent sends in calls: 16-bit PCM mono (baresip resamples it). Nil sends silence.
        public var audioSource: WAV?
        /// Codecs in order, as baresip names them: `opus/48000/2`, `G722`, `PCMU`, `PCMA`.
        public var codecs: [String]
        /// SDES-SRTP: nil for none, else `srtp` (offer it, accept plain) or `srtp-mand`.
        public var mediaEncryption: String?

        public init(user: String, password: String, registrar: String, transport: Kamailio.Listener.Transport = .udp,
                    autoAnswer: Bool = false, audioSource: WAV? = nil, codecs: [String] = ["PCMU", "PCMA"],
                    mediaEncryption: String? = nil) {
            self.user = user
            self.password = password
            self.registrar = registrar
            self.transport = transport
            self.autoAnswer = autoAnswer
            self.audioSource = audioSource
            self.codecs = codecs
            self.mediaEncryption = mediaEncryption
        }

        /// The address of record, `sip:USER@REGISTRAR`.
        public var aor: String { "sip:\(user)@\(registrar)" }
    }

    /// The `config` file: SIP on a loopback port, G.711, G.722 and Opus (the account picks),
    /// SRTP, audio from a WAV file (`aufile`) to nowhere (`aubridge` with no source
    /// attached), every call's audio both ways dumped to WAV files (`sndfile`), control over
    /// ctrl_tcp.
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
        module g722.so
        module opus.so
        module srtp.so
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
        let codecs = c.codecs.isEmpty ? "" : ";audio_codecs=" + c.codecs.joined(separator: ",")
        let encryption = c.mediaEncryption.map { ";mediaenc=\($0)" } ?? ""
        return "<\(c.aor);transport=\(c.transport.rawValue)>;auth_user=\(c.user);auth_pass=\(c.password)\(answer)"
            + "\(codecs)\(encryption);regint=600\n"
    }
}
