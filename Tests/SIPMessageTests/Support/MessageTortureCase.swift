import Testing

@testable import SIPMessage

/// What RFC 4475 (and RFC 5118) say about a message, as far as this layer is concerned.
enum MessageVerdict: Sendable, CustomStringConvertible {
    /// Well-formed; parses and round-trips.
    case parses
    /// The message parser itself must refuse it, with this kind of error.
    case rejects(SIPParseError.Kind)
    /// Parses at the message layer; the fault is inside this header's (or the
    /// Request-URI's) value, which the typed value parsers must detect.
    case parsesButValueInvalid(String)
    /// Syntactically fine; wrong at the transaction or application layer (the reason says how).
    case parsesButSemanticallyInvalid(String)
    /// Well-formed for this layer; the transaction layer must treat it specially.
    case parsesButTransactionInvalid(String)

    var parses: Bool {
        if case .rejects = self { return false }
        return true
    }

    var description: String {
        switch self {
        case .parses: "parses"
        case .rejects(let kind): "rejects(\(kind))"
        case .parsesButValueInvalid(let header): "parsesButValueInvalid(\(header))"
        case .parsesButSemanticallyInvalid(let why): "parsesButSemanticallyInvalid(\(why))"
        case .parsesButTransactionInvalid(let why): "parsesButTransactionInvalid(\(why))"
        }
    }
}

struct MessageTortureCase: Sendable, CustomTestStringConvertible {
    var name: String
    var section: String
    var verdict: MessageVerdict
    /// Whether serialization reproduces the datagram byte-for-byte (false where the parser
    /// legitimately drops bytes past Content-Length or adds a missing Content-Length).
    var exactRoundTrip = true

    var testDescription: String { "\(section) \(name): \(verdict)" }
}

/// Shared by the RFC 4475 and RFC 5118 suites.
func checkMessageVerdict(_ c: MessageTortureCase, _ bytes: [UInt8]) throws {
    switch c.verdict {
    case .rejects(let kind):
        let error = coreParseError(bytes)
        let e = try #require(error, "\(c.name) must be rejected")
        #expect(e.kind == kind, "\(c.name): \(e)")
        #expect(e.offset >= 0 && e.offset <= bytes.count)
    case .parses, .parsesButTransactionInvalid:
        try coreRoundTrip(bytes, exact: c.exactRoundTrip)
        let message = try SIPMessage.parse(bytes)
        #expect(throws: Never.self, "\(c.name) must validate") { try message.validate() }
    case .parsesButValueInvalid(let header):
        try coreRoundTrip(bytes, exact: c.exactRoundTrip)
        let problems = try SIPMessage.parse(bytes).problems
        #expect(problems.contains { $0.header == header }, "\(c.name): \(problems)")
        for problem in problems {
            #expect(problem.offset.map { $0 >= 0 && $0 < bytes.count } ?? true, "\(problem)")
        }
    case .parsesButSemanticallyInvalid:
        try coreRoundTrip(bytes, exact: c.exactRoundTrip)
        let message = try SIPMessage.parse(bytes)
        #expect(throws: SIPMessageProblem.self, "\(c.name) must not validate") { try message.validate() }
    }
}
