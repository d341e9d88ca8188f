import Testing
@testable import SIPMessage

/// The byte table is a literal; this rebuilds it from the RFC 3261 §25 character lists.
@Test func byteClassTableMatchesTheGrammar() {
    typealias C = ValueChars.Class
    let alnum = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    let lists: [(C, String)] = [
        (.alnum, alnum),
        (.mark, "-_.!~*'()"),
        (.userExtra, "&=+$,;?/"),
        (.passwordExtra, "&=+$,"),
        (.paramExtra, "[]/:&+$"),
        (.headerExtra, "[]/?:+$"),
        (.token, alnum + "-.!%*_+`'~"),
        (.word, alnum + "-.!%*_+`'~()<>:\\\"/[]?{}"),
        (.hex, "0123456789abcdefABCDEF"),
        (.reserved, ";/?:@&=+$,"),
    ]
    for byte in 0...255 {
        var expected: UInt16 = 0
        for (c, chars) in lists where chars.utf8.contains(UInt8(byte)) { expected |= c.rawValue }
        #expect(ValueChars.table[byte] == expected, "byte \(byte)")
    }
    #expect(ValueChars.table.count == 256)
}
