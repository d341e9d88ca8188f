/// `a=fmtp:<format> <parameters>` (RFC 8866 §6.15). The parameter text is kept exactly;
/// `parameters` reads it as the `key=value;…` list most codecs use.
public struct FormatParameters: Hashable, Sendable {
    public var format: String
    public var rawParameters: String

    public init(format: String, rawParameters: String) {
        self.format = format
        self.rawParameters = rawParameters
    }

    /// One `;`-separated item: `key=value`, or a bare word such as telephone-event's `0-16`.
    public struct Parameter: Hashable, Sendable {
        public var name: String
        public var value: String?
        public init(name: String, value: String?) {
            self.name = name
            self.value = value
        }
    }

    /// The parameters in order; empty items are skipped.
    public var parameters: [Parameter] {
        rawParameters.split(separator: ";").compactMap { item in
            let t = item.trimmingSpaces
            guard !t.isEmpty else { return nil }
            if let eq = t.firstIndex(of: "=") {
                return Parameter(
                    name: String(t[..<eq]).trimmingSpaces,
                    value: String(t[t.index(after: eq)...]).trimmingSpaces)
            }
            return Parameter(name: t, value: nil)
        }
    }

    /// The value of the first parameter named `name` (case-insensitive).
    public func value(of name: String) -> String? {
        let wanted = name.lowercased()
        return parameters.first { $0.name.lowercased() == wanted }?.value
    }

    /// The payload type when the format is one (RTP profiles).
    public var payloadType: UInt8? { UInt8(format).flatMap { $0 <= 127 ? $0 : nil } }

    var value: String { rawParameters.isEmpty ? format : "\(format) \(rawParameters)" }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
