import Testing
@testable import UserAgent

/// `set KEY VALUE`: names, values checked by the configuration's decoder, and the keys
/// that cannot change while pipit runs.
@Suite(.timeLimit(.minutes(1)))
struct ConfigSettingTests {
    static func config() throws -> PipitConfig {
        try ConfigLoader.decode("""
            [[account]]
            name = "work"
            uri = "sip:alice@example.com"
            register = false
            """)
    }

    @Test func keysAreNamedAsInTheFile() {
        #expect(ConfigSetting(key: "general.call_waiting", value: "false")?.target == .general)
        #expect(ConfigSetting(key: "audio.echo_cancel", value: "false")?.target == .audio)
        #expect(ConfigSetting(key: "account.work.srtp", value: "optional")?.target == .account("work"))
        for bad in ["call_waiting", "general.", "account.work", "account..srtp", "network.ice", "general.a.b"] {
            #expect(ConfigSetting(key: bad, value: "x") == nil, "\(bad)")
        }
    }

    @Test func aValueIsCheckedAndApplied() throws {
        let config = try Self.config()
        let srtp = try ConfigSetting(key: "account.work.srtp", value: "mandatory")!.applied(to: config).get()
        #expect(srtp.accounts[0].srtp == .mandatory)
        #expect(srtp.accounts[0].uri == config.accounts[0].uri)  // nothing else moves
        let codecs = try ConfigSetting(key: "account.work.codecs", value: #"["opus", "pcmu"]"#)!.applied(to: config).get()
        #expect(codecs.accounts[0].codecs == ["opus", "pcmu"])
        let waiting = try ConfigSetting(key: "general.call_waiting", value: "false")!.applied(to: config).get()
        #expect(waiting.general.callWaiting == false)
        let delay = try ConfigSetting(key: "account.work.auto_answer_delay", value: "4")!.applied(to: config).get()
        #expect(delay.accounts[0].autoAnswerDelay == 4)
    }

    @Test func refusalsSayWhy() throws {
        let config = try Self.config()
        guard case .failure(.invalid(_, let why)) = ConfigSetting(key: "account.work.srtp", value: "sometimes")!.applied(to: config) else {
            Issue.record("a bad srtp value was taken")
            return
        }
        #expect(why.contains("mandatory"), "\(why)")
        #expect(ConfigSetting(key: "account.home.srtp", value: "off")!.applied(to: config) == .failure(.noAccount("home")))
        let backend = ConfigSetting(key: "audio.backend", value: "alsa")!
        #expect(backend.applied(to: config) == .failure(.notSettable(backend)))
        let secret = ConfigSetting(key: "account.work.turn_password", value: "hunter2")!
        #expect(secret.applied(to: config) == .failure(.notSettable(secret)))
        let unknown = ConfigSetting(key: "account.work.colour", value: "blue")!
        #expect(unknown.applied(to: config) == .failure(.notSettable(unknown)))
    }

    @Test func aBareWordIsAString() {
        #expect(ConfigSetting(key: "audio.input", value: "headset")!.literal == "\"headset\"")
        #expect(ConfigSetting(key: "audio.input", value: "say \"hi\"")!.literal == #""say \"hi\"""#)
        #expect(ConfigSetting(key: "general.call_waiting", value: "true")!.literal == "true")
    }
}
