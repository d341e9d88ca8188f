/// Which value parser checks which header (RFC 3261 §25 and the extensions pipit reads),
/// and whether a bad value stops processing.
struct HeaderValueRule: Sendable {
    let name: String
    /// Headers an element must understand to process the message; a bad value is fatal.
    let isEssential: Bool
    /// Parses a field's value; returns each element in canonical form.
    let parse: @Sendable (Substring) throws(SIPParseError) -> [String]

    static func one<T: SIPValueParsable>(_ name: String, _ type: T.Type, essential: Bool = false) -> Self {
        Self(name: name, isEssential: essential) { text throws(SIPParseError) in [try T.parse(text).description] }
    }

    static func list<T: SIPValueParsable>(_ name: String, _ type: T.Type, essential: Bool = false) -> Self {
        Self(name: name, isEssential: essential) { text throws(SIPParseError) in
            try T.parseList(text).map(\.description)
        }
    }

    /// The rule for a canonical header name.
    static func named(_ canonicalName: String) -> HeaderValueRule? { byName[canonicalName] }

    private static let byName: [String: HeaderValueRule] =
        Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    static let all: [HeaderValueRule] = [
        .list("Via", Via.self, essential: true),
        .one("From", NameAddress.self, essential: true),
        .one("To", NameAddress.self, essential: true),
        .one("Call-ID", CallID.self, essential: true),
        .one("CSeq", CSeq.self, essential: true),
        .one("Max-Forwards", MaxForwards.self, essential: true),
        .list("Contact", ContactValue.self, essential: true),
        .list("Route", NameAddress.self, essential: true),
        .list("Record-Route", NameAddress.self, essential: true),
        .one("Content-Length", ContentLength.self, essential: true),
        .one("Content-Type", MediaType.self, essential: true),
        .one("Expires", Expires.self),
        .one("Min-Expires", MinExpires.self),
        .one("Content-Disposition", ContentDisposition.self),
        .one("Event", EventValue.self),
        .one("Subscription-State", SubscriptionState.self),
        .one("Session-Expires", SessionExpires.self),
        .one("Min-SE", MinSE.self),
        .one("Replaces", Replaces.self),
        .one("RSeq", RSeq.self),
        .one("RAck", RAck.self),
        .one("Retry-After", RetryAfter.self),
        .one("Date", SIPDate.self),
        .one("Reply-To", NameAddress.self),
        .one("Refer-To", NameAddress.self),
        .one("Referred-By", NameAddress.self),
        .one("WWW-Authenticate", AuthChallenge.self),
        .one("Proxy-Authenticate", AuthChallenge.self),
        .one("Authorization", AuthCredentials.self),
        .one("Proxy-Authorization", AuthCredentials.self),
        .list("P-Asserted-Identity", NameAddress.self),
        .list("Accept", MediaType.self),
        .list("Allow", HeaderToken.self),
        .list("Supported", HeaderToken.self),
        .list("Require", HeaderToken.self),
        .list("Proxy-Require", HeaderToken.self),
        .list("Unsupported", HeaderToken.self),
        .list("Allow-Events", HeaderToken.self),
        .list("Reason", ReasonValue.self),
        .list("Warning", WarningValue.self),
        .list("Call-Info", InfoValue.self),
        .list("Alert-Info", InfoValue.self),
    ]

    /// Single-valued headers whose repetition makes a message ambiguous (RFC 4475 §3.3.8).
    static let mustNotRepeat = ["From", "To", "Call-ID", "CSeq", "Max-Forwards", "Content-Length", "Content-Type"]
}
