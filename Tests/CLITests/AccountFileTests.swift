import Control
import Foundation
import Testing
import UserAgent
@testable import pipit

/// `account add` writing the configuration file (issue 7 item 6).
@Suite(.timeLimit(.minutes(1)))
struct AccountFileTests {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-account-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    private let draft = AccountDraft(address: try! AccountDraft.address("sip:alice@example.com"), password: Secret("s3cret"))

    @Test func withNoFileItWritesAPrivateOneInPrivateFolders() throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["HOME": home.path, "XDG_CONFIG_HOME": home.path + "/config"]
        let path = try #require(AccountFile.path(for: .builtInLocal(user: "alice"), environment: environment))
        #expect(path == home.path + "/config/pipit/config.toml")
        let written = try AccountFile.add(draft, to: path, environment: environment).get()
        #expect(written == .init(path: path, created: true))
        #expect(try mode(path) == 0o600)
        #expect(try mode(home.path + "/config/pipit") == 0o700)
        // The loader takes it (a password in a private file), and a built-in setup's reload finds it.
        let loaded = try ConfigLoader.load(path: path, environment: environment)
        #expect(loaded.accounts.map(\.name) == ["alice@example.com"])
        let (reloaded, changes) = try ConfigLoader.reload(.builtInLocal(user: "alice"), environment: environment)
        #expect(reloaded.path == path)
        #expect(changes.addedAccounts == ["alice@example.com"] && changes.removedAccounts == ["local"])
        #expect(!FileManager.default.fileExists(atPath: path + ".new-\(getpid())"))
    }

    @Test func anExistingFileKeepsEveryByteAndBecomesPrivate() throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let path = home.path + "/config.toml"
        let original = "# my settings\n[general]\nlog_level = \"debug\"  # loud\n\n[[account]]\nname = \"work\"\nuri = \"sip:bob@work.example\"\nregister = false"
        try original.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let written = try AccountFile.add(draft, to: path, environment: ["HOME": home.path]).get()
        #expect(!written.created)
        let now = try String(contentsOfFile: path, encoding: .utf8)
        #expect(now.hasPrefix(original + "\n\n[[account]]\n"))
        #expect(try mode(path) == 0o600, "it holds a password now")
        let names = try ConfigLoader.load(path: path, environment: ["HOME": home.path]).accounts.map(\.name)
        #expect(names == ["work", "alice@example.com"])
    }

    @Test func aSymbolicLinkStaysALink() throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let real = home.path + "/dotfiles.toml", link = home.path + "/config.toml"
        try "[general]\n".write(toFile: real, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let written = try AccountFile.add(draft, to: link, environment: [:]).get()
        #expect(written.path.hasSuffix("/dotfiles.toml"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try String(contentsOfFile: real, encoding: .utf8).contains("sip:alice@example.com"))
    }

    @Test func aDuplicateOrABrokenFileIsRefusedAndLeftAlone() throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let path = home.path + "/config.toml"
        _ = try AccountFile.add(draft, to: path, environment: [:]).get()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let again = AccountFile.add(draft, to: path, environment: [:])
        guard case .failure(let duplicate) = again else { Issue.record("a second alice@example.com was added"); return }
        #expect(duplicate.description.contains("cannot be added"), "\(duplicate)")
        #expect(!duplicate.description.contains("s3cret"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        try "[general\nbroken".write(toFile: path, atomically: false, encoding: .utf8)
        guard case .failure(let broken) = AccountFile.add(draft, to: path, environment: [:]) else {
            Issue.record("a broken file was appended to"); return
        }
        #expect(broken.description.contains("fix it first"), "\(broken)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "[general\nbroken")
    }
}
