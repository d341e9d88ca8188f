import Media

/// The answer to `nat status`: how each account's calls traverse NATs, and what each live
/// call found (public address, candidates, the pair ICE chose).
public struct NATReport: Sendable, Equatable {
    /// One account's NAT settings, as its calls use them.
    public struct Account: Sendable, Equatable {
        public var name: String
        /// Calls run ICE (false also when the media side does no NAT traversal at all).
        public var ice: Bool
        /// The servers as configured (`host[:port]`; names are resolved at each call).
        public var stunServer: String?
        public var turnServer: String?
        /// How the TURN server is reached (with a TURN server only).
        public var turnTransport: TURNTransportChoice?
        /// The TURN user name; the password is never reported.
        public var turnUser: String?
        /// The Contact the registrar holds. Over UDP it follows the Via `received`/`rport`
        /// of the REGISTER response, so behind a NAT it is where the registrar saw us from.
        /// Nil when not registered.
        public var registeredContact: String?

        public init(name: String, ice: Bool, stunServer: String? = nil, turnServer: String? = nil,
                    turnTransport: TURNTransportChoice? = nil, turnUser: String? = nil, registeredContact: String? = nil) {
            self.name = name
            self.ice = ice
            self.stunServer = stunServer
            self.turnServer = turnServer
            self.turnTransport = turnTransport
            self.turnUser = turnUser
            self.registeredContact = registeredContact
        }
    }

    /// One live call's traversal.
    public struct Call: Sendable, Equatable {
        public var call: CallNumber
        public var account: String
        /// What the media thread reports; nil when the call has no NAT traversal (off, or
        /// no media yet).
        public var nat: NATSnapshot?
        /// The NAT seen, in a few words: `no NAT`, `NAT, port kept`, `NAT, port changed`,
        /// `unknown (no STUN server)` …; for a call without figures, why: `no NAT traversal`,
        /// `no media yet`.
        public var behaviour: String

        public init(call: CallNumber, account: String, nat: NATSnapshot?, behaviour: String) {
            self.call = call
            self.account = account
            self.nat = nat
            self.behaviour = behaviour
        }
    }

    public var accounts: [Account]
    public var calls: [Call]

    public init(accounts: [Account], calls: [Call]) {
        self.accounts = accounts
        self.calls = calls
    }
}

extension NATReport {
    /// The NAT behaviour one STUN server lets us see (`NATSnapshot.mapping`: the public
    /// address against the socket's own), or why it cannot be seen.
    public static func behaviour(of nat: NATSnapshot?, stunServer: Bool) -> String {
        guard let nat else { return "no NAT traversal" }
        guard let seen = nat.publicAddress else {
            if let failure = nat.stunFailure { return "unknown (STUN: \(failure))" }
            return stunServer ? "unknown (no answer from the STUN server yet)" : "unknown (no STUN server)"
        }
        return nat.mapping?.rawValue ?? "unknown (public address \(seen); no local address to compare)"
    }
}
