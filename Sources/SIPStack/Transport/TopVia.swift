import SIPMessage

/// Reading and rewriting the topmost Via value of a message, whether it is the only value
/// of the first Via field or the first element of a comma-separated list.
enum TopVia {
    /// The index of the first Via field and its list elements.
    static func locate(_ headers: SIPHeaders) -> (index: Int, elements: [Substring])? {
        guard let index = headers.firstIndex(where: { $0.hasName("Via") }) else { return nil }
        let elements = SIPHeaders([headers[index]]).values("Via")
        guard !elements.isEmpty else { return nil }
        return (index, elements)
    }

    /// The parsed top Via, or nil when absent or unparseable.
    static func read(_ message: SIPMessage) -> Via? {
        guard let (_, elements) = locate(message.headers), let first = elements.first else { return nil }
        return try? Via.parse(first)
    }

    /// Replaces the top Via value with `via`, keeping any further values of the same field.
    static func replace(in message: inout SIPMessage, with via: Via) {
        var headers = message.headers
        guard let (index, elements) = locate(headers) else { return }
        let value = ([via.description] + elements.dropFirst().map(String.init)).joined(separator: ", ")
        headers.remove(at: index)
        headers.insert(SIPHeaderField(name: "Via", value: value), at: index)
        message.headers = headers
    }
}
