import SIPMessage
import SIPStack

extension PipitConfig {
    /// Where the built-in setup listens: loopback only, on the fixed SIP port 5060 (UDP and
    /// TCP), so that another program on this machine can call it at a known address.
    public static let builtInListen = ["udp:127.0.0.1:5060", "tcp:127.0.0.1:5060"]

    /// What pipit runs with when the default configuration file does not exist: the
    /// built-in settings and one local account named `local` (`sip:USER@127.0.0.1`, no
    /// registrar), listening on `builtInListen`.
    public static func builtInLocal(user: String) -> PipitConfig {
        var config = PipitConfig()
        config.network.listen = builtInListen
        config.accounts = AccountConfig.local(user: user, listen: builtInListen).map { [$0] } ?? []
        return config
    }

    /// `builtInLocal(user:)` for the login name of this process (`$USER`, else "pipit").
    public static var builtInLocal: PipitConfig {
        builtInLocal(user: ConfigLoader.processEnvironment()["USER"] ?? "pipit")
    }
}

extension AccountConfig {
    /// A local account named `local` for `user`: it registers nowhere, calls
    /// `sip:user@host` directly and takes calls addressed to it. Its URI's host and port
    /// are the first listen address (127.0.0.1 when that is a wildcard).
    public static func local(user: String, listen: [String]) -> AccountConfig? {
        let first = listen.first.flatMap { try? ListenSpec(parsing: $0) }
        var host = Host.ipv4(.init(127, 0, 0, 1))
        if let first, first.address != "0.0.0.0", first.address != "::", let h = Host.parseAddress(Substring(first.address)) {
            host = h
        }
        let port = first.flatMap { $0.port == 0 ? nil : $0.port }
        let userPart = user.isEmpty ? "pipit" : user
        var account = AccountConfig(name: "local", uri: SIPURI(user: userPart, host: host, port: port))
        account.register = false
        return account
    }
}
