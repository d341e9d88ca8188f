/// A `message-summary` body (RFC 3842 §5.2): whether messages wait, the voicemail
/// account, and the new/old counts of voice messages. Pure; hostile input gives nil or
/// partial values, never a trap.
///
///     Messages-Waiting: yes
///     Message-Account: sip:*97@example.com
///     Voice-Message: 2/8 (0/2)
public struct MessageSummary: Sendable, Equatable {
    public var waiting: Bool
    /// Where voicemail is (the `voicemail` command calls it).
    public var account: String?
    public var newMessages: Int
    public var oldMessages: Int
    public var newUrgent: Int
    public var oldUrgent: Int

    public init(waiting: Bool, account: String? = nil, newMessages: Int = 0, oldMessages: Int = 0,
                newUrgent: Int = 0, oldUrgent: Int = 0) {
        self.waiting = waiting
        self.account = account
        self.newMessages = newMessages
        self.oldMessages = oldMessages
        self.newUrgent = newUrgent
        self.oldUrgent = oldUrgent
    }

    public static let contentType = "application/simple-message-summary"

    /// Reads a body; nil when it has no `Messages-Waiting` line.
    public static func parse(_ body: [UInt8]) -> MessageSummary? {
        let text = String(decoding: body.prefix(8192), as: UTF8.self)
        var summary: MessageSummary?
        var account: String?
        var counts: (Int, Int, Int, Int)?
        for line in text.split(whereSeparator: \.isNewline).prefix(200) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].filter { $0 != " " && $0 != "\t" }.lowercased()
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            switch name {
            case "messages-waiting":
                summary = MessageSummary(waiting: value.lowercased().hasPrefix("yes"))
            case "message-account":
                account = String(value.prefix(256)).filter { $0 != " " && $0 != "\t" }
            case "voice-message":
                counts = Self.counts(String(value))
            default:
                continue
            }
        }
        guard var summary else { return nil }
        summary.account = account
        if let (new, old, newUrgent, oldUrgent) = counts {
            (summary.newMessages, summary.oldMessages, summary.newUrgent, summary.oldUrgent) = (new, old, newUrgent, oldUrgent)
        }
        return summary
    }

    /// `2/8 (0/2)` → (2, 8, 0, 2); the urgent part is optional.
    static func counts(_ text: String) -> (Int, Int, Int, Int)? {
        let numbers = text.split(whereSeparator: { !$0.isNumber }).prefix(4).map { Int($0.prefix(9)) ?? 0 }
        guard numbers.count >= 2, text.contains("/") else { return nil }
        return (numbers[0], numbers[1], numbers.count > 2 ? numbers[2] : 0, numbers.count > 3 ? numbers[3] : 0)
    }
}
