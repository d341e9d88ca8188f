/// `[hooks]`: programs pipit runs when something happens, with the event in environment
/// variables (`PIPIT_EVENT` …), as Twinkle's call scripts. See man/pipit.conf.5.
public struct HookSettings: Sendable, Equatable {
    /// A new call rings; the program may print an action (`HookAction`).
    public var incomingCall: HookCommand?
    public var callAnswered: HookCommand?
    public var callEnded: HookCommand?
    /// An account's registration changed (registered, failed, unregistered …).
    public var registration: HookCommand?
    public var messageReceived: HookCommand?
    public var dtmfReceived: HookCommand?
    /// A hook still running after this long is stopped (SIGTERM, then SIGKILL).
    public var timeout: Duration = .seconds(5)
    public init() {}

    public subscript(event: HookEvent) -> HookCommand? {
        switch event {
        case .incomingCall: incomingCall
        case .callAnswered: callAnswered
        case .callEnded: callEnded
        case .registration: registration
        case .messageReceived: messageReceived
        case .dtmfReceived: dtmfReceived
        }
    }
}

/// The events hooks run for; the raw value is the key in `[hooks]` and `PIPIT_EVENT`.
public enum HookEvent: String, Sendable, Equatable, CaseIterable {
    case incomingCall = "incoming_call"
    case callAnswered = "call_answered"
    case callEnded = "call_ended"
    case registration
    case messageReceived = "message_received"
    case dtmfReceived = "dtmf_received"
}

/// A hook program and its arguments, run directly (no shell): the first word is a path
/// (`~/` expanded, relative to the configuration file) or a name looked up in PATH.
public struct HookCommand: Sendable, Equatable, CustomStringConvertible {
    public var program: String
    public var arguments: [String]

    public init(program: String, arguments: [String] = []) {
        self.program = program
        self.arguments = arguments
    }

    public var description: String { ([program] + arguments).joined(separator: " ") }
}
