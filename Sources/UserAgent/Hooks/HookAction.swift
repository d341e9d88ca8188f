/// What the `incoming_call` hook may tell pipit to do with the call, on the first line it
/// prints: `reject [CODE]`, `dnd`, `redirect URI`, `answer`, `ring FILE`.
public enum HookAction: Sendable, Equatable {
    /// Refuse with `code` (a 4xx–6xx final status; 603 Decline when none is given).
    case reject(code: Int)
    /// Refuse as do-not-disturb would (`dnd_answer`).
    case doNotDisturb
    /// 302 to this target (a URI, number or contact as `call` takes it).
    case redirect(String)
    case answer
    /// Ring with this WAV file instead of the configured ringtone.
    case ring(file: String)

    /// Reads the first line of `output`. Empty output is no action (`nil` with no problem);
    /// anything else unreadable is a problem for the log.
    public static func parse(_ output: [UInt8]) -> Result<HookAction, HookActionError>? {
        var line = output.prefix { $0 != 0x0A }
        if line.last == 0x0D { line = line.dropLast() }
        let text = String(decoding: line, as: UTF8.self)
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let verb = words.first?.lowercased() else { return nil }
        let rest = words.dropFirst()
        switch (verb, rest.count) {
        case ("reject", 0): return .success(.reject(code: 603))
        case ("reject", 1):
            guard let code = Int(rest[rest.startIndex]), (400...699).contains(code) else {
                return .failure(.badCode(String(rest[rest.startIndex].prefix(16))))
            }
            return .success(.reject(code: code))
        case ("dnd", 0): return .success(.doNotDisturb)
        case ("answer", 0): return .success(.answer)
        case ("redirect", 1): return .success(.redirect(String(rest[rest.startIndex])))
        case ("ring", 1...):
            // A file name may hold spaces: the rest of the line, as printed.
            let file = text.drop { $0 == " " || $0 == "\t" }.dropFirst(4).drop { $0 == " " || $0 == "\t" }
            return .success(.ring(file: String(file)))
        default:
            return .failure(.unknown(String(text.prefix(80))))
        }
    }
}

/// Why a hook's output was not an action.
public enum HookActionError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown(String)
    case badCode(String)

    public var description: String {
        switch self {
        case .unknown(let line):
            "not an action: \"\(line)\" (expected reject [CODE], dnd, redirect URI, answer or ring FILE)"
        case .badCode(let code): "reject takes a status code from 400 to 699, not \"\(code)\""
        }
    }
}
