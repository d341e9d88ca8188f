/// One row of the help table: the single source of `help` output.
public struct CommandSpec: Sendable, Equatable {
    public var verb: CommandVerb
    /// The arguments in usage notation: `URI [ACCOUNT]`, `[CALL|all]`; empty when none.
    public var arguments: String
    /// One line saying what the command does.
    public var summary: String
    /// More lines for `help VERB`: defaults, accepted values.
    public var details: [String]

    public var name: String { verb.rawValue }
    /// `call URI [ACCOUNT]`
    public var usage: String { arguments.isEmpty ? name : "\(name) \(arguments)" }
}

extension CommandVerb {
    /// This verb's help.
    public var spec: CommandSpec {
        switch self {
        case .register:
            CommandSpec(verb: self, arguments: "[ACCOUNT]", summary: "register ACCOUNT (all accounts when none is given)",
                        details: [])
        case .unregister:
            CommandSpec(verb: self, arguments: "[ACCOUNT]", summary: "unregister ACCOUNT (all accounts when none is given)",
                        details: [])
        case .accounts:
            CommandSpec(verb: self, arguments: "", summary: "list the accounts and their registration state",
                        details: [])
        case .call:
            CommandSpec(verb: self, arguments: "URI [ACCOUNT]", summary: "call a SIP URI, a number or a user name",
                        details: ["A number or user name is completed with the account's domain.",
                                  "Without ACCOUNT, the account whose domain matches the URI is used, else the default one."])
        case .answer:
            CommandSpec(verb: self, arguments: "[CALL]", summary: "answer an incoming call (the ringing one when none is given)",
                        details: [])
        case .reject:
            CommandSpec(verb: self, arguments: "[CALL] [CODE]", summary: "reject an incoming call (603 Decline unless CODE says otherwise)",
                        details: ["CODE is a SIP status code from 400 to 699, or one of: \(RejectCode.namesList).",
                                  "With one argument, a number is the CALL; give CODE alone by name (`reject busy`)."])
        case .busy:
            CommandSpec(verb: self, arguments: "[CALL]", summary: "reject an incoming call as busy (486 Busy Here)",
                        details: [])
        case .hangup:
            CommandSpec(verb: self, arguments: "[CALL|all]", summary: "end a call (the current one when none is given), or all calls",
                        details: ["`hangup all` ends every call."])
        case .switch:
            CommandSpec(verb: self, arguments: "CALL", summary: "make CALL the current call and hold the others",
                        details: [])
        case .calls:
            CommandSpec(verb: self, arguments: "", summary: "list the calls in progress", details: [])
        case .atransfer:
            CommandSpec(verb: self, arguments: "CALL CALL", summary: "attended transfer: connect the first call's peer to the second's",
                        details: ["Call the new party first (the first call is held), talk, then `atransfer FIRST SECOND`:",
                                  "the first peer calls the second with Replaces and both your calls end."])
        case .dnd:
            CommandSpec(verb: self, arguments: "[on|off]", summary: "do not disturb: refuse incoming calls (486, or 603 with dnd_answer)",
                        details: ["Without on or off, says whether it is on."])
        case .forward:
            CommandSpec(verb: self, arguments: "always|busy|noanswer TARGET|off | off",
                        summary: "forward incoming calls to TARGET: all, during a call, or unanswered",
                        details: ["The caller is sent to TARGET by 302 Moved Temporarily; `forward off` stops every kind.",
                                  "`busy` takes calls that come during a call when call_waiting is off.",
                                  "`noanswer` waits forward_no_answer_after seconds (20 unless set).",
                                  "Applies to every account until pipit restarts; `forward` alone shows the forwarding."])
        case .autoanswer:
            CommandSpec(verb: self, arguments: "[on|off] [SECONDS] [ACCOUNT]",
                        summary: "answer incoming calls by themselves, after SECONDS (auto_answer_delay unless given)",
                        details: ["SECONDS is the delay (with off, kept for the next on). Applies to ACCOUNT, or to every",
                                  "account, until pipit restarts; `autoanswer` alone shows it.",
                                  "The auto_answer and auto_answer_delay settings are where it starts."])
        case .redial:
            CommandSpec(verb: self, arguments: "", summary: "call the last target dialled again", details: [])
        case .voicemail:
            CommandSpec(verb: self, arguments: "[ACCOUNT]", summary: "call your voicemail (the default account's when none is given)",
                        details: ["It calls the account's voicemail setting, else the address the PBX announced (Message-Account)."])
        case .message:
            CommandSpec(verb: self, arguments: "TARGET TEXT", summary: "send an instant message to a URI, a number, a user name or a CALL",
                        details: ["The rest of the line is the text (UTF-8, at most 1300 bytes); quotes are not needed.",
                                  "A call number sends it inside that call; whether it arrived is reported with the status code."])
        case .transfer:
            CommandSpec(verb: self, arguments: "TARGET [CALL] | accept|decline [CALL]",
                        summary: "hand a call over to TARGET (blind transfer); the call ends when TARGET answers",
                        details: ["TARGET is a URI, a number or a user name, as for `call`; without CALL, the current call.",
                                  "`transfer CALL TARGET` (the call first, as linphonec has it) works too.",
                                  "`transfer accept` or `transfer decline` answers the other side's request to transfer you",
                                  "(with `accept_transfer = \"ask\"`; a user named accept is written as a URI)."])
        case .hold:
            CommandSpec(verb: self, arguments: "[CALL]", summary: "put a call on hold (the current one when none is given)",
                        details: ["The other side stops hearing you and you stop hearing it; `resume` takes it back.",
                                  "A call the other side holds shows as `held by remote`."])
        case .resume:
            CommandSpec(verb: self, arguments: "[CALL]", summary: "take a held call off hold and talk on it; the other calls are held",
                        details: [])
        case .stats:
            CommandSpec(verb: self, arguments: "[CALL]", summary: "show a call's audio: codec, encryption, loss, jitter, delay, MOS",
                        details: ["Without CALL, every call with audio."])
        case .mute:
            CommandSpec(verb: self, arguments: "[CALL]", summary: "send silence instead of the microphone (the current call when none is given)",
                        details: [])
        case .unmute:
            CommandSpec(verb: self, arguments: "[CALL]", summary: "send the microphone again", details: [])
        case .record:
            CommandSpec(verb: self, arguments: "[CALL] [FILE|stop]",
                        summary: "record both sides of a call into a WAV file, or stop",
                        details: ["`record stop` (or `record CALL stop`) ends a recording; a file named stop is ./stop.",
                                  "The file has two channels: left is you, right is the other side.",
                                  "Without FILE it goes to the data directory's recordings/, named from the time and the peer."])
        case .play:
            CommandSpec(verb: self, arguments: "FILE [CALL]", summary: "play a WAV file into a call, over the microphone",
                        details: ["16-bit PCM at any rate, mono or stereo; playing another file replaces it."])
        case .conference:
            CommandSpec(verb: self, arguments: "", summary: "join every answered call: they hear each other and you",
                        details: ["The calls are mixed here. `switch CALL` splits the conference again; `hangup CALL` drops one."])
        case .audio:
            CommandSpec(verb: self, arguments: "[devices] | input|output|ring [DEVICE|default] | gain mic|speaker DB | mute [on|off] | levels",
                        summary: "the sound card: what is in use, its levels and devices, gains, microphone mute",
                        details: ["`audio` alone shows the backend, the devices in use, the gains and the current levels.",
                                  "`audio devices` lists the capture (input) and playback (output) devices; * marks the defaults.",
                                  "`audio output NAME` moves calls to another device at once (PulseAudio) or at the next call's start.",
                                  "`audio ring NAME` is where the phone rings; `default` goes back to the system's default device.",
                                  "`audio gain mic 6` raises the microphone by 6 dB (−40 to +24).",
                                  "`audio mute` mutes the microphone at the device, for every call until `audio mute off`",
                                  "(`mute` mutes one call); `audio levels` shows the microphone and speaker levels."])
        case .nat:
            CommandSpec(verb: self, arguments: "[status] [CALL]", summary: "NAT traversal: the STUN/TURN/ICE settings, each call's candidates and pair",
                        details: ["Per account: ICE on or off, the STUN and TURN servers, the Contact the registrar holds",
                                  "(behind a NAT, where the registrar saw us from).",
                                  "Per call (every call when CALL is not given): the ICE state and role, the selected pair,",
                                  "the public and relayed addresses, the NAT seen, both sides' candidates, what failed."])
        case .dtmf:
            CommandSpec(verb: self, arguments: "DIGITS [CALL]", summary: "send keys (0-9 * # A-D) to the other side, as a PBX menu expects",
                        details: ["Sent as RFC 4733 telephone-events (100 ms per key, 60 ms between keys) when the call agreed on them,",
                                  "else as SIP INFO, one per key; the account's dtmf setting can choose."])
        case .contacts:
            CommandSpec(verb: self, arguments: "[TEXT]", summary: "list the contacts (those whose name contains TEXT)",
                        details: ["Incoming calls show a contact's name when the caller sends none."])
        case .import:
            CommandSpec(verb: self, arguments: "FILE", summary: "import the contacts of a vCard file",
                        details: ["vCard 3.0 and 4.0, as phones and Nextcloud export them; importing again merges."])
        case .set:
            CommandSpec(verb: self, arguments: "[KEY] [VALUE]",
                        summary: "change a setting until pipit restarts: general.KEY, audio.KEY, account.NAME.KEY",
                        details: ["Keys and values as in the configuration file (pipit.conf(5)); a bare word is a string:",
                                  "`set account.work.srtp mandatory`, `set general.call_waiting false`.",
                                  "Checked as the file would be, applied as `reload` applies it; the file is not written.",
                                  "`set` alone lists the keys."])
        case .reload:
            CommandSpec(verb: self, arguments: "", summary: "re-read the configuration file; calls go on",
                        details: [])
        case .quit:
            CommandSpec(verb: self, arguments: "", summary: "hang up all calls, unregister and exit",
                        details: ["End of input does the same."])
        case .help:
            CommandSpec(verb: self, arguments: "[COMMAND]", summary: "list the commands, or explain one",
                        details: [])
        }
    }
}

