/// Splits vCard bytes into logical lines, one at a time so memory stays at one line:
/// physical lines end in CRLF or LF; a line that starts with a space or tab continues
/// the one before (RFC 6350 §3.2); a vCard 2.1 quoted-printable value ending in "="
/// continues on the next line. Blank lines are skipped. Lines longer than
/// `maximumLength` are cut there and flagged.
struct VCardLines: Sequence, IteratorProtocol {
    struct Line: Equatable {
        /// 1-based number of the physical line it starts on.
        var number: Int
        var bytes: [UInt8]
        /// The line was longer than the limit; `bytes` holds only its start.
        var truncated: Bool
    }

    static let defaultMaximumLength = 256 * 1024

    private let data: [UInt8]
    private let maximumLength: Int
    private var position: Int
    private var physicalNumber = 0
    /// The first physical line of the next logical line, already read.
    private var pending: (number: Int, range: Range<Int>)?

    init(_ data: [UInt8], maximumLength: Int = defaultMaximumLength) {
        self.data = data
        self.maximumLength = maximumLength
        // A UTF-8 byte order mark is not part of the first line.
        position = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    mutating func next() -> Line? {
        while true {
            guard let start = pending ?? readPhysical() else { return nil }
            pending = nil
            var line = Line(number: start.number, bytes: [], truncated: false)
            append(start.range, to: &line)
            while let following = readPhysical() {
                if let first = following.range.first.map({ data[$0] }),
                   first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
                    append(following.range.dropFirst(), to: &line)
                } else if continuesQuotedPrintable(line) {
                    line.bytes.removeLast()  // the soft line break "="
                    append(following.range, to: &line)
                } else {
                    pending = following
                    break
                }
            }
            if !line.bytes.isEmpty || line.truncated { return line }
        }
    }

    /// The next physical line without its line end, or nil at the end of the data.
    private mutating func readPhysical() -> (number: Int, range: Range<Int>)? {
        guard position < data.count else { return nil }
        physicalNumber += 1
        let start = position
        var end = start
        while end < data.count, data[end] != UInt8(ascii: "\n") { end += 1 }
        position = end + 1
        if end > start, data[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return (physicalNumber, start..<end)
    }

    private func append(_ range: Range<Int>, to line: inout Line) {
        let room = maximumLength - line.bytes.count
        if range.count > room {
            line.bytes.append(contentsOf: data[range.prefix(Swift.max(room, 0))])
            line.truncated = true
        } else {
            line.bytes.append(contentsOf: data[range])
        }
    }

    /// A vCard 2.1 line whose parameters say QUOTED-PRINTABLE and whose value ends in "=".
    private func continuesQuotedPrintable(_ line: Line) -> Bool {
        guard !line.truncated, line.bytes.last == UInt8(ascii: "=") else { return false }
        guard let colon = line.bytes.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let head = String(decoding: line.bytes[..<colon], as: UTF8.self).uppercased()
        return head.contains("QUOTED-PRINTABLE")
    }
}
