/// Field-level reading for one line, with errors that name the line and the byte.
struct FieldReader {
    let lineNumber: Int
    /// Where the line starts, for errors about something missing from it.
    var lineOffset = 0

    func error(at offset: Int, _ reason: String) -> SDPParseError {
        SDPParseError(line: lineNumber, offset: offset, reason: reason)
    }

    /// An attribute's value, which must be present.
    func value(_ value: Bytes?, _ name: String) throws(SDPParseError) -> Bytes {
        guard let value, !value.trimmed.isEmpty else {
            throw error(at: value?.startIndex ?? lineOffset, "a=\(name) needs a value")
        }
        return value
    }

    /// A flag attribute must not carry a value: `a=rtcp-mux:1` means something we do not know.
    func noValue(_ value: Bytes?, _ name: String) throws(SDPParseError) {
        if let value { throw error(at: value.startIndex, "a=\(name) takes no value") }
    }

    func number<T: FixedWidthInteger & UnsignedInteger>(
        _ bytes: Bytes, _ type: T.Type, _ what: String
    ) throws(SDPParseError) -> T {
        guard let v = bytes.decimal, v <= UInt64(T.max) else {
            throw error(at: bytes.startIndex, "\(what) is not a number in 0…\(T.max)")
        }
        return T(v)
    }

    func port(_ bytes: Bytes) throws(SDPParseError) -> UInt16 {
        try number(bytes, UInt16.self, "port")
    }

    func token(_ bytes: Bytes, _ what: String) throws(SDPParseError) -> String {
        guard bytes.isToken else { throw error(at: bytes.startIndex, "\(what) is not a token") }
        return bytes.text
    }

    /// Exactly `count` fields, or an error naming what the line should look like.
    func fields(_ bytes: Bytes, _ range: ClosedRange<Int>, _ shape: String) throws(SDPParseError) -> [Bytes] {
        let f = bytes.fields
        guard range.contains(f.count) else {
            throw error(at: bytes.startIndex, "expected \(shape)")
        }
        return f
    }
}
