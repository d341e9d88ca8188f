import Foundation
import Testing
@testable import UserAgent

/// Paths, missing files and the permission rule, on real files in a temp directory.
@Suite(.timeLimit(.minutes(1)))
struct ConfigFileTests {
    static let withPassword = "[[account]]\nname = \"w\"\nuri = \"sip:a@example.com\"\npassword = \"hunter2\"\n"

    @Test func defaultPathFollowsXDG() {
        #expect(ConfigLoader.defaultPath(environment: ["XDG_CONFIG_HOME": "/x/cfg/", "HOME": "/home/a"]) == "/x/cfg/pipit/config.toml")
        #expect(ConfigLoader.defaultPath(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/a"]) == "/home/a/.config/pipit/config.toml")
        #expect(ConfigLoader.defaultPath(environment: ["HOME": "/home/a"]) == "/home/a/.config/pipit/config.toml")
        #expect(ConfigLoader.defaultPath(environment: [:]) == nil)
    }

    @Test func missingDefaultFileMeansTheBuiltInLocalSetup() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let config = try ConfigLoader.load(explicitPath: nil, environment: ["XDG_CONFIG_HOME": dir.path, "USER": "carol"])
        #expect(config == PipitConfig.builtInLocal(user: "carol"))
        #expect(config.path == nil)
        #expect(config.network.listen == ["udp:127.0.0.1:5060", "tcp:127.0.0.1:5060"])
        #expect(config.accounts.count == 1 && config.accounts[0].isLocal)
        #expect(config.accounts[0].uri.description == "sip:carol@127.0.0.1:5060")
    }

    @Test func existingDefaultFileIsRead() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let path = try dir.write("pipit/config.toml", "[general]\nlog_level = \"trace\"\n", mode: 0o644)
        let config = try ConfigLoader.load(explicitPath: nil, environment: ["XDG_CONFIG_HOME": dir.path])
        #expect(config.general.logLevel == .trace && config.path == path)
    }

    @Test func missingExplicitFileIsAnError() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let missing = dir.path + "/nope.toml"
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(explicitPath: missing, environment: [:]) }
        #expect(error == .unreadable(path: missing, reason: "no such file"))
        #expect(error?.description == "\(missing): cannot read the configuration: no such file")
        let dirError = #expect(throws: ConfigError.self) { try ConfigLoader.load(path: dir.path, environment: [:]) }
        #expect(dirError?.description.contains(dir.path) == true)
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o620, 0o602, 0o660, 0o666])
    func passwordFileOpenToOthersIsRefused(mode: Int) throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let path = try dir.write("config.toml", Self.withPassword, mode: mode)
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(path: path, environment: [:]) }
        #expect(error == .insecurePermissions(path: path, mode: UInt32(mode)))
        #expect(error?.description.contains("chmod 600 \(path)") == true)
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test(arguments: [0o600, 0o400, 0o700, 0o611])
    func privatePasswordFileIsAccepted(mode: Int) throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let path = try dir.write("config.toml", Self.withPassword, mode: mode)
        let config = try ConfigLoader.load(path: path, environment: [:])
        #expect(config.accounts.first?.password == .literal(Secret("hunter2")))
    }

    @Test func turnPasswordCountsAsAPassword() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let network = try dir.write("n.toml", "[network]\nturn_password = \"x\"\n", mode: 0o644)
        #expect(throws: ConfigError.insecurePermissions(path: network, mode: 0o644)) { try ConfigLoader.load(path: network, environment: [:]) }
        let account = try dir.write("a.toml", "[[account]]\nuri = \"sip:a@b\"\nturn_password = \"x\"\n", mode: 0o644)
        #expect(throws: ConfigError.insecurePermissions(path: account, mode: 0o644)) { try ConfigLoader.load(path: account, environment: [:]) }
    }

    @Test func fileWithoutPasswordsMayBeReadable() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let path = try dir.write("config.toml", "[[account]]\nuri = \"sip:a@b\"\npassword_command = \"pass show a\"\n", mode: 0o644)
        #expect(try ConfigLoader.load(path: path, environment: [:]).accounts.first?.password == .command("pass show a"))
    }

    @Test func relativeAndHomePathsResolve() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let path = try dir.write("conf/config.toml", "[network]\ntls_ca_file = \"ca.pem\"\ntls_certificate = \"~/c.pem\"\ntls_private_key = \"/k.pem\"\n")
        let config = try ConfigLoader.load(path: path, environment: ["HOME": "/home/a"])
        #expect(config.network.tlsCAFile == dir.path + "/conf/ca.pem")
        #expect(config.network.tlsCertificate == "/home/a/c.pem" && config.network.tlsPrivateKey == "/k.pem")
    }

    @Test func invalidUTF8AndOversizedFilesAreRefused() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let bad = dir.path + "/bad.toml"
        _ = FileManager.default.createFile(atPath: bad, contents: Data(Array("a = 1\nb = \"".utf8) + [0xFF, 0x22]),
                                       attributes: [.posixPermissions: 0o600])
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(path: bad, environment: [:]) }
        #expect(error?.diagnostics.first?.line == 2)
        let big = try dir.write("big.toml", "# " + String(repeating: "x", count: ConfigLoader.maxFileSize) + "\n")
        let bigError = #expect(throws: ConfigError.self) { try ConfigLoader.load(path: big, environment: [:]) }
        #expect(bigError == .unreadable(path: big, reason: "larger than 1 MiB"))
    }
}
