import TestLab

/// SIPp playing a registrar that answers REGISTERs in scripted ways (UDP). Every REGISTER
/// of an account shares one Call-ID, so SIPp sees them all as one call.
enum RegistrarScenarios {
    static let receive = "  <recv request=\"REGISTER\" />\n"

    /// A response to the last REGISTER: `status reason`, then `lines` (Contact, Expires, …).
    static func respond(_ status: Int, _ reason: String, _ lines: [String] = [], via: String = "[last_Via:]") -> String {
        let all = ["SIP/2.0 \(status) \(reason)", via, "[last_From:]", "[last_To:];tag=[pid]SIPpTag01[call_number]",
                   "[last_Call-ID:]", "[last_CSeq:]"] + lines + ["Content-Length: 0"]
        return "  <send>\n    <![CDATA[\n" + all.map { "      \($0)\n" }.joined() + "\n    ]]>\n  </send>\n"
    }

    static func scenario(_ name: String, _ steps: [String]) -> SIPp.Scenario {
        .xml("""
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="\(name)">
            \(steps.joined())</scenario>

            """)
    }

    /// 423 with Min-Expires 120, then 200 for the retry and for the unregistration.
    static let minExpires = scenario("423 Min-Expires", [
        receive, respond(423, "Interval Too Brief", ["Min-Expires: 120"]),
        receive, respond(200, "OK", ["[last_Contact:];expires=120"]),
        receive, respond(200, "OK"),
    ])

    /// One final answer and nothing more.
    static func only(_ status: Int, _ reason: String) -> SIPp.Scenario {
        scenario("\(status) only", [receive, respond(status, reason)])
    }

    /// 503 with Retry-After 1, then 200 for the retry and for the unregistration.
    static let retryAfter = scenario("503 Retry-After", [
        receive, respond(503, "Service Unavailable", ["Retry-After: 1"]),
        receive, respond(200, "OK", ["Expires: 60"]),
        receive, respond(200, "OK"),
    ])

    /// 200s that list another device's binding and grant our contact 2 s (while the Expires
    /// header says 600): a refresh, then the unregistration.
    static let shortGrantWithAnotherContact = scenario("short grant, other contact", [
        receive, respond(200, "OK", ["Contact: <sip:alice@10.9.9.9:5099>;expires=3000", "[last_Contact:];expires=2", "Expires: 600"]),
        receive, respond(200, "OK", ["Contact: <sip:alice@10.9.9.9:5099>;expires=2998", "[last_Contact:];expires=2", "Expires: 600"]),
        receive, respond(200, "OK", ["Contact: <sip:alice@10.9.9.9:5099>;expires=2996"]),
    ])

    /// 200s whose Via says the request came from 192.0.2.7 (a NAT in between).
    static let natRebinding = scenario("NAT rebinding", [
        receive, respond(200, "OK", ["Expires: 60"], via: "[last_Via:];received=192.0.2.7"),
        receive, respond(200, "OK", ["Expires: 60"], via: "[last_Via:];received=192.0.2.7"),
        receive, respond(200, "OK", [], via: "[last_Via:];received=192.0.2.7"),
    ])

    /// 200 for the registration, then silence: the unregistration gets no answer.
    static let silentOnUnregister = scenario("silent on unregister", [
        receive, respond(200, "OK", ["Expires: 60"]),
        receive, "  <pause milliseconds=\"4000\" />\n",
    ])
}
