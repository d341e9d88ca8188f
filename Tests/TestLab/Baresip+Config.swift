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
        /// The network namespace baresip runs in (nil: the test's own).
        public var namespace: NetworkNamespace?
        /// The address baresip binds SIP to (and its media interface): 127.0.0.1 unless it
        /// runs in a namespace, where it is that machine's address (e.g. `10.0.1.2`).
        public var host: String
        /// ICE with a STUN or TURN server (`;medianat=ice`), nil for none.
        public var ice: ICE?
        /// Its contacts file: URIs, the first being the "current contact" that its
        /// `message` command writes to.
        public var contacts: [String]

        public init(user: String, password: String, registrar: String, transport: Kamailio.Listener.Transport = .udp,
                    autoAnswer: Bool = false, audioSource: WAV? = nil, codecs: [String] = ["PCMU", "PCMA"],
                    mediaEncryption: String? = nil, namespace: NetworkNamespace? = nil, host: String = "127.0.0.1",
                    ice: ICE? = nil, contacts: [String] = []) {
            self.contacts = contacts
            self.namespace = namespace
            self.host = host
            self.ice = ice
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

    /// baresip's ICE (its `ice` module, with `stun` and `turn`) and the server it gathers
    /// server-reflexive and, with TURN, relayed candidates from.
    public struct ICE: Sendable {
        /// The STUN/TURN server, `host:port`.
        public var server: String
        /// Allocate relayed candidates (`stunserver=turn:…`, `ice_turn yes`); false: STUN only.
        public var turn: Bool
        public var user: String
        public var password: String
        /// Offer and accept RTP/RTCP multiplexing (`rtcp_mux`); false: RTCP is ICE component 2.
        public var rtcpMux: Bool

        public init(server: String, turn: Bool = true, user: String = "lab", password: String = "lab-secret", rtcpMux: Bool = true) {
            self.server = server
            self.turn = turn
            self.rtcpMux = rtcpMux
            self.user = user
            self.password = password
        }
    }

    /// The `config` file: SIP on a loopback port, G.711, G.722 and Opus (the account picks),
    /// SRTP, audio from a WAV file (`aufile`) to nowhere (`aubridge` with no source
    /// attached), every call's audio both ways dumped to WAV files (`sndfile`), control over
    /// ctrl_tcp.
    static func configFile(sipPort: Int, controlPort: Int, source: URL, recordings: URL, host: String = "127.0.0.1",
                           ice: ICE? = nil) -> String {
        """
        poll_method epoll
        net_interface \(host)
        dns_server 127.0.0.1:53
        sip_listen \(host):\(sipPort)
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
        \(ice.map { iceModules(rtcpMux: $0.rtcpMux) } ?? "")
        module account.so
        module contact.so
        module sndfile.so
        module menu.so
        module ctrl_tcp.so
        ctrl_tcp_listen 127.0.0.1:\(controlPort)
        snd_path \(recordings.path)

        """
    }

    /// The ICE modules and their settings (regular nomination, debug output in the log).
    /// They load before `account.so`, which looks the account's `medianat` up as it loads.
    private static func iceModules(rtcpMux: Bool) -> String { """
        module stun.so
        module turn.so
        module ice.so
        ice_turn yes
        ice_debug yes
        ice_nomination regular
        rtcp_mux \(rtcpMux ? "yes" : "no")
        """ }

    /// The `accounts` file: one account with digest credentials.
    static func accountsFile(_ c: Configuration) -> String {
        let answer = c.autoAnswer ? ";answermode=auto" : ""
        let codecs = c.codecs.isEmpty ? "" : ";audio_codecs=" + c.codecs.joined(separator: ",")
        let encryption = c.mediaEncryption.map { ";mediaenc=\($0)" } ?? ""
        let ice = c.ice.map {
            ";medianat=ice;stunserver=\($0.turn ? "turn" : "stun"):\($0.server);stunuser=\($0.user);stunpass=\($0.password)"
        } ?? ""
        return "<\(c.aor);transport=\(c.transport.rawValue)>;auth_user=\(c.user);auth_pass=\(c.password)\(answer)"
            + "\(codecs)\(encryption)\(ice);regint=600\n"
    }
}
