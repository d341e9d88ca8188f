/// One line of the input: its type letter and value, with where it sits.
struct SDPLine {
    var type: UInt8
    /// The bytes after `<type>=`, trailing whitespace removed.
    var value: Bytes
    var number: Int
    var offset: Int
}

/// Splits input into lines the way phones send them: CRLF or bare LF, trailing spaces and
/// tabs ignored, blank lines skipped. Refuses NUL, a CR inside a line, and over-limit input.
enum SDPLineSplitter {
    static func split(_ bytes: [UInt8], limits: SDPLimits) throws(SDPParseError) -> [SDPLine] {
        guard bytes.count <= limits.maxBytes else {
            throw SDPParseError(line: 0, offset: limits.maxBytes,
                                reason: "description is \(bytes.count) bytes, more than the \(limits.maxBytes) accepted")
        }
        var lines: [SDPLine] = []
        var number = 0
        var start = 0
        while start < bytes.count {
            number += 1
            guard number <= limits.maxLines else {
                throw SDPParseError(line: number, offset: start, reason: "more than \(limits.maxLines) lines")
            }
            var end = start
            while end < bytes.count, bytes[end] != ASCII.lf { end += 1 }
            let next = end + 1
            var stop = end
            if stop > start, bytes[stop - 1] == ASCII.cr { stop -= 1 }
            let raw = bytes[start..<stop]
            if let bad = raw.firstIndex(where: { $0 == 0 || $0 == ASCII.cr }) {
                let what = bytes[bad] == 0 ? "NUL byte" : "CR not followed by LF"
                throw SDPParseError(line: number, offset: bad, reason: "\(what) inside a line")
            }
            let line = raw.trimmedEnd
            start = next
            if line.isEmpty { continue }
            guard line.count >= 2, line[line.startIndex + 1] == ASCII.equals else {
                throw SDPParseError(line: number, offset: line.startIndex, reason: "line is not <type>=<value>")
            }
            let type = line[line.startIndex]
            guard type >= 0x61 && type <= 0x7A else {
                throw SDPParseError(line: number, offset: line.startIndex, reason: "line type is not a lowercase letter")
            }
            lines.append(SDPLine(type: type, value: line.dropFirst(2), number: number, offset: line.startIndex))
        }
        return lines
    }
}

extension ArraySlice where Element == UInt8 {
    var trimmedEnd: Bytes {
        var e = endIndex
        while e > startIndex, ASCII.isWhitespace(self[e - 1]) { e -= 1 }
        return self[startIndex..<e]
    }
}
