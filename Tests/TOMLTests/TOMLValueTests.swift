import Testing
import TOML

/// Valid documents, one per TOML 1.0 rule, with the values they must produce.
@Suite(.timeLimit(.minutes(1)))
struct TOMLValueTests {
    func parse(_ text: String) throws -> TOMLTable { try TOMLTable.parse(text) }

    @Test func keys() throws {
        let t = try parse("""
            bare_key-1 = 1
            "quoted key" = 2
            'literal "key"' = 3
            "" = 4
            "\\u00e9" = 5
            a . b . "c.d" = 6
            1234 = 7
            """)
        #expect(t.keys == ["bare_key-1", "quoted key", "literal \"key\"", "", "é", "a", "1234"])
        #expect(t["a"]?.tableValue?["b"]?.tableValue?["c.d"] == .integer(6))
    }

    @Test func basicStringEscapes() throws {
        let t = try parse(#"s = "tab\t nl\n cr\r bs\b ff\f q\" bsl\\ u\u00E9 U\U0001F600""#)
        #expect(t["s"] == .string("tab\t nl\n cr\r bs\u{8} ff\u{C} q\" bsl\\ u\u{E9} U\u{1F600}"))
    }

    @Test func literalStrings() throws {
        let t = try parse(#"p = 'C:\Users\nodejs\templates'"#)
        #expect(t["p"] == .string(#"C:\Users\nodejs\templates"#))
    }

    @Test func multilineBasic() throws {
        let t = try parse("a = \"\"\"\nRoses\nare \\\n     red\"\"\"\nb = \"\"\"two \"\" quotes\"\"\"\"\"\nc = \"\"\"\r\nx\r\ny\"\"\"")
        #expect(t["a"] == .string("Roses\nare red"))
        #expect(t["b"] == .string("two \"\" quotes\"\""))
        #expect(t["c"] == .string("x\ny"))
    }

    @Test func multilineLiteral() throws {
        let t = try parse("a = '''\nfirst \\n\n  second'''\nb = '''it''s'''''")
        #expect(t["a"] == .string("first \\n\n  second"))
        #expect(t["b"] == .string("it''s''"))
    }

    @Test func integers() throws {
        let t = try parse("""
            a = +99
            b = -17
            c = 0
            d = 1_000_000
            e = 0xDEAD_beef
            f = 0o755
            g = 0b1101_0110
            h = 9223372036854775807
            i = -9223372036854775808
            j = -0
            """)
        #expect(t.entries.map(\.value) == ([99, -17, 0, 1_000_000, 0xDEADBEEF, 0o755, 0b1101_0110, .max, .min, 0] as [Int64]).map { TOMLValue.integer($0) })
    }

    @Test func floats() throws {
        let t = try parse("""
            a = +1.0
            b = 3.1415
            c = -0.01
            d = 5e+22
            e = 1e06
            f = -2E-2
            g = 6.626e-34
            h = 224_617.445_991_228
            i = inf
            j = -inf
            k = nan
            l = -0.0
            m = 0e0
            """)
        #expect(t["a"] == .float(1))
        #expect(t["b"] == .float(3.1415))
        #expect(t["c"] == .float(-0.01))
        #expect(t["d"] == .float(5e22))
        #expect(t["e"] == .float(1e6))
        #expect(t["f"] == .float(-0.02))
        #expect(t["g"] == .float(6.626e-34))
        #expect(t["h"] == .float(224_617.445_991_228))
        #expect(t["i"] == .float(.infinity))
        #expect(t["j"] == .float(-.infinity))
        guard case .float(let nan) = t["k"] else { Issue.record("nan is not a float"); return }
        #expect(nan.isNaN)
        guard case .float(let negativeZero) = t["l"] else { Issue.record("-0.0 is not a float"); return }
        #expect(negativeZero == 0 && negativeZero.sign == .minus)
    }

    @Test func booleans() throws {
        let t = try parse("a = true\nb = false")
        #expect(t["a"] == .boolean(true) && t["b"] == .boolean(false))
    }

    @Test func dateTimes() throws {
        let t = try parse("""
            odt1 = 1979-05-27T07:32:00Z
            odt2 = 1979-05-27T00:32:00-07:00
            odt3 = 1979-05-27T00:32:00.999999+05:30
            odt4 = 1979-05-27 07:32:00z
            ldt = 1979-05-27t07:32:00.1234567891
            ld = 2000-02-29
            lt = 00:32:00.5
            leap = 1990-12-31T23:59:60Z
            first = 0000-01-01 00:00:00Z
            last = 9999-12-31
            """)
        func dt(_ key: String) throws -> TOMLDateTime {
            guard case .dateTime(let d) = t[key] else { throw TOMLTestFailure("\(key) is not a date-time") }
            return d
        }
        #expect(try dt("odt1").kind == .offsetDateTime && dt("odt1").offsetMinutes == 0)
        #expect(try dt("odt2").offsetMinutes == -420)
        #expect(try dt("odt3").offsetMinutes == 330 && dt("odt3").time?.nanosecond == 999_999_000)
        #expect(try dt("odt4").text == "1979-05-27 07:32:00z")
        #expect(try dt("ldt").kind == .localDateTime && dt("ldt").time?.nanosecond == 123_456_789)
        #expect(try dt("ld").kind == .localDate && dt("ld").date == .init(year: 2000, month: 2, day: 29))
        #expect(try dt("lt").kind == .localTime && dt("lt").time == .init(hour: 0, minute: 32, second: 0, nanosecond: 500_000_000))
        #expect(try dt("leap").time?.second == 60)
        // RFC 3339 years run from 0000 to 9999.
        #expect(try dt("first").date?.year == 0 && dt("last").date == .init(year: 9999, month: 12, day: 31))
    }

    @Test func arrays() throws {
        let t = try parse("""
            empty = []
            ints = [ 1, 2, 3, ]
            mixed = [ 0.1, "x", [1, 2], { a = 1 }, 1979-05-27 ]
            multi = [
              1, # one
              2  # two
              ,
            ]
            nested = [[[]]]
            """)
        #expect(t["empty"]?.arrayValue?.isEmpty == true)
        #expect(t["ints"]?.arrayValue?.values == [.integer(1), .integer(2), .integer(3)])
        #expect(t["mixed"]?.arrayValue?.values.map(\.typeName) == ["float", "string", "array", "table", "local date"])
        #expect(t["multi"]?.arrayValue?.values == [.integer(1), .integer(2)])
        #expect(t["nested"]?.arrayValue?.values.first?.arrayValue?.values.first?.arrayValue?.isEmpty == true)
    }

    @Test func inlineTables() throws {
        let t = try parse(#"point = { x = 1, y.z = 2, y.w = 3, "q k" = { } }"#)
        let point = try #require(t["point"]?.tableValue)
        #expect(point.keys == ["x", "y", "q k"])
        #expect(point["y"]?.tableValue?.keys == ["z", "w"])
    }

    @Test func tablesAndSuperTables() throws {
        let t = try parse("""
            [a.b.c]
            x = 1
            [a]          # defining an implicitly created super-table is allowed
            y = 2
            [a.d]
            [ g .  h . "i j" ]
            """)
        #expect(t.keys == ["a", "g"])
        #expect(t["a"]?.tableValue?.keys == ["b", "y", "d"])
        #expect(t["g"]?.tableValue?["h"]?.tableValue?["i j"] == .table(TOMLTable()))
    }

    @Test func dottedKeysThenSubTableHeader() throws {
        let t = try parse("""
            [fruit]
            apple.color = "red"
            apple.taste.sweet = true
            [fruit.apple.texture]
            smooth = true
            """)
        let apple = try #require(t["fruit"]?.tableValue?["apple"]?.tableValue)
        #expect(apple.keys == ["color", "taste", "texture"])
    }

    @Test func arraysOfTables() throws {
        let t = try parse("""
            [[fruit]]
            name = "apple"
            [fruit.physical]
            color = "red"
            [[fruit.variety]]
            name = "red delicious"
            [[fruit.variety]]
            name = "granny smith"
            [[fruit]]
            name = "banana"
            [[fruit.variety]]
            name = "plantain"
            """)
        let fruit = try #require(t["fruit"]?.arrayValue)
        #expect(fruit.count == 2)
        #expect(fruit.values[0].tableValue?["variety"]?.arrayValue?.count == 2)
        #expect(fruit.values[1].tableValue?["variety"]?.arrayValue?.values.first?.tableValue?["name"] == .string("plantain"))
        #expect(fruit.values[0].tableValue?["physical"]?.tableValue?["color"] == .string("red"))
    }

    @Test func commentsWhitespaceCRLFAndBOM() throws {
        let t = try parse("\u{FEFF}# top\r\n\t a = 1 # trailing \u{E9}\r\n\r\n[t] # header comment\r\nb = 2")
        #expect(t["a"] == .integer(1))
        #expect(t["t"]?.tableValue?["b"] == .integer(2))
        #expect(try parse("").isEmpty && parse("# only\n\n").isEmpty)
    }

    @Test func invalidUTF8IsRejectedWithPosition() throws {
        let error = #expect(throws: TOMLError.self) { try TOMLTable.parse(utf8: Array("a = 1\nb = \"x".utf8) + [0xC3, 0x28, 0x22]) }
        #expect(error?.line == 2 && error?.column == 7)
        #expect(throws: TOMLError.self) { try TOMLTable.parse(utf8: Array("a = \"".utf8) + [0xED, 0xA0, 0x80, 0x22]) }
        #expect(throws: TOMLError.self) { try TOMLTable.parse(utf8: Array("a = \"".utf8) + [0xC0, 0xAF, 0x22]) }
        #expect(try TOMLTable.parse(utf8: Array("a = \"\u{1F600}\"".utf8))["a"] == .string("\u{1F600}"))
    }

    @Test func serializedDocumentsParseBackEqual() throws {
        let text = """
            s = "a\\u0001\\"b"
            "k e y" = [1, 2.5, nan, -inf, true, 1979-05-27T07:32:00Z, { a.b = [] }]
            [[x]]
            y = 'z'
            [t.u]
            v = 1e300
            """
        let table = try parse(text)
        #expect(try parse(table.serialized()) == table)
    }
}

struct TOMLTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
