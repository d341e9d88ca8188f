/// The message as pipit understands it, for people reading diagnostics: every header
/// under its full name, one list element per line, each known value re-rendered by its
/// typed parser (so odd spacing and escapes show as pipit reads them), values that do not
/// parse kept as received, a Content-Length that matches the body, and the body's bytes
/// exactly (binary parts included).
extension SIPMessage {
    public var normalizedBytes: [UInt8] {
        var out = startLine + "\n"
        for field in headers where field.canonicalName != "Content-Length" {
            let name = field.canonicalName
            let elements = HeaderValueRule.named(name).flatMap { try? $0.parse(field.value[...]) }
            for element in elements ?? [field.value] {
                out += "\(name): \(element)\n"
            }
        }
        out += "Content-Length: \(body.count)\n\n"
        return Array(out.utf8) + body
    }

    private var startLine: String {
        switch self {
        case .request(let r): "\(r.method.rawValue) \(r.requestURI) \(r.version)"
        case .response(let r): "\(r.version) \(r.statusCode) \(r.reasonPhrase)"
        }
    }
}
