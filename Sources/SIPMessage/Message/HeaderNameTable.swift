/// The header names this module knows: their canonical spelling (as RFC 3261 and its
/// extensions write them), compact forms, and whether their values may be comma-split.
///
/// A name is identified once, at parse time, as an index into `canonical` (or `unknown`),
/// so later lookups compare small integers instead of strings.
enum HeaderNameTable {
    /// Index of a header this module does not know.
    static let unknown: Int16 = -1

    static let canonical: [String] = [
        "Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language",
        "Accept-Resource-Priority", "Alert-Info", "Allow", "Allow-Events", "Answer-Mode",
        "Authentication-Info", "Authorization", "Call-ID", "Call-Info", "Contact",
        "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length",
        "Content-Type", "CSeq", "Date", "Error-Info", "Event", "Expires", "Flow-Timer", "From",
        "History-Info", "Identity", "Identity-Info", "In-Reply-To", "Join", "Max-Forwards",
        "MIME-Version", "Min-Expires", "Min-SE", "Organization", "P-Asserted-Identity",
        "P-Preferred-Identity", "Path", "Priority", "Privacy", "Proxy-Authenticate",
        "Proxy-Authorization", "Proxy-Require", "RAck", "Reason", "Record-Route", "Refer-Sub",
        "Refer-To", "Referred-By", "Reject-Contact", "Replaces", "Reply-To",
        "Request-Disposition", "Require", "Resource-Priority", "Retry-After", "Route", "RSeq",
        "Security-Client", "Security-Server", "Security-Verify", "Server", "Service-Route",
        "Session-Expires", "SIP-ETag", "SIP-If-Match", "Subject", "Subscription-State",
        "Supported", "Target-Dialog", "Timestamp", "To", "Unsupported", "User-Agent", "Via",
        "Warning", "WWW-Authenticate",
    ]

    /// Compact forms (RFC 3261 §20 and extensions) to the long form they stand for.
    static let compact: [(UInt8, String)] = [
        (UInt8(ascii: "a"), "Accept-Contact"), (UInt8(ascii: "b"), "Referred-By"),
        (UInt8(ascii: "c"), "Content-Type"), (UInt8(ascii: "d"), "Request-Disposition"),
        (UInt8(ascii: "e"), "Content-Encoding"), (UInt8(ascii: "f"), "From"),
        (UInt8(ascii: "i"), "Call-ID"), (UInt8(ascii: "j"), "Reject-Contact"),
        (UInt8(ascii: "k"), "Supported"), (UInt8(ascii: "l"), "Content-Length"),
        (UInt8(ascii: "m"), "Contact"), (UInt8(ascii: "o"), "Event"),
        (UInt8(ascii: "r"), "Refer-To"), (UInt8(ascii: "s"), "Subject"),
        (UInt8(ascii: "t"), "To"), (UInt8(ascii: "u"), "Allow-Events"),
        (UInt8(ascii: "v"), "Via"), (UInt8(ascii: "x"), "Session-Expires"),
        (UInt8(ascii: "y"), "Identity"),
    ]

    /// Headers whose values are never split at commas: the grammar is not a list, or a
    /// comma may legally appear inside one value (auth parameters, dates, user agents).
    static let singleValuedNames: [String] = [
        "WWW-Authenticate", "Authorization", "Proxy-Authenticate", "Proxy-Authorization",
        "Authentication-Info", "Date", "Call-ID", "CSeq", "Content-Length", "Content-Type",
        "From", "To", "Max-Forwards", "Expires", "Min-Expires", "Subject", "User-Agent",
        "Server", "Timestamp", "Organization", "Priority", "Reply-To", "MIME-Version",
        "Content-Disposition", "Session-Expires", "Min-SE", "RSeq", "RAck", "Event",
        "Subscription-State", "Refer-To", "Referred-By", "Replaces", "Retry-After", "Identity",
        "Identity-Info", "SIP-ETag", "SIP-If-Match", "Join", "Target-Dialog", "Refer-Sub",
        "Flow-Timer", "Answer-Mode",
    ]

    static let contentLength: Int16 = id(of: "Content-Length")
    static let contentType: Int16 = id(of: "Content-Type")

    /// All lower-cased canonical names, concatenated; `nameStart[i]..<nameStart[i + 1]`
    /// is name `i`. Flat tables keep the per-field lookup free of nested-array traffic.
    private static let loweredFlat: [UInt8] = canonical.flatMap { $0.utf8.map(WireByte.lower) }
    private static let nameStart: [Int] = canonical.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.utf8.count) }

    /// Canonical indices sorted by name length; `lengthStart[n]..<lengthStart[n + 1]` holds
    /// the names of length `n`, so a lookup compares only a few candidates.
    private static let maxLength = 32
    private static let byLength: [Int16] = (0..<canonical.count)
        .sorted { canonical[$0].utf8.count < canonical[$1].utf8.count }
        .map { Int16($0) }
    private static let lengthStart: [Int] = (0...maxLength).map { n in
        byLength.firstIndex { canonical[Int($0)].utf8.count >= n } ?? byLength.count
    }

    /// Compact letter (lower-case) to canonical index; `unknown` where none.
    private static let compactTable: [Int16] = {
        var table = [Int16](repeating: unknown, count: 128)
        for (letter, long) in compact {
            if let i = canonical.firstIndex(of: long) { table[Int(letter)] = Int16(i) }
        }
        return table
    }()

    private static let singleValued: [Bool] = canonical.map { singleValuedNames.contains($0) }

    /// Identifies the name in `bytes[range]` (case-insensitive, compact forms folded).
    static func id(in bytes: [UInt8], _ range: Range<Int>) -> Int16 {
        let n = range.count
        if n == 1 {
            let c = WireByte.lower(bytes[range.lowerBound])
            return c < 128 ? compactTable[Int(c)] : unknown
        }
        guard n > 0, n < maxLength else { return unknown }
        let flat = loweredFlat
        let starts = nameStart
        for slot in lengthStart[n]..<lengthStart[n + 1] {
            let candidate = byLength[slot]
            var k = starts[Int(candidate)]
            var i = range.lowerBound
            while i < range.upperBound, WireByte.lower(bytes[i]) == flat[k] {
                k += 1
                i += 1
            }
            if i == range.upperBound { return candidate }
        }
        return unknown
    }

    static func id(of name: String) -> Int16 {
        let bytes = Array(name.utf8)
        return id(in: bytes, 0..<bytes.count)
    }

    static func isSingleValued(_ id: Int16) -> Bool {
        id >= 0 && singleValued[Int(id)]
    }

    /// Case-insensitive equality of two names given as bytes (for unknown names).
    static func equalIgnoringCase(_ a: [UInt8], _ ra: Range<Int>, _ b: [UInt8], _ rb: Range<Int>) -> Bool {
        guard ra.count == rb.count else { return false }
        var i = ra.lowerBound
        var j = rb.lowerBound
        while i < ra.upperBound {
            if WireByte.lower(a[i]) != WireByte.lower(b[j]) { return false }
            i += 1
            j += 1
        }
        return true
    }
}
