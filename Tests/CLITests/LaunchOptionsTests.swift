import Testing
@testable import pipit

/// The hand-read command lines give what ArgumentParser would, and everything else is
/// left to ArgumentParser (nil).
@Suite(.timeLimit(.minutes(1)))
struct LaunchOptionsTests {
    @Test func theUsualLinesAreRead() throws {
        let none = try #require(LaunchOptions(plainArguments: []))
        #expect(!none.headless && !none.json && none.config == nil && none.script == nil)
        let all = try #require(LaunchOptions(plainArguments: ["--json", "--config", "a.toml", "--headless", "--script=s.txt"]))
        #expect(all.headless && all.json)
        #expect(all.config == "a.toml")
        #expect(all.script == "s.txt")
        #expect(LaunchOptions(plainArguments: ["--config=/x/y.toml"])?.config == "/x/y.toml")
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["--version"], ["debug", "parse-sip", "x"], ["--headless", "--headless"],
        ["--config"], ["--config", "--json"], ["--config=-x"], ["--config", "a", "--config", "b"], ["--jsn"], ["bob@example.com"],
        ["sip:a@b", "sip:c@d"], ["-e"], ["--send", "-x"],
    ])
    func everythingElseGoesToArgumentParser(arguments: [String]) {
        #expect(LaunchOptions(plainArguments: arguments) == nil, "\(arguments)")
    }
}
