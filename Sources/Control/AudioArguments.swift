import UserAgent

/// The words after `audio`: nothing (status), `devices`, a role and a device, or
/// `gain mic|speaker DB`, `mute [on|off]`, `levels`.
enum AudioArguments {
    static let subcommands = ["devices", "input", "output", "ring", "gain", "mute", "levels"]

    static func parse(_ args: inout Arguments) throws(CommandError) -> AudioCommand {
        guard let word = args.next() else { return .status }
        switch word.lowercased() {
        case "devices", "list":
            try args.expectEnd()
            return .devices
        case "input", "output", "ring":
            let role = SoundDevices.Role(rawValue: word.lowercased()) ?? .output
            let name = try args.optionalName("DEVICE")
            try args.expectEnd()
            return .use(role, device: name.flatMap { $0.lowercased() == "default" ? nil : $0 })
        case "gain":
            let which = try args.requiredName("mic|speaker")
            let microphone: Bool
            switch which.lowercased() {
            case "mic", "microphone", "input": microphone = true
            case "speaker", "output": microphone = false
            default: throw .notAChoice(verb: args.verb, word: which, choices: ["mic", "speaker"])
            }
            let number = try args.requiredName("DB")
            guard let decibels = Double(number), decibels.isFinite else { throw .notANumber(verb: args.verb, word: number) }
            try args.expectEnd()
            return .gain(microphone: microphone, decibels: decibels)
        case "mute":
            let setting = args.next()
            try args.expectEnd()
            switch setting?.lowercased() {
            case nil, "on": return .mute(true)
            case "off": return .mute(false)
            case let other?: throw .notAChoice(verb: args.verb, word: other, choices: ["on", "off"])
            }
        case "unmute":
            try args.expectEnd()
            return .mute(false)
        case "levels", "level":
            try args.expectEnd()
            return .levels
        default:
            throw .notAChoice(verb: args.verb, word: word, choices: subcommands)
        }
    }
}