/// The `help` output, built from the table.
public enum CommandHelp {
    /// The widest usage that shares its line with the summary in the overview.
    static let usageColumn = 28

    /// Every command, in table order.
    public static var table: [CommandSpec] { CommandVerb.allCases.map(\.spec) }

    /// Lines for `help` (no verb: one line per command) or `help VERB`.
    public static func lines(for verb: CommandVerb?) -> [String] {
        guard let verb else {
            // A usage longer than the column takes a line of its own, with its summary
            // under the others' summaries, so that one long command does not push every
            // summary off an 80-column screen.
            let width = table.map(\.usage.count).filter { $0 <= Self.usageColumn }.max() ?? Self.usageColumn
            let rows = table.flatMap { spec -> [String] in
                spec.usage.count > width
                    ? [spec.usage, "".padding(to: width) + "  " + spec.summary]
                    : [spec.usage.padding(to: width) + "  " + spec.summary]
            }
            return ["commands (`help COMMAND` for more; arguments in quotes may hold spaces):"] + rows.map { "  " + $0 }
        }
        let spec = verb.spec
        var lines = ["usage: \(spec.usage)", "  \(spec.summary)"]
        lines += spec.details.map { "  " + $0 }
        if !verb.aliases.isEmpty {
            lines.append("  also: " + verb.aliases.joined(separator: ", "))
        }
        return lines
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
