import Testing
@testable import UserAgent

/// Every way a file can be wrong names the right line, section and key.
@Suite(.timeLimit(.minutes(1)))
struct ConfigErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var line: Int
        var section: String?
        var key: String?
        var message: String
        init(_ text: String, _ line: Int, _ section: String?, _ key: String?, _ message: String) {
            self.text = text
            self.line = line
            self.section = section
            self.key = key
            self.message = message
        }
        var testDescription: String { text.debugDescription }
    }

    static let account = "[[account]]\nname = \"work\"\nuri = \"sip:alice@example.com\"\n"

    static let cases: [Case] = [
        // Top level and section shapes.
        Case("[genral]\nx = 1", 1, nil, "genral", "unknown key; did you mean `general`?"),
        Case("[[accounts]]\nuri = \"sip:a@b\"", 1, nil, "accounts", "did you mean `account`?"),
        Case("colour = 1", 1, nil, "colour", "unknown key"),
        Case("general = 1", 1, nil, "general", "must be a table"),
        Case("[account]\nuri = \"sip:a@b\"", 1, nil, "account", "[[account]] (two brackets)"),
        Case("account = [1]", 1, nil, "account", "each account must be a table"),
        // [general]
        Case("[general]\nuser_agnet = \"x\"", 2, "general", "user_agnet", "did you mean `user_agent`?"),
        Case("[general]\nlog_level = \"verbose\"", 2, "general", "log_level",
             "must be one of \"error\", \"warning\", \"info\", \"debug\", \"trace\", not \"verbose\""),
        Case("[general]\nlog_level = 3", 2, "general", "log_level", "not 3"),
        Case("[general]\nuser_agent = \"a\\nb\"", 2, "general", "user_agent", "control characters"),
        Case("[general]\nuser_agent = \"pipit ☎\"", 2, "general", "user_agent", "printable ASCII"),
        Case("[general]\nuser_agent = \"\"", 2, "general", "user_agent", "must not be empty"),
        Case("[general]\ntones = \"usa\"", 2, "general", "tones", "two-letter country code"),
        Case("[general]\nhistory = \"yes\"", 2, "general", "history", "must be true or false, not \"yes\""),
        Case("[general]\nmax_redirects = 21", 2, "general", "max_redirects", "integer from 0 to 20, not 21"),
        Case("[general]\nmax_redirects = 1.5", 2, "general", "max_redirects", "not 1.5"),
        Case("[general]\ndefault_account = \"home\"\n" + account, 2, "general", "default_account",
             "no account is named \"home\" (accounts: \"work\")"),
        // [network]
        Case("[network]\nlisten = \"udp:0.0.0.0:5060\"", 2, "network", "listen", "must be an array of strings"),
        Case("[network]\nlisten = []", 2, "network", "listen", "must not be empty"),
        Case("[network]\nlisten = [\n  \"udp:0.0.0.0:5060\",\n  \"sctp:0.0.0.0:5060\",\n]", 4, "network", "listen",
             "transport must be udp, tcp or tls"),
        Case("[network]\nlisten = [\"udp:example.com:5060\"]", 2, "network", "listen", "numeric address"),
        Case("[network]\nlisten = [\"udp:0.0.0.0:99999\"]", 2, "network", "listen", "bad port"),
        Case("[network]\nlisten = [\"udp:0.0.0.0:5060\", 5061]", 2, "network", "listen", "element 5061 is not a string"),
        Case("[network]\nlisten = [\"udp:0.0.0.0:5060\", \"UDP:0.0.0.0:5060\"]", 2, "network", "listen", "listed twice"),
        Case("[network]\nlisten = [\"tls:0.0.0.0:5061\"]", 2, "network", "listen", "needs tls_certificate"),
        Case("[network]\nadvertised_address = \"example.com\"", 2, "network", "advertised_address", "numeric IPv4 or IPv6"),
        Case("[network]\nrtp_port_min = 80", 2, "network", "rtp_port_min", "from 1024 to 65534, not 80"),
        Case("[network]\nrtp_port_min = 20000\nrtp_port_max = 20000", 3, "network", "rtp_port_max", "must be below"),
        Case("[network]\nstun_server = \"stun:example.com\"", 2, "network", "stun_server", "host name or address"),
        Case("[network]\nturn_server = \"turn.example.com:0\"", 2, "network", "turn_server", "host name or address"),
        Case("[network]\nice = 1", 2, "network", "ice", "true or false"),
        Case("[network]\ntls_certificate = \"c.pem\"", 2, "network", "tls_certificate", "set both or neither"),
        Case("[network]\nturn_password = 1234", 2, "network", "turn_password", "must be a string, not an integer"),
        // [audio]
        Case("[audio]\nbackend = \"jack\"", 2, "audio", "backend", "\"auto\", \"pulse\", \"alsa\", \"file\", \"null\", not \"jack\""),
        Case("[audio]\necho_cancellation = true", 2, "audio", "echo_cancellation", "did you mean `echo_cancel`?"),
        Case("[audio]\ninput = \"\"", 2, "audio", "input", "must not be empty"),
        // [[account]]
        Case(account + "expires = \"ten\"", 4, "account \"work\"", "expires", "must be an integer from 60 to 86400, not \"ten\""),
        Case(account + "expires = 30", 4, "account \"work\"", "expires", "from 60 to 86400, not 30"),
        Case(account + "display-name = \"A\"", 4, "account \"work\"", "display-name", "did you mean `display_name`?"),
        Case(account + "dispaly_name = \"A\"", 4, "account \"work\"", "dispaly_name", "did you mean `display_name`?"),
        Case("[[account]]\nname = \"work\"", 1, "account \"work\"", "uri", "missing uri"),
        Case("[[account]]\nuri = \"tel:+1555\"", 2, "account 1", "uri", "must be a sip: or sips: URI"),
        Case("[[account]]\nuri = \"sip:\"", 2, "account 1", "uri", "must be a valid sip: or sips: URI"),
        Case("[[account]]\nname = \"my work\"\nuri = \"sip:a@b\"", 2, "account 1", "name", "letters, digits"),
        Case("[[account]]\nuri = \"sip:alice:pw@example.com\"", 2, "account 1", "uri", "must not contain a password"),
        Case(account + "registrar = \"example.com\"", 4, "account \"work\"", "registrar", "sip: or sips: URI"),
        Case(account + "outbound_proxy = \"sip:a b\"", 4, "account \"work\"", "outbound_proxy", "valid sip: or sips: URI"),
        Case(account + "transport = \"sctp\"", 4, "account \"work\"", "transport", "\"udp\", \"tcp\", \"tls\", not \"sctp\""),
        Case(account + "srtp = \"yes\"", 4, "account \"work\"", "srtp", "\"off\", \"optional\", \"mandatory\""),
        Case(account + "dtmf = \"sip\"", 4, "account \"work\"", "dtmf", "\"auto\", \"rfc4733\", \"info\", \"inband\""),
        Case(account + "redundancy = \"on\"", 4, "account \"work\"", "redundancy", "must be one of \"auto\", \"off\", not \"on\""),
        Case(account + "redundancy = false", 4, "account \"work\"", "redundancy", "\"auto\", \"off\""),
        Case(account + "codecs = [\"opus\", \"g729\"]", 4, "account \"work\"", "codecs", "unknown codec \"g729\""),
        Case(account + "codecs = [\"opus\", \"OPUS\"]", 4, "account \"work\"", "codecs", "listed twice"),
        Case(account + "codecs = []", 4, "account \"work\"", "codecs", "must not be empty"),
        Case(account + "register = \"no\"", 4, "account \"work\"", "register", "true or false"),
        Case(account + "auto_answer_delay = -1", 4, "account \"work\"", "auto_answer_delay", "from 0 to 3600"),
        Case(account + "accept_transfer = \"always\"", 4, "account \"work\"", "accept_transfer",
             "must be one of \"auto\", \"ask\", \"never\", not \"always\""),
        Case(account + "password = \"p\"\npassword_command = \"pass x\"", 5, "account \"work\"", "password_command", "not both"),
        Case(account + "password = 1234", 4, "account \"work\"", "password", "must be a string, not an integer"),
        Case(account + "password_command = \"\"", 4, "account \"work\"", "password_command", "must not be empty"),
        Case(account + "username = \"a\\r\\nVia: x\"", 4, "account \"work\"", "username", "control characters"),
        Case(account + "stun_server = \"\"", 4, "account \"work\"", "stun_server", "host name or address"),
        Case(account + "ice = \"on\"", 4, "account \"work\"", "ice", "true or false"),
        Case(account + "\n" + account, 6, "account \"work\"", "name", "already used by the account at line 2"),
    ]

    @Test(arguments: cases)
    func reported(_ c: Case) throws {
        let error = try #require(configError(c.text))
        guard case .invalid(let problems) = error else {
            Issue.record("expected .invalid, got \(error)")
            return
        }
        let first = try #require(problems.first)
        #expect(first.line == c.line, "\(first)")
        #expect(first.section == c.section, "\(first)")
        #expect(first.key == c.key, "\(first)")
        #expect(first.message.contains(c.message), "\(first)")
        #expect(first.path == "/home/a/.config/pipit/config.toml")
    }

    @Test func descriptionNamesFileLineSectionAndKey() throws {
        let text = Self.account + String(repeating: "\n", count: 10) + "expires = \"ten\""
        let error = try #require(configError(text))
        #expect(error.description == "/home/a/.config/pipit/config.toml:14: account \"work\": expires: must be an integer from 60 to 86400, not \"ten\"")
    }

    @Test func everyProblemIsReportedInFileOrder() throws {
        let error = try #require(configError("""
            [[account]]
            name = "a"
            uri = "sip:a@example.com"
            expires = 1
            [general]
            log_level = "loud"
            [audio]
            colour = "blue"
            """))
        #expect(error.diagnostics.map(\.line) == [4, 6, 8])
        #expect(error.diagnostics.map(\.key) == ["expires", "log_level", "colour"])
        #expect(error.description.split(separator: "\n").count == 3)
    }

    @Test func syntaxErrorsCarryThePosition() throws {
        let error = try #require(configError("[general]\nlog_level = info\n"))
        guard case .syntax(let d) = error else {
            Issue.record("expected .syntax, got \(error)")
            return
        }
        #expect(d.line == 2 && d.column == 13 && d.key == nil)
        #expect(error.description.hasPrefix("/home/a/.config/pipit/config.toml:2: expected a value"))
    }

    @Test func passwordsNeverAppearInMessages() throws {
        let texts = [
            Self.account + "password = [\"hunter2\"]",
            Self.account + "password = \"hunter2\"\npassword_command = \"x\"",
            "[network]\nturn_password = { p = \"hunter2\" }",
            Self.account + "password = \"hunter2\\u0000\"",
            "[[account]]\nuri = \"sip:alice:hunter2@example.com\"",
            "[[account]]\nuri = \"sip:alice:hunter2@exa mple.com\"",
            "[[account]]\nuri = \"tel:alice:hunter2@example.com\"",
        ]
        for text in texts {
            let error = try #require(configError(text))
            #expect(!error.description.contains("hunter2"), "\(error)")
        }
    }
}
