import Foundation

/// Ready-made SIPp client scenarios (UAC): requests to `[service]@remote` (set the user
/// with `-s`), for load and for server-transaction tests. For UDP.
extension SIPp.Scenario {
    /// (f) One `method` request per call, retransmitted from `t1` (doubling up to T2) until
    /// answered; an optional 100, then `expect`; then `linger` (to see duplicates). For a
    /// load, start it with `calls:` (`-m`) and `arguments: SIPp.load(rate:limit:)`.
    public static func requestClient(method: String = "OPTIONS", expect: Int = 200, t1: Duration = .milliseconds(500),
                                     linger: Duration = .zero) -> Self {
        let body = SIPpXML.request(method, cseq: 1, branch: "[branch]", retrans: t1)
            + "  <recv response=\"100\" optional=\"true\" />\n"
            + "  <recv response=\"\(expect)\" />\n" + SIPpXML.linger(linger)
        return .xmlWithOptions(SIPpXML.scenario("\(method) client", body), options: [])
    }

    /// (g) Sends the same `method` request (same branch, byte for byte) `copies` times,
    /// `interval` apart, expecting `expect` to each: the first answer from the server's TU,
    /// the others the server transaction's retransmissions of it (RFC 3261 §17.2.2: the
    /// request is absorbed, the TU sees it once). Runs with `-nr` so that SIPp neither
    /// retransmits on its own nor absorbs the repeated answers.
    public static func retransmittingClient(copies: Int, interval: Duration, method: String = "OPTIONS",
                                            expect: Int = 200) -> Self {
        let send = SIPpXML.request(method, cseq: 1, branch: SIPpXML.fixedBranch("copy"))
        let copy = send + "  <recv response=\"100\" optional=\"true\" />\n" + "  <recv response=\"\(expect)\" />\n"
        let pause = "  <pause milliseconds=\"\(SIPpXML.milliseconds(interval))\" />\n"
        let body = Array(repeating: copy, count: max(1, copies)).joined(separator: pause)
        return .xmlWithOptions(SIPpXML.scenario("\(copies) copies of one \(method)", body), options: ["-nr"])
    }

    /// An INVITE client (with an SDP offer) that expects `expect` as final response and
    /// ACKs it: a non-2xx ACK in the INVITE's transaction, a 2xx ACK as a new one to the
    /// Contact; then, for a 2xx and `bye`, a BYE answered 200. With `ignoringFirst` > 0 it
    /// does not ACK the first copies of the final response (runs with `-nr`, so that it
    /// also does not retransmit the INVITE): the server must retransmit its response.
    public static func inviteClient(expect: Int = 200, ignoringFirst: Int = 0, t1: Duration = .milliseconds(500),
                                    bye: Bool = false) -> Self {
        let inviteBranch = SIPpXML.fixedBranch("invite")
        var body = SIPpXML.request("INVITE", cseq: 1, branch: inviteBranch, retrans: t1, sdp: true)
            + "  <recv response=\"100\" optional=\"true\" />\n"
            + "  <recv response=\"180\" optional=\"true\" />\n"
            + String(repeating: "  <recv response=\"\(expect)\" />\n", count: max(0, ignoringFirst))
            + "  <recv response=\"\(expect)\" rrs=\"true\" />\n"
        if expect >= 300 {
            body += SIPpXML.inDialog("ACK", cseq: 1, branch: inviteBranch, uri: "sip:[service]@[remote_ip]:[remote_port]")
        } else {
            body += SIPpXML.inDialog("ACK", cseq: 1, branch: SIPpXML.fixedBranch("ack"), uri: "[next_url]")
            if bye {
                body += SIPpXML.inDialog("BYE", cseq: 2, branch: SIPpXML.fixedBranch("bye"), uri: "[next_url]",
                                         retrans: t1)
                    + "  <recv response=\"200\" />\n"
            }
        }
        return .xmlWithOptions(SIPpXML.scenario("INVITE client expecting \(expect)", body),
                               options: ignoringFirst > 0 ? ["-nr"] : [])
    }
}

extension SIPp {
    /// SIPp options for a load: `rate` new calls per `period` (`-r`, `-rp`), at most `limit`
    /// calls at once (`-l`). Give the number of calls as `calls:` (`-m`).
    public static func load(rate: Int, period: Duration = .seconds(1), limit: Int? = nil) -> [String] {
        ["-r", "\(rate)", "-rp", "\(SIPpXML.milliseconds(period))"] + (limit.map { ["-l", "\($0)"] } ?? [])
    }
}

extension SIPpXML {
    /// A branch that is the same in every message of one call that uses `name`.
    static func fixedBranch(_ name: String) -> String { "z9hG4bK-[pid]-[call_number]-\(name)" }

    /// A new request of the call, outside any dialog.
    static func request(_ method: String, cseq: Int, branch: String, retrans: Duration? = nil, sdp: Bool = false) -> String {
        var lines = [
            "\(method) sip:[service]@[remote_ip]:[remote_port] SIP/2.0",
            "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=\(branch);rport",
            "Max-Forwards: 70",
            "From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]",
            "To: <sip:[service]@[remote_ip]:[remote_port]>",
            "Call-ID: [call_id]",
            "CSeq: \(cseq) \(method)",
            "Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>",
        ]
        lines += sdp ? ["Content-Type: application/sdp"] : []
        lines += ["Content-Length: [len]"] + (sdp ? [""] + SIPpXML.sdp : [])
        return message(lines, attributes: retrans.map { " retrans=\"\(milliseconds($0))\"" } ?? "")
    }

    /// A request inside the dialog the last response set up (its To tag), sent straight to
    /// the peer: the lab's SIPp talks to its peer directly, with no Record-Route to follow.
    static func inDialog(_ method: String, cseq: Int, branch: String, uri: String, retrans: Duration? = nil) -> String {
        message([
            "\(method) \(uri) SIP/2.0",
            "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=\(branch);rport",
            "Max-Forwards: 70",
            "From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]",
            "[last_To:]",
            "Call-ID: [call_id]",
            "CSeq: \(cseq) \(method)",
            "Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>",
            "Content-Length: 0",
        ], attributes: retrans.map { " retrans=\"\(milliseconds($0))\"" } ?? "")
    }
}
