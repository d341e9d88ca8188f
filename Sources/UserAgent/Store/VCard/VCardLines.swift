/// Splits vCard bytes into logical lines: physical lines end in CRLF or LF; a line that
/// starts with a space or tab continues the one before (RFC 6350 §3.2); a vCard 2.1
/// quoted-printable value ending in "=" continues on the next line. Lines longer than
/// `maximumLength` are cut there and flagged, so memory stays bounded.
struct VCardLines {
    struct Line: Equatable {
        /// 1-based number of the physical line it starts on.
        var number: Int
        var bytes: [UInt8]
        /// The line was longer than the limit; `bytes` holds only its start.
        var truncated: Bool
    }

    static let defaultMaximumLength = 256 * 1024

    static func split(_ data: [UInt8], maximumLength: Int = defaultMaximumLength) -> [Line] {
        var lines: [Line] = []
        var current: Line?
        var physicalNumber = 0
        var start = 0
        while start < data.count {
            physicalNumber += 1
            var end = start
            while end < data.count, data[end] != UInt8(ascii: "\n") { end += 1 }
            var contentEnd = end
            if contentEnd > start, data[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let physical = data[start..<contentEnd]
            start = end + 1

            if var line = current, let first = physical.first,
               first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
                append(physical.dropFirst(), to: &line, maximumLength: maximumLength)
                current = line
            } else if var line = current, continuesQuotedPrintable(line) {
                line.bytes.removeLast()  // the soft line break "="
                append(physical, to: &line, maximumLength: maximumLength)
                current = line
            } else {
                if let line = current { lines.append(line) }
                var line = Line(number: physicalNumber, bytes: [], truncated: false)
                append(physical, to: &line, maximumLength: maximumLength)
                current = line
            }
        }
        if let line = current { lines.append(line) }
        return lines.filter { !$0.bytes.isEmpty || $0.truncated }
    }

    private static func append(_ bytes: ArraySlice<UInt8>, to line: inout Line, maximumLength: Int) {
        let room = maximumLength - line.bytes.count
        if bytes.count > room {
            line.bytes.append(contentsOf: bytes.prefix(max(room, 0)))
            line.truncated = true
        } else {
            line.bytes.append(contentsOf: bytes)
        }
    }

    /// A vCard 2.1 line whose parameters say QUOTED-PRINTABLE and whose value ends in "=".
    private static func continuesQuotedPrintable(_ line: Line) -> Bool {
        guard !line.truncated, line.bytes.last == UInt8(ascii: "=") else { return false }
        guard let colon = line.bytes.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let head = String(decoding: line.bytes[..<colon], as: UTF8.self).uppercased()
        return head.contains("QUOTED-PRINTABLE")
    }
}
