import Foundation
import SIPMessage
import Testing
@testable import UserAgent

@Suite(.timeLimit(.minutes(1)))
struct ConfigExampleTests {
    @Test func exampleFileLoads() throws {
        let path = repositoryRoot + "/share/pipit/config.example.toml"
        let config = try ConfigLoader.load(path: path, environment: ["HOME": "/home/a", "USER": "a"])
        #expect(config.path == path)
        #expect(config.general.defaultAccount == "work")
        #expect(config.network.listen == ["udp:0.0.0.0:5060", "tcp:0.0.0.0:5060", "tls:0.0.0.0:5061"])
        #expect(config.network.tlsCertificate == "/home/a/.config/pipit/cert.pem")
        #expect(config.accounts.map(\.name) == ["work", "lan"])
        let work = config.accounts[0]
        #expect(work.uri.description == "sip:alice@example.com")
        #expect(work.password == .command("pass show sip/alice"))
        #expect(work.transport == .tls && work.srtp == .optional && work.expires == 600)
        #expect(config.accounts[1].isLocal && config.accounts[1].ice == false)
    }

    @Test func everyKeyHasDefaultsMatchingAnEmptyFile() throws {
        let config = try ConfigLoader.decode("", environment: ["USER": "bob"])
        #expect(config.general == GeneralSettings())
        #expect(config.network == NetworkSettings())
        #expect(config.audio == AudioSettings())
        #expect(config.hooks == HookSettings())
        // A file without accounts gets a local account at its first listen address.
        #expect(config.accounts.map(\.name) == ["local"])
        #expect(config.accounts[0].uri.description == "sip:bob@127.0.0.1:5060")
        #expect(config.accounts[0].isLocal)
    }

    /// The manual documents every key the loader knows, in the right section, so the two
    /// cannot drift apart.
    @Test func manPageDocumentsEveryKey() throws {
        let man = try String(contentsOfFile: repositoryRoot + "/man/pipit.conf.5", encoding: .utf8)
        var sections: [String: String] = [:]
        var current = ""
        for line in man.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(".SH ") {
                current = String(line.dropFirst(4))
            } else {
                sections[current, default: ""] += line + "\n"
            }
        }
        for (section, keys) in ConfigKeys.bySection {
            let heading = section == "account" ? "[[account]]" : "[\(section)]"
            let text = try #require(sections[heading], "no .SH \(heading) in man/pipit.conf.5")
            for key in keys {
                #expect(text.contains(".BI \"\(key) = \""), "man/pipit.conf.5 \(heading) does not document \(key)")
            }
        }
        for top in ConfigKeys.topLevel {
            #expect(man.contains(top))
        }
    }

    /// The reload diff compares exactly the keys the loader reads.
    @Test func reloadComparisonsCoverEveryKey() {
        #expect(ConfigComparison.general.map(\.key) == ConfigKeys.general)
        #expect(ConfigComparison.network.map(\.key) == ConfigKeys.network)
        #expect(ConfigComparison.audio.map(\.key) == ConfigKeys.audio)
        #expect(ConfigComparison.hooks.map(\.key) == ConfigKeys.hooks)
        #expect(["name"] + ConfigComparison.account.map(\.key) == ConfigKeys.account)
    }

    @Test func fullAccountDecodes() throws {
        let config = try ConfigLoader.decode("""
            [general]
            log_level = "DEBUG"
            tones = "DE"
            max_redirects = 0
            call_waiting = false
            [network]
            listen = ["UDP:[::1]:5070"]
            advertised_address = "203.0.113.7"
            rtp_port_min = 30000
            rtp_port_max = 30100
            stun_server = "[2001:db8::1]:3478"
            turn_password = "t"
            [audio]
            backend = "null"
            ring_output = "speakers"
            [[account]]
            uri = "sips:bob@example.org"
            username = "b0b"
            password = "p"
            display_name = "Bob ☎"
            registrar = "sip:reg.example.org:5070;transport=tcp"
            outbound_proxy = "sip:proxy.example.org;lr"
            transport = "TCP"
            expires = 3600
            srtp = "mandatory"
            codecs = ["PCMA", "opus"]
            dtmf = "info"
            redundancy = "OFF"
            auto_answer = true
            auto_answer_delay = 3
            accept_transfer = "auto"
            turn_server = "turn.example.org"
            turn_user = "bob"
            turn_password = "tp"
            ice = false
            """)
        #expect(config.general.logLevel == .debug && config.general.tones == "de" && !config.general.callWaiting)
        #expect(config.network.listen == ["udp:[::1]:5070"])
        #expect(config.network.rtpPorts == 30000...30100)
        #expect(config.network.turnPassword == Secret("t"))
        #expect(config.audio.backend == .null && config.audio.ringOutput == "speakers")
        let bob = try #require(config.accounts.first)
        #expect(bob.name == "bob@example.org")
        #expect(bob.uri.isSecure && bob.authUser == "b0b" && bob.password == .literal(Secret("p")))
        #expect(bob.acceptTransfer == .auto)
        #expect(bob.registrar?.port == 5070 && bob.outboundProxy?.host == .domain("proxy.example.org"))
        #expect(bob.transport == .tcp && bob.expires == 3600 && bob.srtp == .mandatory && bob.dtmf == .info)
        #expect(bob.codecs == ["pcma", "opus"] && bob.autoAnswer && bob.autoAnswerDelay == 3)
        #expect(bob.redundancy == .off && AccountConfig(name: "x", uri: bob.uri).redundancy == .auto)
        #expect(bob.turnServer == "turn.example.org" && bob.turnUser == "bob" && bob.turnPassword == Secret("tp") && bob.ice == false)
    }
}
