/// A request method. Methods are case-sensitive tokens (RFC 3261 §7.1): any extension
/// token is kept as received, and `RE%47IST%45R` is not `REGISTER`.
public struct SIPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let invite = SIPMethod("INVITE")
    public static let ack = SIPMethod("ACK")
    public static let bye = SIPMethod("BYE")
    public static let cancel = SIPMethod("CANCEL")
    public static let register = SIPMethod("REGISTER")
    public static let options = SIPMethod("OPTIONS")
    public static let prack = SIPMethod("PRACK")
    public static let subscribe = SIPMethod("SUBSCRIBE")
    public static let notify = SIPMethod("NOTIFY")
    public static let publish = SIPMethod("PUBLISH")
    public static let info = SIPMethod("INFO")
    public static let refer = SIPMethod("REFER")
    public static let message = SIPMethod("MESSAGE")
    public static let update = SIPMethod("UPDATE")

    /// The methods this module names; anything else is an extension method.
    public static let known: [SIPMethod] = [
        .invite, .ack, .bye, .cancel, .register, .options, .prack,
        .subscribe, .notify, .publish, .info, .refer, .message, .update,
    ]

    /// Whether this is one of `known`.
    public var isKnown: Bool { Self.known.contains(self) }
}
