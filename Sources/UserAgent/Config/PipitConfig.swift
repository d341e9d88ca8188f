import SIPMessage

/// The whole configuration file, validated: `[general]`, `[network]`, `[audio]`, `[hooks]` and the
/// `[[account]]` tables. Every field is documented in man/pipit.conf.5.
public struct PipitConfig: Sendable, Equatable {
    public var general = GeneralSettings()
    public var network = NetworkSettings()
    public var audio = AudioSettings()
    public var hooks = HookSettings()
    public var accounts: [AccountConfig] = []
    /// The file it came from (`nil` for the built-in local setup).
    public var path: String?

    public init(general: GeneralSettings = .init(), network: NetworkSettings = .init(),
                audio: AudioSettings = .init(), hooks: HookSettings = .init(), accounts: [AccountConfig] = [], path: String? = nil) {
        self.general = general
        self.hooks = hooks
        self.network = network
        self.audio = audio
        self.accounts = accounts
        self.path = path
    }
}

public enum LogLevel: String, Sendable, Equatable, CaseIterable, Comparable {
    case error, warning, info, debug, trace
    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        case .debug: 3
        case .trace: 4
        }
    }
    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rank < b.rank }
}

/// `[general]`
public struct GeneralSettings: Sendable, Equatable {
    public var userAgent = "pipit"
    public var logLevel = LogLevel.info
    /// Call-progress tone set (ring-back, busy): a country code such as "us" or "de".
    public var tones = "us"
    /// Whether calls are written to the history database.
    public var history = true
    /// Follow 3xx redirects for outgoing calls, up to this many hops (0: do not follow).
    public var maxRedirects = 5
    /// Answer out-of-dialog requests from unknown sources with 403 (see `StrayPolicy`).
    public var strictInbound = true
    /// The account outgoing calls use when neither the command nor the target's domain
    /// picks one (`default_account`); `nil`: the first account.
    public var defaultAccount: String?
    /// An incoming call during a call rings as call waiting; when false it is answered
    /// 486 Busy Here (`call_waiting`).
    public var callWaiting = true
    /// How calls are refused while do-not-disturb is on (`dnd_answer`).
    public var doNotDisturbAnswer = DoNotDisturbAnswer.busy
    public init() {}
}

/// `dnd_answer`: the status do-not-disturb refuses calls with.
public enum DoNotDisturbAnswer: String, Sendable, Equatable, CaseIterable {
    /// 486 Busy Here: the caller may try later (or gets voicemail).
    case busy
    /// 603 Decline: the callee does not want the call.
    case decline

    public var code: Int { self == .busy ? 486 : 603 }
}

/// `[network]`
public struct NetworkSettings: Sendable, Equatable {
    /// Listen specs as the stack takes them: "udp:0.0.0.0:5060", "tcp:[::]:5060", "tls:0.0.0.0:5061".
    public var listen: [String] = ["udp:0.0.0.0:5060", "tcp:0.0.0.0:5060"]
    public var stunServer: String?
    public var turnServer: String?
    public var turnUser: String?
    public var turnPassword: Secret?
    /// How the TURN server is reached: UDP, or TCP or TLS where a network drops UDP.
    public var turnTransport = TURNTransportChoice.udp
    public var ice = true
    /// Extra CA file for TLS (besides the system store).
    public var tlsCAFile: String?
    public var tlsCertificate: String?
    public var tlsPrivateKey: String?
    /// The address Via and Contact carry instead of a wildcard listen address, for a host
    /// behind a static NAT or port forward (`advertised_address`; ListenSpec.advertisedAddress).
    public var advertisedAddress: String?
    /// Local UDP ports media (RTP and RTCP) may use (`rtp_port_min`, `rtp_port_max`).
    public var rtpPorts: ClosedRange<UInt16> = 10000...20000
    public init() {}
}

/// `turn_transport`: UDP; TCP; or TLS over TCP (RFC 8656 §3.1, default port 5349, the
/// server's certificate checked against the system store and `tls_ca_file`).
public enum TURNTransportChoice: String, Sendable, Equatable, CaseIterable {
    case udp, tcp, tls
}

public enum AudioBackendChoice: String, Sendable, Equatable, CaseIterable {
    case auto, pulse, alsa, file, null
}

/// `[audio]`
public struct AudioSettings: Sendable, Equatable {
    public var backend = AudioBackendChoice.auto
    public var input: String?
    public var output: String?
    public var ringOutput: String?
    /// A WAV file to ring with; nil: share/pipit/ring.wav, else a built-in ring.
    public var ringtone: String?
    public var echoCancel = true
    public var noiseSuppression = true
    /// The longest echo path the canceller models, in milliseconds.
    public var echoTail = 200
    public var autoGain = false
    public init() {}
}
