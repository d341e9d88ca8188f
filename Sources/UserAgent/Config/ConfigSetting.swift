import TOML

/// `set KEY VALUE`: one setting changed while pipit runs, named as in the configuration
/// file — `general.KEY`, `audio.KEY`, or `account.NAME.KEY` — with a value in TOML syntax
/// (a bare word is taken as a string). The value is checked by the configuration's own
/// decoder, so it is refused exactly as the file would refuse it. Only keys that apply
/// without a restart can be set; nothing is written to the file.
public struct ConfigSetting: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        case general, audio
        case account(String)
    }

    public var target: Target
    public var key: String
    public var value: String

    public init(target: Target, key: String, value: String) {
        self.target = target
        self.key = key
        self.value = value
    }

    /// Reads `general.call_waiting`, `audio.echo_cancel`, `account.work.srtp`.
    public init?(key name: String, value: String) {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch (parts.first, parts.count) {
        case ("general", 2): self.init(target: .general, key: parts[1], value: value)
        case ("audio", 2): self.init(target: .audio, key: parts[1], value: value)
        case ("account", 3) where !parts[1].isEmpty: self.init(target: .account(parts[1]), key: parts[2], value: value)
        default: return nil
        }
        guard !key.isEmpty else { return nil }
    }

    /// The keys `set` takes, per section: those `reload` applies to a running phone.
    public static var settableKeys: (general: [String], audio: [String], account: [String]) {
        (ConfigComparison.generalCopies.keys.sorted(), ConfigComparison.audioCopies.keys.sorted(),
         ConfigComparison.accountCopies.keys.sorted())
    }

    /// `current` with this setting changed, or why not (the decoder's words).
    public func applied(to current: PipitConfig) -> Result<PipitConfig, SettingError> {
        let keys = Self.settableKeys
        var config = current
        switch target {
        case .general:
            guard keys.general.contains(key) else { return .failure(.notSettable(self)) }
            return decode("[general]\n\(key) = \(literal)\n").map { decoded in
                config.general = Self.copy(key, ConfigComparison.generalCopies, from: decoded.general, to: config.general)
                return config
            }
        case .audio:
            guard keys.audio.contains(key) else { return .failure(.notSettable(self)) }
            return decode("[audio]\n\(key) = \(literal)\n").map { decoded in
                config.audio = Self.copy(key, ConfigComparison.audioCopies, from: decoded.audio, to: config.audio)
                return config
            }
        case .account(let name):
            guard let index = config.accounts.firstIndex(where: { $0.name == name }) else { return .failure(.noAccount(name)) }
            guard keys.account.contains(key) else { return .failure(.notSettable(self)) }
            let document = "[[account]]\nname = \"x\"\nuri = \"sip:x@127.0.0.1\"\nregister = false\n\(key) = \(literal)\n"
            return decode(document).flatMap { decoded in
                guard let account = decoded.accounts.first else { return .failure(.invalid(self, "not an account setting")) }
                config.accounts[index] = Self.copy(key, ConfigComparison.accountCopies, from: account, to: config.accounts[index])
                return .success(config)
            }
        }
    }

    /// The value as TOML: as typed when it is a TOML value, else a quoted string.
    var literal: String {
        if (try? TOMLTable.parse("v = \(value)\n")) != nil { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    private func decode(_ document: String) -> Result<PipitConfig, SettingError> {
        do {
            return .success(try ConfigLoader.decode(document))
        } catch {
            let message = error.diagnostics.first?.message ?? "\(error)"
            return .failure(.invalid(self, message))
        }
    }

    private static func copy<T>(_ key: String, _ copies: [String: (T, inout T) -> Void], from decoded: T, to live: T) -> T {
        var live = live
        copies[key]?(decoded, &live)
        return live
    }
}

/// Why `set` refused.
public enum SettingError: Error, Sendable, Equatable, CustomStringConvertible {
    case notSettable(ConfigSetting)
    case noAccount(String)
    case invalid(ConfigSetting, String)

    public var description: String {
        switch self {
        case .notSettable(let setting): "\(setting.key) cannot be set while pipit runs (edit the file; see pipit.conf(5))"
        case .noAccount(let name): "no account \(name)"
        case .invalid(let setting, let why): "\(setting.key): \(why)"
        }
    }
}
