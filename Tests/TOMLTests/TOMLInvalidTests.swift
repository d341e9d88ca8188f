import Testing
import TOML

/// Invalid documents, each with the line, column and a fragment of the message it must give.
@Suite(.timeLimit(.minutes(1)))
struct TOMLInvalidTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var line: Int
        var column: Int
        var message: String
        init(_ text: String, _ line: Int, _ column: Int, _ message: String) {
            self.text = text
            self.line = line
            self.column = column
            self.message = message
        }
        var testDescription: String { text.debugDescription }
    }

    static let syntax: [Case] = [
        Case("a", 1, 2, "expected `=`"),
        Case("a =", 1, 4, "expected a value"),
        Case("a = 1 b = 2", 1, 7, "expected the end of the line"),
        Case("= 1", 1, 1, "expected a key"),
        Case("a.= 1", 1, 3, "expected a key"),
        Case("a b = 1", 1, 3, "expected `=`"),
        Case("\"\"\"k\"\"\" = 1", 1, 1, "multi-line"),
        Case("a = 1\r", 1, 6, "carriage return"),
        Case("a = 1\rb = 2", 1, 6, "carriage return"),
        Case("a = 1 # bell \u{7}", 1, 14, "control character U+0007"),
        Case("a = 1 # del \u{7F}", 1, 13, "control character U+007F"),
        Case("[a", 1, 3, "expected `]`"),
        Case("[[a]", 1, 5, "expected `]]`"),
        Case("[[a] ]", 1, 5, "expected `]]`"),
        Case("[]", 1, 2, "expected a key"),
        Case("[a.]", 1, 4, "expected a key"),
        Case("[a] b = 1", 1, 5, "expected the end of the line"),
        Case("a = TRUE", 1, 5, "lower case"),
        Case("a = truely", 1, 5, "expected a value"),
        Case("a = bare", 1, 5, "expected a value"),
    ]

    static let strings: [Case] = [
        Case("a = \"abc", 1, 9, "unterminated string"),
        Case("a = \"ab\nc\"", 1, 8, "cannot span lines"),
        Case("a = 'ab\nc'", 1, 8, "cannot span lines"),
        Case("a = \"\\x41\"", 1, 6, "invalid escape"),
        Case("a = \"\\e\"", 1, 6, "invalid escape"),
        Case("a = \"\\ \"", 1, 6, "invalid escape"),
        Case("a = \"\\u12\"", 1, 6, "exactly 4 hex digits"),
        Case("a = \"\\UD800\"", 1, 6, "exactly 8 hex digits"),
        Case("a = \"\\uD800\"", 1, 6, "no Unicode scalar"),
        Case("a = \"\\U00110000\"", 1, 6, "no Unicode scalar"),
        Case("a = \"tab\tok but nul \u{0} is not\"", 1, 21, "U+0000"),
        Case("a = '\u{1}'", 1, 6, "U+0001"),
        Case("a = \"\"\"abc", 1, 11, "unterminated multi-line"),
        Case("a = \"\"\"abc\"\"\"\"\"\"", 1, 11, "too many"),
        Case("a = '''abc''''''", 1, 11, "too many"),
        Case("a = \"\"\"a\rb\"\"\"", 1, 9, "carriage return"),
        Case("a = '''\u{8}'''", 1, 8, "U+0008"),
        Case("a = \"\"\"\\q\"\"\"", 1, 8, "invalid escape"),
    ]

    static let numbers: [Case] = [
        Case("a = 9223372036854775808", 1, 5, "64-bit"),
        Case("a = -9223372036854775809", 1, 5, "64-bit"),
        Case("a = 0x8000000000000000", 1, 5, "64-bit"),
        Case("a = 01", 1, 5, "leading zeros"),
        Case("a = +01.5", 1, 5, "leading zeros"),
        Case("a = 1__0", 1, 5, "underscore"),
        Case("a = _1", 1, 5, "expected a value"),
        Case("a = 1_", 1, 5, "underscore"),
        Case("a = 0x", 1, 5, "no digits"),
        Case("a = 0x_1", 1, 5, "underscore"),
        Case("a = +0x1", 1, 5, "sign"),
        Case("a = 0xG", 1, 5, "hexadecimal"),
        Case("a = 0o8", 1, 5, "octal"),
        Case("a = 0b2", 1, 5, "binary"),
        Case("a = 0X1F", 1, 5, "unexpected character"),
        Case("a = 1.", 1, 5, "expected digits"),
        Case("a = .5", 1, 5, "expected a value"),
        Case("a = 1.e5", 1, 5, "expected digits"),
        Case("a = 1e", 1, 5, "expected digits"),
        Case("a = 1e_5", 1, 5, "underscore"),
        Case("a = 1e5_", 1, 5, "underscore"),
        Case("a = 1.5_", 1, 5, "underscore"),
        Case("a = Inf", 1, 5, "expected a value"),
        Case("a = infinity", 1, 5, "strings need quotes"),
        Case("a = 1 2", 1, 7, "end of the line"),
    ]

    static let dates: [Case] = [
        Case("a = 1979-13-01", 1, 5, "month"),
        Case("a = 1979-02-29", 1, 5, "no such day"),
        Case("a = 1900-02-29", 1, 5, "no such day"),
        Case("a = 1979-04-31", 1, 5, "no such day"),
        Case("a = 1979-05-27T24:00:00", 1, 5, "hour"),
        Case("a = 1979-05-27T23:60:00", 1, 5, "minute"),
        Case("a = 1979-05-27T23:59:61", 1, 5, "second"),
        Case("a = 1979-05-27T07:32", 1, 5, "expected `:`"),
        Case("a = 1979-05-27T07:32:00.", 1, 5, "digits after"),
        Case("a = 1979-05-27T07:32:00+25:00", 1, 5, "offset"),
        Case("a = 1979-05-27T07:32:00+0100", 1, 5, "expected `:`"),
        Case("a = 1979-5-27", 1, 5, "invalid"),
        Case("a = 1979-05-27X07:32:00", 1, 5, "expected `T`"),
        Case("a = 07:32:00Z", 1, 5, "offset"),
        Case("a = 7:32:00", 1, 5, "invalid number"),
    ]

    static let structure: [Case] = [
        Case("a = 1\na = 2", 2, 1, "duplicate key `a` (first defined at line 1)"),
        Case("a.b = 1\na.b = 2", 2, 3, "duplicate key `b`"),
        Case("a = 1\na.b = 2", 2, 1, "already an integer"),
        Case("[a]\n[a]", 2, 1, "defined twice"),
        Case("[a.b]\n[a]\n[a]", 3, 1, "defined twice"),
        Case("[a]\nb = 1\n[a.b]", 3, 4, "already an integer"),
        Case("[a.b]\nx = 1\n[a]\nb = 2", 4, 1, "duplicate key `b`"),
        Case("a.b = 1\n[a]", 2, 1, "dotted keys"),
        Case("[t1]\nt2.t3.v = 0\n[t1.t2]", 3, 1, "dotted keys"),
        Case("[fruit]\napple.taste.sweet = true\n[fruit.apple.texture]\n[fruit.apple.taste]", 4, 1, "dotted keys"),
        Case("[product]\ntype.name = \"Nail\"\ntype = { edible = false }", 3, 1, "duplicate key `type`"),
        Case("key= \"ok\"\nkey =\"again\"", 2, 1, "duplicate key `key`"),
        Case("[a.b.c]\nz = 9\n[a]\nb.c.t = 1", 4, 1, "defined by a header"),
        Case("[a.b.c.d]\nz = 9\n[a]\nb.c.d.k.t = 1", 4, 1, "defined by a header"),
        Case("a = { b = 1 }\na.c = 2", 2, 1, "cannot extend inline table `a`"),
        Case("a = { b = 1 }\n[a]", 2, 2, "cannot extend inline table `a`"),
        Case("a = { b = 1 }\n[a.c]", 2, 2, "cannot extend inline table"),
        Case("a = {}\n[[a]]", 2, 3, "cannot extend inline table"),
        Case("t = { f = { a.c = 1 }, f.a.d = 2 }", 1, 24, "cannot extend inline table `f`"),
        Case("a = { b = 1, b = 2 }", 1, 14, "duplicate key `b`"),
        Case("a = []\n[[a]]", 2, 3, "cannot extend static array `a`"),
        Case("a = [{ b = 1 }]\n[a.c]", 2, 2, "cannot extend static array `a`"),
        Case("[[a]]\n[a]", 2, 1, "array of tables"),
        Case("[a]\n[[a]]", 2, 3, "already a table"),
        Case("[[a]]\nb.c = 1\n[a.b]", 3, 1, "dotted keys"),
        Case("[[a]]\n[a.b]\n[[a.b]]", 3, 5, "already a table"),
        Case("[[a.b]]\n[a]\nb.c = 1", 3, 1, "array of tables `b` with a dotted key"),
        Case("a = { b = 1, }", 1, 14, "trailing comma"),
        Case("a = { b = 1\n}", 1, 12, "on one line"),
        Case("a = {\nb = 1 }", 1, 6, "expected a key"),
        Case("a = { b = 1 c = 2 }", 1, 13, "expected `,` or `}`"),
        Case("a = [1 2]", 1, 8, "expected `,` or `]`"),
        Case("a = [1,,2]", 1, 8, "expected a value"),
        Case("a = [,]", 1, 6, "expected a value"),
        Case("a = [1", 1, 7, "expected `,` or `]`"),
    ]

    @Test(arguments: syntax + strings + numbers + dates + structure)
    func rejected(_ c: Case) throws {
        let error = #expect(throws: TOMLError.self) { try TOMLTable.parse(c.text) }
        #expect(error?.message.contains(c.message) == true, "\(error?.message ?? "no error")")
        #expect(error?.position == TOMLPosition(line: c.line, column: c.column), "\(error?.description ?? "")")
    }
}
