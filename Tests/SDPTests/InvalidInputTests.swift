import Testing
@testable import SDP

@Suite struct InvalidInputTests {
    static let head = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n"

    /// (input, line the error must name, words the reason must contain)
    static let cases: [(String, Int, String)] = [
        ("", 1, "no v="),
        ("o=- 1 1 IN IP4 h\r\n", 1, "start with v="),
        ("v=1\r\no=- 1 1 IN IP4 h\r\n", 1, "version"),
        ("v=0\r\nv=0\r\n", 2, "second v="),
        ("v=0\r\ns=-\r\n", 3, "no o="),
        ("v=0\r\no=- 1 1 IN IP4\r\n", 2, "o=<username>"),
        ("v=0\r\no=- x 1 IN IP4 h\r\n", 2, "sess-id"),
        ("v=0\r\no=- 1 99999999999999999999999 IN IP4 h\r\n", 2, "sess-version"),
        (head + "o=- 1 1 IN IP4 h\r\n", 5, "second o="),
        (head + "s=again\r\n", 5, "second s="),
        (head + "x=what\r\n", 5, "unknown line type"),
        (head + "A=rtpmap\r\n", 5, "lowercase"),
        (head + "garbage\r\n", 5, "<type>=<value>"),
        (head + "c=IN IP4\r\n", 5, "c=<nettype>"),
        (head + "c=IN IP4 1.2.3.4/300\r\n", 5, "TTL"),
        (head + "c=IN IP6 ::1/2/3\r\n", 5, "too many /"),
        (head + "c=IN IP4 1.1.1.1\r\nc=IN IP4 2.2.2.2\r\n", 6, "second c="),
        (head + "b=AS\r\n", 5, "b=<modifier>"),
        (head + "b=AS:lots\r\n", 5, "bandwidth"),
        ("v=0\r\no=- 1 1 IN IP4 h\r\nr=7d 1h 0\r\n", 3, "r= without a t="),
        (head + "t=now 0\r\n", 5, "start time"),
        (head + "m=audio\r\n", 5, "m=<media>"),
        (head + "m=audio 70000 RTP/AVP 0\r\n", 5, "port"),
        (head + "m=audio 5/x RTP/AVP 0\r\n", 5, "port count"),
        (head + "m=audio 5 RTP/AVP\r\n", 5, "without formats"),
        (head + "m=audio 5 RTP/AVP 0 200\r\n", 5, "above 127"),
        (head + "m=audio 5 RTP/AVP 0 pcmu\r\n", 5, "payload type"),
        (head + "m=audio 5 RTP/AVP 0\r\nt=0 0\r\n", 6, "not allowed inside a media"),
        (head + "m=audio 5 RTP/AVP 0\r\ni=a\r\ni=b\r\n", 7, "second i="),
        (head + "m=audio 5 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n", 6, "clock rate"),
        (head + "m=audio 5 RTP/AVP 0\r\na=rtpmap:0 PCMU/0\r\n", 6, "clock rate is zero"),
        (head + "m=audio 5 RTP/AVP 0\r\na=rtpmap:300 PCMU/8000\r\n", 6, "payload type"),
        (head + "m=audio 5 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:0 PCMA/8000\r\n", 7, "second rtpmap"),
        (head + "m=audio 5 RTP/AVP 0\r\na=sendonly\r\na=recvonly\r\n", 7, "second direction"),
        (head + "a=inactive\r\na=sendrecv\r\n", 6, "second direction"),
        (head + "m=audio 5 RTP/AVP 0\r\na=sendonly:yes\r\n", 6, "takes no value"),
        (head + "m=audio 5 RTP/AVP 0\r\na=rtcp-mux:1\r\n", 6, "takes no value"),
        (head + "m=audio 5 RTP/AVP 0\r\na=ptime:twenty\r\n", 6, "ptime"),
        (head + "m=audio 5 RTP/AVP 0\r\na=ptime:20\r\na=ptime:30\r\n", 7, "second a=ptime"),
        (head + "m=audio 5 RTP/AVP 0\r\na=ptime:20\r\na=ptime:20.5\r\n", 7, "second a=ptime"),
        (head + "m=audio 5 RTP/AVP 0\r\na=ptime:2.x\r\n", 6, "ptime is not"),
        (head + "m=audio 5 RTP/AVP 0\r\na=rtcp:5001 IN IP4\r\n", 6, "<nettype>"),
        (head + "m=audio 5 RTP/AVP 0\r\na=rtcp:99999\r\n", 6, "port"),
        (head + "m=audio 5 RTP/AVP 0\r\na=fmtp:101 0-15\r\na=fmtp:101 0-16\r\n", 7, "second fmtp"),
        (head + "m=audio 5 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80\r\n", 6, "<tag>"),
        (head + "m=audio 5 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:not*base64\r\n", 6, "inline key"),
        (head + "m=audio 5 RTP/SAVP 0\r\na=crypto:1234567890 S inline:QUJD\r\n", 6, "nine digits"),
        (head + "m=audio 5 RTP/SAVP 0\r\na=crypto:1 S inline:QUJD|1:300\r\n", 6, "MKI length"),
        (head + "m=audio 5 RTP/SAVP 0\r\na=crypto:1 S inline:QUJD|1:4|2^20\r\n", 6, "lifetime misplaced"),
        (head + "m=audio 5 RTP/SAVP 0\r\na=crypto:1 S nomethod\r\n", 6, "<method>:<info>"),
        (head + "m=audio 5 RTP/SAVP 0\r\na=crypto:1 S inline:QUJD\r\na=crypto:1 T inline:QUJD\r\n", 7, "second crypto line with tag 1"),
        (head + "m=audio 5 RTP/AVP 0\r\na=candidate:1 1 UDP 5 10.0.0.1 5000 host\r\n", 6, "typ"),
        (head + "m=audio 5 RTP/AVP 0\r\na=candidate:1 1 UDP 5 10.0.0.1 5000 typ host raddr\r\n", 6, "foundation"),
        (head + "m=audio 5 RTP/AVP 0\r\na=candidate:1 1 UDP x 10.0.0.1 5000 typ host\r\n", 6, "priority"),
        (head + "m=audio 5 RTP/AVP 0\r\na=candidate:1 1 UDP 5 h 5000 typ host rport 1 rport 2\r\n", 6, "twice"),
        (head + "m=audio 5 RTP/AVP 0\r\na=ice-ufrag:a b\r\n", 6, "one word"),
        (head + "m=audio 5 RTP/AVP 0\r\na=mid:\r\n", 6, "needs a value"),
        (head + "a=group:\r\n", 5, "needs a value"),
        (head + "a=:x\r\n", 5, "attribute name"),
        (head + "s=bad\0byte\r\n", 5, "NUL"),
        (head + "s=bare\rcr\r\n", 5, "CR not followed by LF"),
    ]

