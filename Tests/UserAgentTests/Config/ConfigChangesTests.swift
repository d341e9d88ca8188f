import Foundation
import Testing
@testable import UserAgent

/// The reload diff: which accounts came, went or changed, and what needs a restart.
@Suite(.timeLimit(.minutes(1)))
struct ConfigChangesTests {
    static let base = """
        [general]
        log_level = "info"
        [network]
        listen = ["udp:0.0.0.0:5060"]
        [[account]]
        name = "work"
        uri = "sip:alice@example.com"
        password_command = "pass work"
        [[account]]
        name = "home"
        uri = "sip:alice@home.example"
        codecs = ["opus"]
        [[account]]
        name = "old"
        uri = "sip:alice@old.example"
        """

    @Test func sameConfigHasNoChanges() throws {
        let config = try ConfigLoader.decode(Self.base)
        let changes = config.changes(to: config)
        #expect(changes.isEmpty && !changes.needsRestart)
    }

    @Test func accountsAddedRemovedAndChanged() throws {
        let old = try ConfigLoader.decode(Self.base)
        let new = try ConfigLoader.decode("""
            [general]
            log_level = "debug"
            [network]
            listen = ["udp:0.0.0.0:5060"]
            stun_server = "stun.example.com"
            [[account]]
            name = "work"
            uri = "sip:alice@example.com"
            password_command = "pass work2"
            expires = 300
            [[account]]
            name = "home"
            uri = "sip:alice@home.example"
            codecs = ["opus", "pcmu"]
            [[account]]
            name = "new"
            uri = "sip:alice@new.example"
            """)
        let changes = old.changes(to: new)
        #expect(changes.addedAccounts == ["new"])
        #expect(changes.removedAccounts == ["old"])
        #expect(changes.changedAccounts == [
            .init(name: "work", keys: ["password_command", "expires"], needsReregistration: true),
            .init(name: "home", keys: ["codecs"], needsReregistration: false),
        ])
        #expect(changes.appliedKeys == ["general.log_level", "network.stun_server"])
        #expect(changes.restartKeys.isEmpty && !changes.needsRestart)
    }

    /// The listen addresses are applied by `reload` itself (it moves the listeners, or says
    /// they wait for a restart while a call is up).
    @Test func tlsChangesNeedARestartListenIsApplied() throws {
        let old = try ConfigLoader.decode(Self.base)
        var new = old
        new.network.listen = ["udp:0.0.0.0:5070"]
        new.network.tlsCAFile = "/ca.pem"
        new.network.rtpPorts = 20000...30000
        new.audio.backend = .alsa
        new.audio.output = "headset"
        new.general.tones = "de"
        let changes = old.changes(to: new)
        // The sound backend, the ringtone and the tone set are chosen when pipit starts.
        #expect(changes.restartKeys == ["general.tones", "audio.backend", "network.tls_ca_file"])
        #expect(changes.needsRestart)
        #expect(changes.appliedKeys == ["audio.output", "network.listen", "network.rtp_port_min", "network.rtp_port_max"])
        #expect(changes.changedAccounts.isEmpty)
    }

    @Test func reloadRereadsTheFile() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let path = try dir.write("config.toml", Self.base)
        let first = try ConfigLoader.load(path: path, environment: [:])
        _ = try dir.write("config.toml", Self.base.replacingOccurrences(of: "name = \"old\"", with: "name = \"renamed\""))
        let (second, changes) = try ConfigLoader.reload(first, environment: [:])
        #expect(second.accounts.map(\.name) == ["work", "home", "renamed"])
        #expect(changes.addedAccounts == ["renamed"] && changes.removedAccounts == ["old"])
        // A broken file is refused; the caller keeps running with `first`.
        _ = try dir.write("config.toml", Self.base + "\nbogus = 1")
        #expect(throws: ConfigError.self) { try ConfigLoader.reload(first, environment: [:]) }
        // The built-in setup has no file and reloads as itself.
        let builtIn = PipitConfig.builtInLocal(user: "a")
        #expect(try ConfigLoader.reload(builtIn, environment: [:]) == (builtIn, ConfigChanges()))
    }
}
