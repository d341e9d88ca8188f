import Foundation
import Testing
import TUI

/// man/pipit.1 lists the keys the help screen lists.
@Suite(.timeLimit(.minutes(1)))
struct KeyMapManPageTests {
    @Test func everyKeyIsInTheManPage() throws {
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("man/pipit.1")
        let text = try String(contentsOf: page, encoding: .utf8)
        let section = try #require(text.range(of: ".SH FULL-SCREEN INTERFACE")
            .flatMap { start in text[start.upperBound...].range(of: ".SH ").map { text[start.upperBound..<$0.lowerBound] } })
        for binding in KeyMap.sections.flatMap(\.bindings) {
            let first = String(binding.keys.split(separator: " ")[0]).replacingOccurrences(of: "-", with: "\\-")
            let documented = binding.keys.count == 1 ? section.contains(".B \(binding.keys)\n") : section.contains(first)
            #expect(documented, "man/pipit.1 does not document the key `\(binding.keys)`")
        }
    }
}
