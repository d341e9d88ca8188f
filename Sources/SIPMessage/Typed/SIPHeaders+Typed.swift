/// Typed access to header values: the message layer keeps raw fields; these parse them
/// on demand with the value parsers, reporting offsets within the whole message.
extension SIPHeaders {
    /// The first field named `name`, parsed as one `T`; `nil` when absent.
    public func parsed<T: SIPValueParsable>(_ name: String, as type: T.Type = T.self) throws(SIPParseError) -> T? {
        guard let field = field(name) else { return nil }
        do {
            return try T.parse(field.value[...])
        } catch {
            throw error.shifted(by: field.valueOffset)
        }
    }

    /// Every element of every field named `name` (comma-separated lists and repeated
    /// fields alike), parsed as `T`, in order.
    public func parsedList<T: SIPValueParsable>(_ name: String, as type: T.Type = T.self) throws(SIPParseError) -> [T] {
        var out: [T] = []
        for field in fields(named: name) {
            do {
                out += try T.parseList(field.value[...])
            } catch {
                throw error.shifted(by: field.valueOffset)
            }
        }
        return out
    }
}

extension SIPHeaderField {
    /// Where the value starts in the parsed message (0 for fields built in code), so value
    /// parser offsets can be reported as message offsets.
    var valueOffset: Int { offset == nil ? 0 : valueRange.lowerBound }
}
