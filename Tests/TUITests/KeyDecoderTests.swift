@testable import TUI
import Testing

/// Terminal key codes (as curses' `wget_wch` returns them) to keys.
@Suite(.timeLimit(.minutes(1)))
struct KeyDecoderTests {
    @Test func charactersAndControls() {
        #expect(KeyDecoder.decode(false, 0x61) == .key(.character("a")))
        #expect(KeyDecoder.decode(false, 0x96FB) == .key(.character("電")))
        #expect(KeyDecoder.decode(false, 0x0D) == .key(.enter))
        #expect(KeyDecoder.decode(false, 0x0A) == .key(.enter))
        #expect(KeyDecoder.decode(false, 0x09) == .key(.tab))
        #expect(KeyDecoder.decode(false, 0x7F) == .key(.backspace))
        #expect(KeyDecoder.decode(false, 0x1B) == .key(.escape))
        #expect(KeyDecoder.decode(false, 0x0C) == .key(.control("l")))
        #expect(KeyDecoder.decode(false, 0x1C) == nil)
        #expect(KeyDecoder.decode(false, 0x85) == nil) // C1 control
        #expect(KeyDecoder.decode(false, 0xD800) == nil) // a lone surrogate is no character
    }

    /// ncurses' codes: KEY_DOWN 0402, KEY_UP 0403, KEY_NPAGE 0522, KEY_PPAGE 0523,
    /// KEY_BTAB 0541, KEY_F(1) 0411, KEY_RESIZE 0632.
    @Test func functionKeys() {
        #expect(KeyDecoder.decode(true, 0o402) == .key(.down))
        #expect(KeyDecoder.decode(true, 0o403) == .key(.up))
        #expect(KeyDecoder.decode(true, 0o522) == .key(.pageDown))
        #expect(KeyDecoder.decode(true, 0o523) == .key(.pageUp))
        #expect(KeyDecoder.decode(true, 0o541) == .key(.backTab))
        #expect(KeyDecoder.decode(true, 0o411) == .key(.function(1)))
        #expect(KeyDecoder.decode(true, 0o632) == .resized)
        #expect(KeyDecoder.decode(true, 0o777) == nil)
    }
}
