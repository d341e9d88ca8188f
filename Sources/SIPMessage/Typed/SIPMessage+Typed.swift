/// The headers every transaction and dialog reads, typed. Each getter parses on demand
/// and throws the value parser's error with its offset in the message.
extension SIPMessage {
    public var via: [Via] { get throws(SIPParseError) { try headers.parsedList("Via") } }
    public var from: NameAddress? { get throws(SIPParseError) { try headers.parsed("From") } }
    public var to: NameAddress? { get throws(SIPParseError) { try headers.parsed("To") } }
    public var callID: CallID? { get throws(SIPParseError) { try headers.parsed("Call-ID") } }
    public var cseq: CSeq? { get throws(SIPParseError) { try headers.parsed("CSeq") } }
    public var maxForwards: MaxForwards? { get throws(SIPParseError) { try headers.parsed("Max-Forwards") } }
    public var contacts: [ContactValue] { get throws(SIPParseError) { try headers.parsedList("Contact") } }
    public var routes: [NameAddress] { get throws(SIPParseError) { try headers.parsedList("Route") } }
    public var recordRoutes: [NameAddress] { get throws(SIPParseError) { try headers.parsedList("Record-Route") } }
    public var contentType: MediaType? { get throws(SIPParseError) { try headers.parsed("Content-Type") } }
    public var expires: Expires? { get throws(SIPParseError) { try headers.parsed("Expires") } }
}

extension SIPRequest {
    /// The Request-URI, parsed (it is kept as text so an odd one still round-trips).
    public var uri: URI { get throws(SIPParseError) { try URI.parse(requestURI) } }
}
