import Testing
@testable import Control

/// Splitting a line into words: quotes, escapes, comments, limits.
@Suite(.timeLimit(.minutes(1))) struct TokenizerTests {
    static let cases: [(String, [String])] = [
        ("a b  c", ["a", "b", "c"]),
        (#"a "b c" d"#, ["a", "b c", "d"]),
        ("a 'b c' d", ["a", "b c", "d"]),
        (#"a "" d"#, ["a", "", "d"]),
        ("a '' d", ["a", "", "d"]),
        (#"x"y z"w"#, ["xy zw"]),
        (#"'it"s'"#, [#"it"s"#]),
        (#""it's""#, ["it's"]),
        (#""say \"hi\"""#, [#"say "hi""#]),
        (#""back\\slash""#, [#"back\slash"#]),
        (#""keep \n as is""#, [#"keep \n as is"#]),
        (#"'no \' escapes"#, ["no \\", "escapes"]),
        (#"a\b"#, [#"a\b"#]),
        ("a # b c", ["a"]),
        ("a b# c", ["a", "b#", "c"]),
        (##"a "# b" c"##, ["a", "# b", "c"]),
        ("call *97#", ["call", "*97#"]),
        ("émoji 🎉 word", ["émoji", "🎉", "word"]),
        ("a\tb", ["a", "b"]),
    ]

    @Test(arguments: cases.indices) func splits(index: Int) throws {
        let (line, words) = Self.cases[index]
        #expect(try CommandTokenizer.words(line) == words, "\(line)")
    }

    @Test func unterminatedQuotesAreErrors() {
        #expect(throws: CommandError.unterminatedQuote("\"")) { try CommandTokenizer.words(#"call "bob"#) }
        #expect(throws: CommandError.unterminatedQuote("'")) { try CommandTokenizer.words("call 'bob") }
        #expect(throws: CommandError.unterminatedQuote("\"")) { try CommandTokenizer.words(#"call "bob\""#) }
    }

    @Test func controlCharactersAreRefused() {
        #expect(throws: CommandError.controlCharacter("\u{1B}")) { try CommandTokenizer.words("call \u{1B}[2Jbob") }
        #expect(throws: CommandError.controlCharacter("\u{00}")) { try CommandTokenizer.words("call bob\u{00}") }
        #expect(throws: CommandError.controlCharacter("\n")) { try CommandTokenizer.words("call bob\nquit") }
        #expect(throws: CommandError.controlCharacter("\u{7F}")) { try CommandTokenizer.words("'\u{7F}'") }
        #expect(throws: CommandError.controlCharacter("\u{9B}")) { try CommandTokenizer.words("a\u{9B}b") }
    }

    @Test func lineLengthIsBounded() throws {
        let longest = "call " + String(repeating: "a", count: CommandTokenizer.maxLineBytes - 5)
        #expect(try CommandTokenizer.words(longest).count == 2)
        #expect(throws: CommandError.lineTooLong(bytes: 4097, limit: 4096)) { try CommandTokenizer.words(longest + "a") }
        // Counted in bytes, not characters: 1,366 three-byte characters are 4,098 bytes.
        #expect(throws: CommandError.lineTooLong(bytes: 4098, limit: 4096)) {
            try CommandTokenizer.words(String(repeating: "€", count: 1366))
        }
        // The terminator does not count against the limit.
        #expect(try CommandTokenizer.words(longest + "\r\n").count == 2)
    }

    @Test func aMegabyteLineFailsFast() {
        let huge = String(repeating: "x", count: 1 << 20)
        #expect(throws: CommandError.lineTooLong(bytes: 1 << 20, limit: 4096)) { try CommandParser.parse(huge) }
    }
}
