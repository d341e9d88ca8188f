/// What `reload` found different between the running configuration and the file now.
/// Calls are never dropped: accounts are added, removed (unregistered) or updated, and
/// settings that only take effect on restart are reported as such rather than applied.
public struct ConfigChanges: Sendable, Equatable {
    /// An account present before and after, with the keys that differ.
    public struct AccountChange: Sendable, Equatable {
        public var name: String
        /// Account keys as written in the file (`expires`, `password` …), in file order.
        public var keys: [String]
        /// True when a key that REGISTER depends on changed (uri, credentials, registrar,
        /// proxy, transport, register, expires): unregister and register again.
        public var needsReregistration: Bool
    }

    public var addedAccounts: [String] = []
    public var removedAccounts: [String] = []
    public var changedAccounts: [AccountChange] = []
    /// Changed `[general]`, `[audio]` and `[network]` keys that apply at once or to the next
    /// call, as `section.key` (`general.log_level`, `network.stun_server`).
    public var appliedKeys: [String] = []
    /// Changed keys that need a restart of pipit to take effect (TLS files, advertised
    /// address; the listen addresses while a call is up), as `section.key`.
    public var restartKeys: [String] = []

    public init() {}

    public var isEmpty: Bool {
        addedAccounts.isEmpty && removedAccounts.isEmpty && changedAccounts.isEmpty && appliedKeys.isEmpty && restartKeys.isEmpty
    }
    public var needsRestart: Bool { !restartKeys.isEmpty }
}

extension PipitConfig {
    /// Compares this configuration with `new` (a pure function; accounts match by name).
    public func changes(to new: PipitConfig) -> ConfigChanges {
        var out = ConfigChanges()
        let oldNames = accounts.map(\.name)
        let newNames = new.accounts.map(\.name)
        out.addedAccounts = newNames.filter { !oldNames.contains($0) }
        out.removedAccounts = oldNames.filter { !newNames.contains($0) }
        for old in accounts {
            guard let now = new.accounts.first(where: { $0.name == old.name }) else { continue }
            let keys = ConfigComparison.account.filter { !$0.same(old, now) }.map(\.key)
            if !keys.isEmpty {
                out.changedAccounts.append(.init(name: old.name, keys: keys,
                                                 needsReregistration: keys.contains { ConfigComparison.registrationKeys.contains($0) }))
            }
        }
        for field in ConfigComparison.general where !field.same(general, new.general) {
            if field.key == "tones" {
                out.restartKeys.append("general.tones")   // the call sounds are set up at start
            } else {
                out.appliedKeys.append("general." + field.key)
            }
        }
        for field in ConfigComparison.audio where !field.same(audio, new.audio) {
            // The backend (sound card or files) and the ringtone are chosen when pipit starts.
            if ConfigComparison.audioRestartKeys.contains(field.key) {
                out.restartKeys.append("audio." + field.key)
            } else {
                out.appliedKeys.append("audio." + field.key)
            }
        }
        // Hooks are read when their event happens: a change applies to the next one.
        for field in ConfigComparison.hooks where !field.same(hooks, new.hooks) {
            out.appliedKeys.append("hooks." + field.key)
        }
        for field in ConfigComparison.network where !field.same(network, new.network) {
            if ConfigComparison.restartKeys.contains(field.key) {
                out.restartKeys.append("network." + field.key)
            } else {
                out.appliedKeys.append("network." + field.key)
            }
        }
        return out
    }
}

/// Per-key comparisons, named as in the file (a test checks they cover `ConfigKeys`).
enum ConfigComparison {
    struct Field<T> {
        var key: String
        var same: (T, T) -> Bool
        /// Copies the setting from one value to another (`set`); nil for derived keys.
        var copy: ((T, inout T) -> Void)?
        init<V: Equatable>(_ key: String, _ path: KeyPath<T, V>) {
            self.key = key
            self.same = { $0[keyPath: path] == $1[keyPath: path] }
            if let writable = path as? WritableKeyPath<T, V> {
                copy = { $1[keyPath: writable] = $0[keyPath: writable] }
            }
        }
        init(_ key: String, same: @escaping (T, T) -> Bool) {
            self.key = key
            self.same = same
        }
    }

    /// The keys of `fields` that `set` can copy, with their copiers.
    static func copies<T>(_ fields: [Field<T>], except: Set<String> = []) -> [String: (T, inout T) -> Void] {
        var copies: [String: (T, inout T) -> Void] = [:]
        for field in fields where !except.contains(field.key) {
            if let copy = field.copy { copies[field.key] = copy }
        }
        return copies
    }

