/// A typed header value (or URI) with a text parser and a canonical serialization.
///
/// `parse` never traps: it returns the value or throws a `SIPParseError` whose offset
/// is relative to the text handed in. `description` parses back to an equal value.
///
/// Which type reads which header (list headers through `parseList`):
///
/// | header | type |
/// | --- | --- |
/// | From, To, Route, Record-Route, Reply-To, Refer-To, Referred-By, P-Asserted-Identity | `NameAddress` (list for Route, Record-Route, P-Asserted-Identity) |
/// | Contact | `ContactValue` (list) |
/// | Via | `Via` (list) |
/// | CSeq, RAck, RSeq | `CSeq`, `RAck`, `RSeq` |
/// | Max-Forwards, Content-Length, Expires, Min-Expires | `MaxForwards`, `ContentLength`, `Expires`, `MinExpires` |
/// | Call-ID | `CallID` |
/// | Content-Type, Accept (list) | `MediaType` |
/// | Content-Disposition | `ContentDisposition` |
/// | Allow, Supported, Require, Proxy-Require, Unsupported, Allow-Events | `HeaderToken` (list) |
/// | Event, Subscription-State | `EventValue`, `SubscriptionState` |
/// | Session-Expires, Min-SE, Replaces | `SessionExpires`, `MinSE`, `Replaces` |
/// | Reason, Warning (lists) | `ReasonValue`, `WarningValue` |
/// | Retry-After, Date | `RetryAfter`, `SIPDate` |
/// | User-Agent, Server | `ProductList` |
/// | Call-Info, Alert-Info (lists) | `InfoValue` |
/// | WWW-Authenticate, Proxy-Authenticate | `AuthChallenge` / `DigestChallenge` |
/// | Authorization, Proxy-Authorization | `AuthCredentials` / `DigestCredentials` |
/// | Request-URI | `URI` |
public protocol SIPValueParsable: Sendable, Equatable, CustomStringConvertible {
    /// Parses one value (one element of a comma-separated list header).
    static func parse(_ text: Substring) throws(SIPParseError) -> Self
}

extension SIPValueParsable {
    /// Parses one value from a `String`.
    public static func parse(_ text: String) throws(SIPParseError) -> Self {
        try parse(text[...])
    }

    /// Parses every element of a comma-separated list header value (`Via`, `Contact`,
    /// `Allow` …); offsets in errors are relative to the whole `text`.
    public static func parseList(_ text: Substring) throws(SIPParseError) -> [Self] {
        var out: [Self] = []
        // Indices advance from one element to the next, so the whole walk is linear.
        var index = text.startIndex, offset = 0
        for range in try SIPValueList.elementRanges(of: text) {
            let start = text.utf8.index(index, offsetBy: range.lowerBound - offset)
            let end = text.utf8.index(start, offsetBy: range.count)
            index = end
            offset = range.upperBound
            do {
                out.append(try parse(text[start..<end]))
            } catch {
                throw error.shifted(by: range.lowerBound)
            }
        }
        return out
    }

    /// Parses every element of a comma-separated list header value.
    public static func parseList(_ text: String) throws(SIPParseError) -> [Self] {
        try parseList(text[...])
    }
}
