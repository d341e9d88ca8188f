import Testing
import TOML

/// Every key, value, array element and table carries where it is written.
@Suite(.timeLimit(.minutes(1)))
struct TOMLPositionTests {
    @Test func keysValuesAndElements() throws {
        let t = try TOMLTable.parse("""
            # comment
              name = "x"
            a.b   =   [ 1,
                "é", { c = 3 } ]
            """)
        let name = try #require(t.entry("name"))
        #expect(name.keyPosition == .init(line: 2, column: 3))
        #expect(name.position == .init(line: 2, column: 10))
        let a = try #require(t.entry("a"))
        #expect(a.keyPosition == .init(line: 3, column: 1))
        let b = try #require(a.value.tableValue?.entry("b"))
        #expect(b.keyPosition == .init(line: 3, column: 3))
        #expect(b.position == .init(line: 3, column: 11))
        let elements = try #require(b.value.arrayValue?.elements)
        #expect(elements.map(\.position) == [.init(line: 3, column: 13), .init(line: 4, column: 5), .init(line: 4, column: 10)])
        let c = try #require(elements[2].value.tableValue?.entry("c"))
        #expect(c.keyPosition == .init(line: 4, column: 12) && c.position == .init(line: 4, column: 16))
    }

    @Test func columnsCountScalarsNotBytes() throws {
        let t = try TOMLTable.parse("\"ключ\" = \"значение\" \nx = 1")
        #expect(try #require(t.entry("ключ")).position.column == 10)
        let error = #expect(throws: TOMLError.self) { try TOMLTable.parse("k = \"日本語\" x") }
        #expect(error?.column == 11)
    }

    @Test func tablesAndArraysOfTables() throws {
        let t = try TOMLTable.parse("""
            top = 1

            [server]
            host = "h"

            [[account]]
            name = "a"
            [[account]]
            name = "b"
            """)
        let server = try #require(t.entry("server"))
        #expect(server.position == .init(line: 3, column: 1))
        #expect(server.value.tableValue?.position == .init(line: 3, column: 1))
        let accounts = try #require(t["account"]?.arrayValue)
        #expect(accounts.position == .init(line: 6, column: 1))
        #expect(accounts.elements.map(\.position.line) == [6, 8])
        #expect(accounts.values[1].tableValue?.entry("name")?.position == .init(line: 9, column: 8))
    }

    @Test func positionsAfterCRLFAndMultilineStrings() throws {
        let t = try TOMLTable.parse("a = \"\"\"\r\none\r\ntwo\"\"\"\r\nb = 2")
        #expect(t.entry("b")?.keyPosition == .init(line: 4, column: 1))
    }

    @Test func implicitTableTakesTheHeaderThatDefinesIt() throws {
        let t = try TOMLTable.parse("[a.b]\n\n[a]\nx = 1")
        #expect(t["a"]?.tableValue?.position == .init(line: 3, column: 1))
    }
}
