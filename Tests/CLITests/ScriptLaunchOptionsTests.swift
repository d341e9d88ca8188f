import Testing
@testable import pipit

@Suite(.timeLimit(.minutes(1)))
struct ScriptLaunchOptionsTests {
    @Test func commandsSendAndURIAreReadWithoutArgumentParser() throws {
        let e = try #require(LaunchOptions(plainArguments: ["-e", "accounts; quit", "--json"]))
        #expect(e.commands == "accounts; quit" && e.json)
        #expect(LaunchOptions(plainArguments: ["--send", "calls"])?.send == "calls")
        #expect(LaunchOptions(plainArguments: ["sip:bob@example.com"])?.uri == "sip:bob@example.com")
        #expect(LaunchOptions(plainArguments: ["--headless", "TEL:+123"])?.uri == "TEL:+123")
    }
}
