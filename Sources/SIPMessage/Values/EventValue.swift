/// The Event header (RFC 6665 §8.2.1): package, templates, `id` and other parameters.
public struct EventValue: SIPValueParsable {
    /// `presence`, `dialog`, `message-summary`, `refer` …
    public var package: String
    /// `event-template`s after the package (`presence.winfo` → `["winfo"]`).
    public var templates: [String]
    public var parameters: [GenericParameter]

    public init(package: String, templates: [String] = [], parameters: [GenericParameter] = []) {
        self.package = package
        self.templates = templates
        self.parameters = parameters
    }

    /// `package.template…`
    public var eventType: String { ([package] + templates).joined(separator: ".") }

    /// `id=`, which tells subscriptions in one dialog apart.
    public var id: String? { parameters.first(named: "id")?.value }

    public var description: String { eventType + parameters.serialized }

    public static func parse(_ text: Substring) throws(SIPParseError) -> EventValue {
        var c = ValueCursor(text)
        c.skipSpace()
        // token-nodot: a token without ".", then "." separated templates.
        var parts: [String] = []
        repeat {
            let r = c.span { ValueChars.isToken($0) && $0 != UInt8(ascii: ".") }
            guard !r.isEmpty else { throw c.error(parts.isEmpty ? "expected an event package" : "empty event template") }
            parts.append(c.string(r))
        } while c.take(".")
        let params = try c.trailingParameters(after: "the event type")
        return EventValue(package: parts[0], templates: Array(parts.dropFirst()), parameters: params.list)
    }
}

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

/// `delta-seconds` text as a number, clamped to 2^32-1.
func clampedDelta(_ text: String) -> UInt32? {
    guard !text.isEmpty, text.utf8.count <= 20, text.utf8.allSatisfy(ValueChars.isDigit) else { return nil }
    return UInt32(parseDecimal(text, max: .max).map { min($0, UInt64(UInt32.max)) } ?? UInt64(UInt32.max))
}
