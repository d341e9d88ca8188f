import Testing
import UserAgent
@testable import Control

/// Hostile lines: random mixtures of the characters the grammar cares about. The parser must
/// answer every one (a value or an error) and agree with itself on re-parsing.
@Suite(.timeLimit(.minutes(1))) struct ParserRobustnessTests {
    /// A fixed-seed generator, so a failure can be replayed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = ["call", "reject", "hangup", "all", "busy", "help", "2", "486", "200", "0", " ", "  ", "\t",
                         "\"", "'", "\\", "#", "sip:bob@example.com", "é", "🎉", "\u{1B}", "\u{00}", "\r", "\n",
                         "x", "99999999999999999999", "-", "|", ";"]

    @Test func randomLinesNeverTrap() {
        var rng = SplitMix64(state: 4)
        var outcomes = (commands: 0, helps: 0, blanks: 0, errors: 0)
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...8, using: &rng)
            let line = (0..<count).map { _ in Self.pieces.randomElement(using: &rng) ?? "" }.joined()
            do {
                switch try CommandParser.parse(line) {
                case .command?: outcomes.commands += 1
                case .help?: outcomes.helps += 1
                case nil: outcomes.blanks += 1
                }
            } catch {
                outcomes.errors += 1
                #expect(!error.description.isEmpty)
                #expect(!error.description.unicodeScalars.contains { $0 == "\n" || $0 == "\u{1B}" }, "\(line)")
            }
        }
        // The mixture reaches every outcome, so the loop exercised real paths.
        #expect(outcomes.commands > 100 && outcomes.helps > 10 && outcomes.blanks > 10 && outcomes.errors > 1000)
    }

    /// Every command written back as a line with its arguments quoted parses to itself.
    @Test func quotingRoundTrips() throws {
        let awkward = ["plain", "two words", #"with "double" quotes"#, "it's", #"back\slash"#, "#hash", "ünïcödé 🎉", "\t"]
        for word in awkward {
            let quoted = "\"" + word.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"") + "\""
            #expect(try CommandParser.parse("call \(quoted) \(quoted)") == .command(.call(target: word, account: word)))
            #expect(try CommandParser.parse("register \(quoted)") == .command(.register(account: word)))
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
