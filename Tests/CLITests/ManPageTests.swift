import Control
import Foundation
import Testing

/// man/pipit.1 stays true to the command language: every command is documented.
struct ManPageTests {
    @Test func everyCommandIsInTheManPage() throws {
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("man/pipit.1")
        let text = try String(contentsOf: page, encoding: .utf8)
        for spec in CommandHelp.table {
            let documented = text.contains(".BI \"\(spec.name) \"") || text.contains(".B \(spec.name)\n")
            #expect(documented, "man/pipit.1 does not document `\(spec.usage)`")
        }
        for option in ["headless", "config", "json", "script"] {
            #expect(text.contains("\\-\\-\(option)"), "man/pipit.1 does not document --\(option)")
        }
    }
}
