import Foundation
@testable import UserAgent

/// The repository root, found from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}()

/// A fresh private directory under the system temp directory, removed by `cleanUp`.
struct TempDirectory {
    let path: String
    init() throws {
        let base = NSTemporaryDirectory() + "pipit-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }
    func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let file = path + "/" + name
        let dir = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }
    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// Decodes text, returning the error (or nil when it decoded).
func configError(_ text: String) -> ConfigError? {
    do {
        _ = try ConfigLoader.decode(text, path: "/home/a/.config/pipit/config.toml", environment: ["HOME": "/home/a", "USER": "a"])
        return nil
    } catch {
        return error
    }
}
