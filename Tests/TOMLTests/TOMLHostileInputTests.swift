import Testing
import TOML

/// Input from a file is hostile: bounded nesting, no traps, linear time.
@Suite(.timeLimit(.minutes(1)))
struct TOMLHostileInputTests {
    @Test func nestingIsBounded() throws {
        let deepArray = "a = " + String(repeating: "[", count: 100_000)
        let error = #expect(throws: TOMLError.self) { try TOMLTable.parse(deepArray) }
        #expect(error?.message.contains("nested more than 64") == true)
        let deepInline = "a = " + String(repeating: "{b=", count: 1000)
        #expect(throws: TOMLError.self) { try TOMLTable.parse(deepInline) }
        let longHeader = "[" + Array(repeating: "a", count: 200).joined(separator: ".") + "]"
        #expect(throws: TOMLError.self) { try TOMLTable.parse(longHeader) }
        let longDotted = Array(repeating: "a", count: 200).joined(separator: ".") + " = 1"
        #expect(throws: TOMLError.self) { try TOMLTable.parse(longDotted) }
        // At the limit it still works, and serializes within it.
        let atLimit = "a = " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        let t = try TOMLTable.parse(atLimit)
        #expect(try TOMLTable.parse(t.serialized()) == t)
        #expect(throws: TOMLError.self) { try TOMLTable.parse("a = " + String(repeating: "[", count: 65) + String(repeating: "]", count: 65)) }
    }

    @Test func deepTablesSerializeWithinTheLimit() throws {
        let path = Array(repeating: "k", count: 31).joined(separator: ".")
        let t = try TOMLTable.parse("[[\(path)]]\n[[\(path)]]\nx = [[1]]")
        #expect(try TOMLTable.parse(t.serialized()) == t)
    }

    @Test func manyTablesAndKeysStayFast() throws {
        // Quadratic behaviour (copying an array of tables per header, rescanning lines for
        // columns) would run past the time limit here; linear takes a few seconds in debug.
        let tables = String(repeating: "[[a]]\nx = 1\n", count: 200_000)
        #expect(try TOMLTable.parse(tables)["a"]?.arrayValue?.count == 200_000)
        let longLine = "a = [" + String(repeating: "1,", count: 200_000) + "]"
        #expect(try TOMLTable.parse(longLine)["a"]?.arrayValue?.count == 200_000)
        let keys = (0..<50_000).map { "k\($0) = \($0)" }.joined(separator: "\n")
        #expect(try TOMLTable.parse(keys).count == 50_000)
        let quotes = "a = \"\"\"" + String(repeating: "\"\"x", count: 100_000) + "\"\"\""
        #expect(try TOMLTable.parse(quotes)["a"]?.stringValue?.count == 300_000)
    }

    @Test func truncationsOfAValidDocumentNeverTrap() throws {
        let text = Array("""
            [a] # c
            s = "x\\u00e9\\U0001F600" ; t = '''ml'''
            n = [0x1F, 0o7, 0b1, 1e5, -inf, 1979-05-27T07:32:00.5-07:00, { q = "" }]
            [[b.c]]
            """.utf8)
        for end in 0...text.count {
            _ = try? TOMLTable.parse(utf8: Array(text[..<end]))
        }
    }
}
