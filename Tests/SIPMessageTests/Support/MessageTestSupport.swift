import Foundation
import Testing

@testable import SIPMessage

/// Loads the RFC test messages stored byte-exact under Vectors/.
enum CoreVectors {
    static func load(_ name: String, in folder: String) throws -> [UInt8] {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "dat", subdirectory: "Vectors/\(folder)"),
            "missing vector \(folder)/\(name).dat")
        return Array(try Data(contentsOf: url))
    }
}

/// Builds message bytes from readable text: LF line ends become CRLF, and `{CL}` becomes
/// the length of everything after the first empty line.
func coreWire(_ text: String) -> [UInt8] {
    let crlf = Array(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
    guard let marker = crlf.firstRange(of: Array("{CL}".utf8)) else { return crlf }
    let blank = Array("\r\n\r\n".utf8)
    let bodyStart = (crlf.firstRange(of: blank)?.upperBound ?? crlf.count)
    return Array(crlf[..<marker.lowerBound]) + Array(String(crlf.count - bodyStart).utf8) + Array(crlf[marker.upperBound...])
}

/// Parses, serializes and re-parses; the re-parsed message must equal the first.
@discardableResult
func coreRoundTrip(_ bytes: [UInt8], exact: Bool, sourceLocation: SourceLocation = #_sourceLocation) throws -> SIPMessage {
    let message = try SIPMessage.parse(bytes)
    let out = message.serialized()
    if exact {
        #expect(out == bytes, "serialized bytes differ from the original", sourceLocation: sourceLocation)
    }
    let again = try SIPMessage.parse(out)
    #expect(again == message, "re-parsed message differs", sourceLocation: sourceLocation)
    #expect(again.serialized() == out, "serialization is not stable", sourceLocation: sourceLocation)
    return message
}

/// The error parsing `bytes` as a datagram throws, or nil if it parses.
func coreParseError(_ bytes: [UInt8], limits: SIPLimits = .init()) -> SIPParseError? {
    do throws(SIPParseError) {
        _ = try SIPMessage.parse(bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}
