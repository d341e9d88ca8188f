import Foundation

/// Ready-made SIPp server scenarios (UAS) for transaction-layer tests: each misbehaves or
/// behaves in one way the RFC 3261 §17 client transaction must cope with. All answer the
/// first request of a call; for UDP. Read what SIPp saw with `SIPp.Result.trace`/`gaps`.
extension SIPp.Scenario {
    /// Answers a `method` request with `status` at once, then stays `linger`, answering
    /// each retransmission of the request with the same response (as a server transaction
    /// in Completed does).
    public static func answering(method: String = "OPTIONS", status: Int = 200,
                                 linger: Duration = .milliseconds(500)) -> Self {
        let body = "  <recv request=\"\(method)\" />\n" + SIPpXML.response(status) + SIPpXML.ackIfInvite(method, status)
            + SIPpXML.linger(linger)
        return .xmlWithOptions(SIPpXML.scenario("answer \(status)", body), options: [])
    }

    /// (a) Ignores the first `copies` copies of a `method` request, answers the next copy
    /// with `status`, then stays `linger` (an INVITE's ACK is awaited first). Runs with
    /// `-nr`, so that SIPp counts copies instead of absorbing them; a copy that arrives after
    /// the answer is then an unexpected message and fails the run, and the answer itself is
    /// not retransmitted.
    public static func ignoringFirst(_ copies: Int, method: String = "OPTIONS", status: Int = 200,
                                     linger: Duration = .milliseconds(200)) -> Self {
        let ignored = String(repeating: "  <recv request=\"\(method)\" />\n", count: max(0, copies))
        let body = ignored + "  <recv request=\"\(method)\" />\n" + SIPpXML.response(status) + SIPpXML.ackIfInvite(method, status)
            + SIPpXML.linger(linger)
        return .xmlWithOptions(SIPpXML.scenario("ignore the first \(copies) copies", body), options: ["-nr"])
    }

    /// (b) Answers a `method` request with the same `status` response twice in a row (a
    /// duplicated response), then stays `linger` answering retransmissions.
    public static func answeringTwice(method: String = "OPTIONS", status: Int = 200,
                                      linger: Duration = .milliseconds(500)) -> Self {
        let body = "  <recv request=\"\(method)\" />\n" + SIPpXML.response(status) + SIPpXML.response(status)
            + SIPpXML.ackIfInvite(method, status) + SIPpXML.linger(linger)
        return .xmlWithOptions(SIPpXML.scenario("answer twice", body), options: [])
    }

    /// (c) Answers a `method` request at once with 100 Trying, then `status` after `delay`.
    /// Request retransmissions meanwhile get the 100 again (SIPp's retransmission handling,
    /// as a server transaction in Proceeding does).
    public static func tryingThenDelayed(_ delay: Duration, method: String = "OPTIONS", status: Int = 200,
                                         linger: Duration = .milliseconds(500)) -> Self {
        let body = "  <recv request=\"\(method)\" />\n" + SIPpXML.response(100, tag: false)
            + "  <pause milliseconds=\"\(SIPpXML.milliseconds(delay))\" />\n" + SIPpXML.response(status)
            + SIPpXML.ackIfInvite(method, status) + SIPpXML.linger(linger)
        return .xmlWithOptions(SIPpXML.scenario("100 then a delayed final", body), options: [])
    }

    /// (d) Rejects an INVITE with `status` (486 Busy Here), retransmitting it from `t1`
    /// (doubling up to T2) until the ACK arrives; the run fails if no ACK comes.
    public static func rejectingInvite(status: Int = 486, t1: Duration = .milliseconds(500)) -> Self {
        let body = "  <recv request=\"INVITE\" />\n" + SIPpXML.response(status, retrans: t1)
            + "  <recv request=\"ACK\" />\n"
        return .xmlWithOptions(SIPpXML.scenario("reject INVITE \(status) until ACK", body), options: [])
    }

    /// (e) Accepts an INVITE with 200 OK (with an SDP answer), retransmitting the 200 from
    /// `t1` until the ACK arrives; then, if `expectBye`, answers the BYE with 200.
    public static func acceptingInvite(t1: Duration = .milliseconds(500), expectBye: Bool = false) -> Self {
        var body = "  <recv request=\"INVITE\" />\n" + SIPpXML.response(200, retrans: t1, sdp: true)
            + "  <recv request=\"ACK\" />\n"
        // The BYE is in the dialog: its To already carries the tag.
        if expectBye { body += "  <recv request=\"BYE\" />\n" + SIPpXML.response(200, tag: false) }
        return .xmlWithOptions(SIPpXML.scenario("accept INVITE, 200 until ACK", body), options: [])
    }
}

/// The XML pieces the ready-made scenarios are built from.
enum SIPpXML {
    static func scenario(_ name: String, _ body: String) -> String {
        """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="\(name)">
        \(body)</scenario>

        """
    }

    /// A response to the last request received: `status` with a To tag unless `tag` is
    /// false (a 100), retransmitted from `retrans` until the next expected message when
    /// given, with an SDP answer when `sdp`.
    static func response(_ status: Int, tag: Bool = true, retrans: Duration? = nil, sdp: Bool = false) -> String {
        let retransAttribute = retrans.map { " retrans=\"\(milliseconds($0))\"" } ?? ""
        var lines = [
            "SIP/2.0 \(status) \(reason(status))",
            "[last_Via:]",
            "[last_From:]",
            tag ? "[last_To:];tag=[pid]SIPpTag01[call_number]" : "[last_To:]",
            "[last_Call-ID:]",
            "[last_CSeq:]",
            "Contact: <sip:[local_ip]:[local_port];transport=[transport]>",
        ]
        lines += sdp ? ["Content-Type: application/sdp"] : []
        lines += ["Content-Length: [len]"] + (sdp ? [""] + SIPpXML.sdp : [])
        return message(lines, attributes: retransAttribute)
    }

    /// An SDP offer or answer: PCMU on SIPp's media port.
    static let sdp = [
        "v=0", "o=- 1 1 IN IP[local_ip_type] [local_ip]", "s=-", "c=IN IP[media_ip_type] [media_ip]", "t=0 0",
        "m=audio [media_port] RTP/AVP 0", "a=rtpmap:0 PCMU/8000",
    ]

    /// A `<send>` of `lines` (SIPp writes them with CRLF line ends).
    static func message(_ lines: [String], attributes: String = "") -> String {
        "  <send\(attributes)>\n    <![CDATA[\n" + lines.map { "      \($0)\n" }.joined() + "\n    ]]>\n  </send>\n"
    }

    /// The ACK an INVITE's final response calls for.
    static func ackIfInvite(_ method: String, _ status: Int) -> String {
        method == "INVITE" && status >= 200 ? "  <recv request=\"ACK\" />\n" : ""
    }

    /// Keeps the call (and SIPp's retransmission handling) alive for `duration`.
    static func linger(_ duration: Duration) -> String {
        let ms = milliseconds(duration)
        return ms > 0 ? "  <timewait milliseconds=\"\(ms)\" />\n" : ""
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds) * 1000 + Int(duration.components.attoseconds / 1_000_000_000_000_000)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Trying"
        case 180: "Ringing"
        case 200: "OK"
        case 404: "Not Found"
        case 486: "Busy Here"
        case 500: "Server Internal Error"
        case 503: "Service Unavailable"
        case 603: "Decline"
        default: "Status \(status)"
        }
    }
}
