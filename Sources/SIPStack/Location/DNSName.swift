/// Domain names as the codec handles them: lower-cased text without the trailing dot,
/// `"."` for the root.
enum DNSName {
    static let maxWireLength = 255
    static let maxLabelLength = 63
    /// 255 bytes hold at most 127 one-byte labels.
    static let maxLabels = 127

    /// Lower-cases ASCII and drops one trailing dot (`Example.COM.` → `example.com`).
    static func normalized(_ name: String) -> String {
        var text = name.lowercased()
        if text.count > 1, text.hasSuffix(".") { text.removeLast() }
        return text.isEmpty ? "." : text
    }

    /// The uncompressed wire form: length-prefixed labels and a zero byte.
    static func encode(_ name: String) throws(DNSEncodeError) -> [UInt8] {
        let text = normalized(name)
        guard text != "." else { return [0] }
        var out: [UInt8] = []
        for label in text.split(separator: ".", omittingEmptySubsequences: false) {
            let bytes = Array(label.utf8)
            guard !bytes.isEmpty else { throw DNSEncodeError(name: name, reason: "empty label") }
            guard bytes.count <= maxLabelLength else { throw DNSEncodeError(name: name, reason: "label over 63 bytes") }
            out.append(UInt8(bytes.count))
            out += bytes
        }
        out.append(0)
        guard out.count <= maxWireLength else { throw DNSEncodeError(name: name, reason: "name over 255 bytes") }
        return out
    }
}
