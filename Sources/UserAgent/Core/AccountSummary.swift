/// One account as the answer to the `accounts` command shows it.
public struct AccountSummary: Sendable, Equatable {
    /// The account's `name` from the configuration; how commands name it.
    public var name: String
    /// The address of record, e.g. "sip:alice@example.com".
    public var uri: String
    public var state: RegistrationState
    /// Outgoing calls use this account when neither the command nor the target's domain picks one.
    public var isDefault: Bool
    /// A local account: no registrar, calls `sip:user@host` directly.
    public var isLocal: Bool
    /// Incoming calls are answered by themselves (`auto_answer`, or `autoanswer on`).
    public var autoAnswer: Bool
    /// Some forwarding is set (`forward_*` settings, or `forward`).
    public var forwarding: Bool

    public init(name: String, uri: String, state: RegistrationState, isDefault: Bool = false, isLocal: Bool = false,
                autoAnswer: Bool = false, forwarding: Bool = false) {
        self.name = name
        self.uri = uri
        self.state = state
        self.isDefault = isDefault
        self.isLocal = isLocal
        self.autoAnswer = autoAnswer
        self.forwarding = forwarding
    }
}
