/// Netstrings (`LEN:BYTES,`), the framing of baresip's ctrl_tcp module.
enum Netstring {
    struct FramingError: Error, Equatable, CustomStringConvertible {
        let offset: Int
        let reason: String
        var description: String { "netstring: \(reason) at byte \(offset)" }
    }

    /// The largest payload accepted; baresip's events are a few hundred bytes.
    static let maximumLength = 1 << 20

    static func encode(_ payload: [UInt8]) -> [UInt8] {
        Array("\(payload.count):".utf8) + payload + [UInt8(ascii: ",")]
    }

    /// Removes every complete netstring from the front of `buffer` and returns their
    /// payloads; an incomplete one stays in `buffer` for the next read.
    static func decode(_ buffer: inout [UInt8]) throws -> [[UInt8]] {
        var payloads: [[UInt8]] = []
        var start = 0
        while start < buffer.count {
            var i = start
            var length = 0
            while i < buffer.count, let digit = digitValue(buffer[i]) {
                length = length * 10 + digit
                guard length <= maximumLength else { throw FramingError(offset: i, reason: "length too large") }
                i += 1
            }
            guard i < buffer.count else { break }  // still reading the length
            guard i > start, buffer[i] == UInt8(ascii: ":") else {
                throw FramingError(offset: i, reason: "expected digits and ':'")
            }
            let body = i + 1
            guard body + length < buffer.count else { break }  // payload or ',' not here yet
            guard buffer[body + length] == UInt8(ascii: ",") else {
                throw FramingError(offset: body + length, reason: "expected ','")
            }
            payloads.append(Array(buffer[body..<body + length]))
            start = body + length + 1
        }
        buffer.removeFirst(start)
        return payloads
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
