/// Session-Expires (RFC 4028 §4): the session interval and who refreshes.
public struct SessionExpires: SIPValueParsable {
    public enum Refresher: Sendable, Equatable, CustomStringConvertible {
        case uac, uas
        public var description: String { self == .uac ? "uac" : "uas" }
    }

    public var seconds: UInt32
    /// Other parameters than `refresher`, in order.
    public var parameters: [GenericParameter]

    public init(_ seconds: UInt32, refresher: Refresher? = nil, parameters: [GenericParameter] = []) {
        self.seconds = seconds
        self.parameters = parameters
        if let refresher { self.parameters.insert(GenericParameter("refresher", refresher.description), at: 0) }
    }

    /// `refresher=uac` / `refresher=uas` (validated at parse time).
    public var refresher: Refresher? {
        switch parameters.first(named: "refresher")?.value.map(ValueChars.lower) {
        case "uac": .uac
        case "uas": .uas
        default: nil
        }
    }

    public var description: String { String(seconds) + parameters.serialized }

    /// Parses `delta-seconds *( SEMI se-params )` (RFC 4028 §4).
    public static func parse(_ text: Substring) throws(SIPParseError) -> SessionExpires {
        var c = ValueCursor(text)
        c.skipSpace()
        let seconds = try c.deltaSeconds("session interval")
        let params = try c.trailingParameters(after: "the session interval")
        if let at = params.offset(of: "refresher") {
            let v = params.list.first(named: "refresher")?.value.map(ValueChars.lower)
            guard v == "uac" || v == "uas" else {
                throw SIPParseError(.malformedValue, at: at, "refresher must be uac or uas")
            }
        }
        return SessionExpires(seconds, parameters: params.list)
    }
}

/// Min-SE (RFC 4028 §5): the smallest session interval accepted.
public struct MinSE: SIPValueParsable {
    public var seconds: UInt32
    public var parameters: [GenericParameter]

    public init(_ seconds: UInt32, parameters: [GenericParameter] = []) {
        self.seconds = seconds
        self.parameters = parameters
    }

    public var description: String { String(seconds) + parameters.serialized }

    /// Parses `delta-seconds *( SEMI generic-param )` (RFC 4028 §5).
    public static func parse(_ text: Substring) throws(SIPParseError) -> MinSE {
        var c = ValueCursor(text)
        c.skipSpace()
        let seconds = try c.deltaSeconds("Min-SE")
        let params = try c.trailingParameters(after: "Min-SE")
        return MinSE(seconds, parameters: params.list)
    }
}
