/// The `message/sipfrag` bodies of REFER's NOTIFYs (RFC 3420, RFC 3515 §2.4.5): a status
/// line, possibly followed by headers we ignore.
public enum SipFrag {
    public static let contentType = "message/sipfrag;version=2.0"

    /// The status code and reason of a sipfrag's first line, or nil when it is no status
    /// line. Reads at most the first line; never traps on hostile bytes.
    public static func status(of body: [UInt8]) -> (code: Int, reason: String)? {
        let line = body.prefix { $0 != 0x0D && $0 != 0x0A }.prefix(512)
        let text = String(decoding: line, as: UTF8.self)
        let words = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard words.count >= 2, words[0].uppercased() == "SIP/2.0", words[1].count == 3,
              let code = Int(words[1]), (100...699).contains(code) else { return nil }
        return (code, words.count > 2 ? String(words[2]) : "")
    }

    /// `SIP/2.0 200 OK` as a body.
    public static func body(code: Int, reason: String) -> [UInt8] {
        Array("SIP/2.0 \(code) \(reason)\r\n".utf8)
    }
}
