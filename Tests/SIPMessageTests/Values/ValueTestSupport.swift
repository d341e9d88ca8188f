import Testing
@testable import SIPMessage

/// Parses `text`, checks that the description parses back to an equal value, and
/// returns the value (nil, with a recorded issue, when parsing fails).
@discardableResult
func valueRoundTrip<T: SIPValueParsable>(_ type: T.Type, _ text: String,
                                    sourceLocation: SourceLocation = #_sourceLocation) -> T? {
    let value: T
    do {
        value = try T.parse(text)
    } catch {
        Issue.record("\(T.self) refused \(text): \(error)", sourceLocation: sourceLocation)
        return nil
    }
    do {
        let again = try T.parse(value.description)
        #expect(again == value, "\(T.self) round trip of \(text) via \(value.description)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(T.self) refused its own output \(value.description): \(error)", sourceLocation: sourceLocation)
    }
    return value
}

/// One invalid input: the error kind and offset the parser must report.
struct InvalidValue: CustomTestStringConvertible, Sendable {
    var text: String
    var kind: SIPParseError.Kind
    var offset: Int
    init(_ text: String, _ kind: SIPParseError.Kind, at offset: Int) {
        self.text = text
        self.kind = kind
        self.offset = offset
    }
    var testDescription: String { text }
}

/// Checks that `T` refuses `c.text` with the expected kind and offset.
func expectRefusal<T: SIPValueParsable>(_ type: T.Type, _ c: InvalidValue,
                                        sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let v = try T.parse(c.text)
        Issue.record("\(T.self) accepted \(c.text) as \(v)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.kind == c.kind, "\(c.text): \(error)", sourceLocation: sourceLocation)
        #expect(error.offset == c.offset, "\(c.text): \(error)", sourceLocation: sourceLocation)
    }
}

/// A small deterministic generator (SplitMix64) so that mutation tests repeat exactly.
struct ValueSplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Bytes that mutations insert: the grammar's delimiters and some hostile ones.
private let interesting: [UInt8] = Array(";:@<>\"\\,=[]%?&/()* \t\r\n.+-#".utf8) + [0, 0x7F, 0xC3, 0xFF, 0x80]

/// Mutates `seeds` `iterations` times with a fixed seed and feeds every result to
/// `T.parse`: it must return or throw, never trap; an error's offset must lie within
/// the input; and anything accepted must survive a round trip through `description`.
func mutateValues<T: SIPValueParsable>(_ type: T.Type, seeds: [String], iterations: Int = 3000, seed: UInt64 = 0x5EED,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
    var rng = ValueSplitMix(seed: seed)
    var accepted = 0, roundTripFailures: [String] = []
    for n in 0..<iterations {
        var bytes = Array(seeds[n % seeds.count].utf8)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !bytes.isEmpty: bytes.remove(at: at)
            case 1: bytes.insert(interesting.randomElement(using: &rng) ?? 0, at: at)
            case 2 where !bytes.isEmpty: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 3 where !bytes.isEmpty: bytes[at] = interesting.randomElement(using: &rng) ?? 0
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, at + Int.random(in: 1...8, using: &rng))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            default: bytes = Array(bytes.prefix(at))
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let v = try T.parse(text)
            accepted += 1
            if (try? T.parse(v.description)) != v { roundTripFailures.append(text) }
        } catch {
            #expect(error.offset >= 0 && error.offset <= text.utf8.count, "\(text): \(error)", sourceLocation: sourceLocation)
        }
    }
    #expect(roundTripFailures.isEmpty, "round trip failed for \(roundTripFailures.prefix(5))", sourceLocation: sourceLocation)
    // The mutations must leave some inputs valid, or the test proves little.
    #expect(accepted > 0, sourceLocation: sourceLocation)
}
