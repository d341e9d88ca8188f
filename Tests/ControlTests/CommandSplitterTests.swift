import Testing
@testable import Control

@Suite(.timeLimit(.minutes(1)))
struct CommandSplitterTests {
    @Test func splitsAtSemicolonsAndLineBreaks() {
        #expect(CommandSplitter.lines("call bob; wait call established 5;dtmf 12 ; hangup") ==
                ["call bob", "wait call established 5", "dtmf 12", "hangup"])
        #expect(CommandSplitter.lines("accounts\ncalls\r\nquit") == ["accounts", "calls", "quit"])
    }

    @Test func quotedSemicolonsStay() {
        #expect(CommandSplitter.lines(#"call "a;b"; play 'x;y.wav'; call "q\";r""#) ==
                [#"call "a;b""#, "play 'x;y.wav'", #"call "q\";r""#])
    }

    @Test func blankPiecesAreDroppedAndOpenQuotesKeepTheRest() {
        #expect(CommandSplitter.lines(" ; ;;\t") == [])
        #expect(CommandSplitter.lines("") == [])
        #expect(CommandSplitter.lines(#"call "bob; hangup"#) == [#"call "bob; hangup"#])
    }
}