    static var generalCopies: [String: (GeneralSettings, inout GeneralSettings) -> Void] { copies(general) }
    static var audioCopies: [String: (AudioSettings, inout AudioSettings) -> Void] { copies(audio, except: audioRestartKeys) }
    /// No secrets: a `set` line is kept in the TUI's input history and may be logged.
    static var accountCopies: [String: (AccountConfig, inout AccountConfig) -> Void] { copies(account, except: ["turn_password"]) }

    static let registrationKeys: Set<String> = [
        "uri", "username", "password", "password_command", "registrar", "outbound_proxy", "transport", "register", "expires",
    ]
    static let restartKeys: Set<String> = ["advertised_address", "tls_ca_file", "tls_certificate", "tls_private_key"]

    static var general: [Field<GeneralSettings>] { [
        .init("user_agent", \.userAgent), .init("log_level", \.logLevel), .init("tones", \.tones),
        .init("history", \.history), .init("max_redirects", \.maxRedirects), .init("strict_inbound", \.strictInbound),
        .init("default_account", \.defaultAccount), .init("call_waiting", \.callWaiting),
        .init("dnd_answer", \.doNotDisturbAnswer),
    ] }

    static var network: [Field<NetworkSettings>] { [
        .init("listen", \.listen), .init("advertised_address", \.advertisedAddress),
        .init("rtp_port_min", \.rtpPorts.lowerBound), .init("rtp_port_max", \.rtpPorts.upperBound),
        .init("stun_server", \.stunServer), .init("turn_server", \.turnServer), .init("turn_user", \.turnUser),
        .init("turn_password", \.turnPassword), .init("turn_transport", \.turnTransport), .init("ice", \.ice),
        .init("tls_ca_file", \.tlsCAFile),
        .init("tls_certificate", \.tlsCertificate), .init("tls_private_key", \.tlsPrivateKey),
    ] }

    /// `[audio]` keys that need a restart: the backend kind and the ringtone file.
    static let audioRestartKeys: Set<String> = ["backend", "ringtone"]

    static var audio: [Field<AudioSettings>] { [
        .init("backend", \.backend), .init("input", \.input), .init("output", \.output),
        .init("ring_output", \.ringOutput), .init("ringtone", \.ringtone), .init("echo_cancel", \.echoCancel), .init("echo_tail", \.echoTail),
        .init("noise_suppression", \.noiseSuppression), .init("auto_gain", \.autoGain),
    ] }

    static var hooks: [Field<HookSettings>] {
        HookEvent.allCases.map { event in Field(event.rawValue) { $0[event] == $1[event] } } + [.init("timeout", \.timeout)]
    }

    /// `name` is how accounts are matched, so it never differs here; `password` and
    /// `password_command` are both the `password` source.
    static var account: [Field<AccountConfig>] { [
        .init("uri", \.uri), .init("username", \.username), .init("password", \.passwordLiteral),
        .init("password_command", \.passwordCommand), .init("display_name", \.displayName),
        .init("registrar", \.registrar), .init("outbound_proxy", \.outboundProxy), .init("transport", \.transport),
        .init("register", \.register), .init("expires", \.expires), .init("srtp", \.srtp), .init("codecs", \.codecs),
        .init("dtmf", \.dtmf), .init("redundancy", \.redundancy), .init("auto_answer", \.autoAnswer), .init("auto_answer_delay", \.autoAnswerDelay),
        .init("accept_transfer", \.acceptTransfer), .init("auto_answer_requested", \.autoAnswerRequested),
        .init("forward_always", \.forwarding.always), .init("forward_busy", \.forwarding.busy),
        .init("forward_no_answer", \.forwarding.noAnswer), .init("forward_no_answer_after", \.forwarding.noAnswerAfter),
        .init("mwi", \.mwi), .init("voicemail", \.voicemail),
        .init("stun_server", \.stunServer), .init("turn_server", \.turnServer), .init("turn_user", \.turnUser),
        .init("turn_password", \.turnPassword), .init("turn_transport", \.turnTransport), .init("ice", \.ice),
    ] }
}

extension AccountConfig {
    var passwordLiteral: Secret? { if case .literal(let s) = password { s } else { nil } }
    var passwordCommand: String? { if case .command(let c) = password { c } else { nil } }
}
