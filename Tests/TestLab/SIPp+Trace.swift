import Foundation

extension SIPp {
    /// One SIP message SIPp sent or received, from its `-trace_msg` file, with the time
    /// SIPp logged it (microseconds, SIPp's local clock): retransmission intervals on the
    /// wire are differences of these.
    public struct TracedMessage: Sendable, Equatable {
        public enum Direction: String, Sendable { case sent, received }

        /// Seconds since 1970 (as SIPp's local-time stamp reads, taken as UTC).
        public let time: Double
        public let direction: Direction
        /// `UDP`, `TCP`, …
        public let transport: String
        /// The whole message, CRLF line ends.
        public let text: String

        /// The start line: `OPTIONS sip:… SIP/2.0` or `SIP/2.0 200 OK`.
        public var startLine: String {
            String(text.prefix { !$0.isNewline })
        }

        /// The status code of a response, nil for a request.
        public var status: Int? {
            let words = startLine.split(separator: " ")
            guard words.count >= 2, words[0] == "SIP/2.0" else { return nil }
            return Int(words[1])
        }

        /// The method of a request, or the CSeq method of a response.
        public var method: String? {
            if status == nil { return startLine.split(separator: " ").first.map(String.init) }
            return header("CSeq")?.split(separator: " ").last.map(String.init)
        }

        /// The first value of header `name` (case-insensitive, long form only).
        public func header(_ name: String) -> String? {
            for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
                if line.isEmpty { break }
                guard let colon = line.firstIndex(of: ":") else { continue }
                if line[..<colon].trimmingCharacters(in: .whitespaces).caseInsensitiveCompare(name) == .orderedSame {
                    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    /// Parses a `-trace_msg` file: blocks headed by a dashed line with a timestamp
    /// (`YYYY-MM-DD HH:MM:SS.micro`), then `UDP message sent (N bytes):` or
    /// `UDP message received [N] bytes :`, a blank line and the message. Blocks that do not
    /// read so are skipped.
    public static func parseTrace(_ log: String) -> [TracedMessage] {
        let separator = "-----------------------------------------------"
        var messages: [TracedMessage] = []
        for block in log.components(separatedBy: separator + " ").dropFirst() {
            var lines = block.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
            guard lines.count == 3, let time = parseTime(String(lines[0])) else { continue }
            let heading = lines[1].split(separator: " ")
            guard heading.count >= 3, heading[1] == "message" else { continue }
            let direction: TracedMessage.Direction
            switch heading[2] {
            case "sent": direction = .sent
            case "received": direction = .received
            default: continue
            }
            lines[2] = lines[2].drop { $0 == "\n" }
            var text = String(lines[2])
            // SIPp ends each block with a newline of its own after the message's CRLFs.
            if text.unicodeScalars.last == "\n" { text.unicodeScalars.removeLast() }
            messages.append(TracedMessage(time: time, direction: direction, transport: String(heading[0]), text: text))
        }
        return messages
    }

    /// `2026-11-22 04:45:57.125572` as seconds since 1970, read as UTC.
    static func parseTime(_ stamp: String) -> Double? {
        let parts = stamp.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard parts.count >= 2 else { return nil }
        let date = parts[0].split(separator: "-").compactMap { Int($0) }
        let clock = parts[1].split(separator: ":")
        guard date.count == 3, clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]),
              let second = Double(clock[2]) else { return nil }
        return Double(daysFromCivil(year: date[0], month: date[1], day: date[2])) * 86400
            + Double(hour * 3600 + minute * 60) + second
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension SIPp.Result {
    /// Every message SIPp sent and received, in order, with timestamps.
    public var trace: [SIPp.TracedMessage] { SIPp.parseTrace(messages) }

    /// The messages that went `direction` and satisfy `filter`, e.g. every received OPTIONS.
    public func traced(_ direction: SIPp.TracedMessage.Direction,
                       where filter: (SIPp.TracedMessage) -> Bool = { _ in true }) -> [SIPp.TracedMessage] {
        trace.filter { $0.direction == direction && filter($0) }
    }

    /// The seconds between consecutive messages that went `direction` and satisfy `filter`:
    /// for the copies of a retransmitted request with T1 = 500 ms, about [0.5, 1, 2, 4, …].
    public func gaps(_ direction: SIPp.TracedMessage.Direction,
                     where filter: (SIPp.TracedMessage) -> Bool = { _ in true }) -> [Double] {
        let times = traced(direction, where: filter).map(\.time)
        return zip(times.dropFirst(), times).map { $0 - $1 }
    }

    /// The cumulative value of `counter` in the last row of the statistics CSV, e.g.
    /// `SuccessfulCall`, `FailedCall`, `Retransmissions`, `OutOfCallMsgs` (the `(C)` column).
    public func cumulative(_ counter: String) -> Int? {
        let rows = statistics.split(whereSeparator: \.isNewline).map { $0.split(separator: ";", omittingEmptySubsequences: false) }
        guard let header = rows.first, let last = rows.last, rows.count >= 2,
              let column = header.firstIndex(where: { $0 == "\(counter)(C)" }), column < last.count else { return nil }
        return Int(last[column].trimmingCharacters(in: .whitespaces))
    }
}
