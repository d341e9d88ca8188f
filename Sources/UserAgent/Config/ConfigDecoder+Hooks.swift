import TOML

/// `[hooks]`.
extension ConfigDecoder {
    mutating func decodeHooks(_ s: Section) -> HookSettings {
        checkKeys(s, known: ConfigKeys.hooks)
        var h = HookSettings()
        h.incomingCall = hookCommand(s, HookEvent.incomingCall.rawValue)
        h.callAnswered = hookCommand(s, HookEvent.callAnswered.rawValue)
        h.callEnded = hookCommand(s, HookEvent.callEnded.rawValue)
        h.registration = hookCommand(s, HookEvent.registration.rawValue)
        h.messageReceived = hookCommand(s, HookEvent.messageReceived.rawValue)
        h.dtmfReceived = hookCommand(s, HookEvent.dtmfReceived.rawValue)
        if let v = int(s, "timeout", in: 1...60) { h.timeout = .seconds(v) }
        return h
    }

    /// `"~/bin/screen-calls --quiet"`: words split on spaces, no shell; the program's path
    /// resolved as `filePath` does when it has a slash, else left for a PATH lookup.
    private mutating func hookCommand(_ s: Section, _ key: String) -> HookCommand? {
        guard let (value, at) = string(s, key) else { return nil }
        let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first else {
            report("must name a program to run, such as \"~/bin/\(key).sh\"", in: s, key: key, at: at)
            return nil
        }
        guard value.utf8.count <= 4096, !value.contains(where: { $0.isNewline || $0 == "\0" }) else {
            report("must be one line of at most 4096 bytes", in: s, key: key, at: at)
            return nil
        }
        var program = first
        if first.hasPrefix("~/") {
            guard let home else {
                report("cannot expand ~: HOME is not set", in: s, key: key, at: at)
                return nil
            }
            program = home + first.dropFirst()
        } else if first.contains("/"), !first.hasPrefix("/"), let path, let slash = path.lastIndex(of: "/") {
            program = path[...slash] + first
        }
        return HookCommand(program: program, arguments: Array(words.dropFirst()))
    }
}
