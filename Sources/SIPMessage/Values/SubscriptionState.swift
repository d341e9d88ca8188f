/// Subscription-State (RFC 6665 §8.2.3): state and `expires`, `reason`, `retry-after`.
public struct SubscriptionState: SIPValueParsable {
    public enum State: Sendable, Equatable, CustomStringConvertible {
        case active, pending, terminated
        case other(String)

        public init(_ text: String) {
            switch ValueChars.lower(text) {
            case "active": self = .active
            case "pending": self = .pending
            case "terminated": self = .terminated
            default: self = .other(text)
            }
        }

        public var description: String {
            switch self {
            case .active: "active"
            case .pending: "pending"
            case .terminated: "terminated"
            case .other(let s): s
            }
        }
    }

    public var state: State
    public var parameters: [GenericParameter]

    public init(_ state: State, parameters: [GenericParameter] = []) {
        self.state = state
        self.parameters = parameters
    }

    public var description: String { state.description + parameters.serialized }

    public var expires: UInt32? { parameters.first(named: "expires")?.value.flatMap(clampedDelta) }
    /// `reason=` (`deactivated`, `probation`, `rejected`, `timeout`, `giveup`, `noresource` …).
    public var reason: String? { parameters.first(named: "reason")?.value }
    public var retryAfter: UInt32? { parameters.first(named: "retry-after")?.value.flatMap(clampedDelta) }

    /// Parses `substate-value *( SEMI subexp-params )` (RFC 6665 §8.2.3).
    public static func parse(_ text: Substring) throws(SIPParseError) -> SubscriptionState {
        var c = ValueCursor(text)
        c.skipSpace()
        let state = State(try c.token("subscription state"))
        let params = try c.trailingParameters(after: "the subscription state")
        try params.requireNumber("expires", max: .max)
        try params.requireNumber("retry-after", max: .max)
        return SubscriptionState(state, parameters: params.list)
    }
}