    @Test(arguments: cases.indices) func refusedWithLineNamed(index: Int) {
        let (input, line, words) = Self.cases[index]
        #expect {
            try SessionDescription.parse(input)
        } throws: { error in
            guard let e = error as? SDPParseError else { return false }
            let ok = e.line == line && e.reason.contains(words) && e.offset >= 0 && e.offset <= input.utf8.count
            if !ok { Issue.record("case \(index): got \(e)") }
            return ok
        }
    }

    @Test func offsetPointsIntoTheLine() throws {
        let input = Self.head + "m=audio 5 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000/x\r\n"
        let error = try #require(parseError(input))
        let bytes = Array(input.utf8)
        #expect(error.line == 6)
        // Points at the channel count field.
        #expect(bytes[error.offset] == UInt8(ascii: "x"))
        #expect(error.description.contains("line 6"))
    }

    @Test func limitsAreEnforced() throws {
        let many = Self.head + String(repeating: "a=x\r\n", count: 50)
        #expect(throws: SDPParseError.self) { try SessionDescription.parse(many, limits: SDPLimits(maxLines: 20)) }
        let big = Self.head + String(repeating: "a=xxxxxxxxxxxxxxxx\r\n", count: 100)
        #expect(throws: SDPParseError(line: 0, offset: 1000, reason: "description is \(big.utf8.count) bytes, more than the 1000 accepted")) {
            try SessionDescription.parse(big, limits: SDPLimits(maxBytes: 1000))
        }
        let media = Self.head + String(repeating: "m=audio 5 RTP/AVP 0\r\n", count: 5)
        let error = parseError(media, limits: SDPLimits(maxMediaDescriptions: 3))
        #expect(error?.line == 8)
        #expect(error?.reason.contains("more than 3 m= lines") == true)
        #expect(throws: Never.self) { try SessionDescription.parse(media, limits: SDPLimits(maxMediaDescriptions: 5)) }
    }
}

/// The error `parse` throws for `input`, or nil when it is accepted.
func parseError(_ input: String, limits: SDPLimits = .standard) -> SDPParseError? {
    parseError(Array(input.utf8), limits: limits)
}

func parseError(_ input: [UInt8], limits: SDPLimits = .standard) -> SDPParseError? {
    let result: Result<SessionDescription, SDPParseError> = Result { () throws(SDPParseError) in
        try SessionDescription.parse(input, limits: limits)
    }
    if case .failure(let e) = result { return e }
    return nil
}
