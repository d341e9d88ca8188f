/// Everything a user can do. Front ends turn keys and command lines into these.
public enum Command: Sendable, Equatable {
    case register(account: String?)
    case unregister(account: String?)
    case accounts
    /// Dial `target` (a URI, a number or a user name; completed with the account's domain).
    case call(target: String, account: String?)
    case answer(call: CallNumber?)
    case reject(call: CallNumber?, code: Int?)
    case hangup(call: CallNumber?)
    case hangupAll
    /// Make `call` the current one; the others are held.
    case switchTo(call: CallNumber)
    case calls
    /// Put a call on hold (re-INVITE offering `sendonly`, or `inactive` when the peer
    /// holds us too). The call stays current; the others are untouched.
    case hold(call: CallNumber?)
    /// Take a held call off hold and make it the current one: the other calls are held
    /// (as `switchTo` does).
    case resume(call: CallNumber?)
    /// List contacts, all or those whose name contains `search`.
    case contacts(search: String?)
    /// Import the vCards in a file (a phone's or Nextcloud's export) into the contacts.
    case importContacts(path: String)
    /// The audio figures of a call (all calls when nil): codec, loss, jitter, MOS…
    case statistics(call: CallNumber?)
    /// Send silence instead of the microphone (or the microphone again).
    case mute(call: CallNumber?, muted: Bool)
    /// Record both sides of a call into a WAV file (a name made from the time and the
    /// peer, in the data directory's `recordings`, when `path` is nil).
    case record(call: CallNumber?, path: String?)
    case stopRecording(call: CallNumber?)
    /// Play a WAV file into a call, over the microphone.
    case play(call: CallNumber?, path: String)
    /// Send keys (0–9, *, #, A–D) to the peer as DTMF.
    case sendDigits(call: CallNumber?, digits: String)
    /// Take every answered call off hold at once: they hear each other and us (a
    /// conference mixed here). `switch` splits it again, `hangup N` drops one leg.
    case conference
    /// The sound card: what it is now, its devices, which to use, gains.
    case audio(AudioCommand)
    /// NAT traversal: the accounts' STUN/TURN/ICE settings and what each call found.
    case nat(NATCommand)
    /// Blind transfer: ask the peer of `call` to call `target` (REFER); the call ends when
    /// the peer reaches it.
    case transfer(call: CallNumber?, target: String)
    /// Attended transfer: hand the peer of `call` over to the peer of `to` (a call we made
    /// to consult it); both our calls end when they are connected (REFER with Replaces).
    case attendedTransfer(call: CallNumber, to: CallNumber)
    /// Accept (or decline) the peer's request to transfer `call` (`accept_transfer = "ask"`).
    case answerTransfer(call: CallNumber?, accept: Bool)
    /// Send an instant message (RFC 3428): in `call`'s dialog, or to `target` on its own
    /// (one of the two is given; `account` chooses the account for `target`).
    case sendMessage(call: CallNumber?, target: String?, text: String, account: String?)
    /// Do not disturb on or off (nil: say whether it is on): incoming calls are refused
    /// with 486 or 603 (`dnd_answer`).
    case doNotDisturb(Bool?)
    /// Change or show call forwarding (for every account; until pipit restarts).
    case forward(ForwardingChange)
    /// Change or show auto-answer (one account, or every account; until pipit restarts).
    case autoAnswer(AutoAnswerChange)
    /// Call the account's voicemail (its `voicemail` setting, else what the PBX announced).
    case voicemail(account: String?)
    /// Call the last target dialled again.
    case redial
    /// Re-read the configuration file without dropping calls.
    case reload
    /// Change one setting for this run (`general.KEY`, `audio.KEY`, `account.NAME.KEY`),
    /// checked as the file would be; nil lists what can be set.
    case set(key: String?, value: String?)
    case quit
}

/// Which calls forwarding takes.
public enum ForwardingKind: String, Sendable, Equatable, CaseIterable {
    case always, busy
    case noAnswer = "noanswer"
}

/// What the `forward` command asks.
public enum ForwardingChange: Sendable, Equatable {
    case show
    case set(ForwardingKind, target: String)
    /// Off for one kind, or all of them (nil).
    case clear(ForwardingKind?)
}

/// pipit's own short number for a call, stable while the process runs ("1", "2" …).
public typealias CallNumber = Int

/// What `audio …` asks of the sound card.
public enum AudioCommand: Sendable, Equatable {
    /// Backend, devices in use, gains and levels.
    case status
    /// The backend's capture and playback devices.
    case devices
    /// Use `device` (nil: the default) for a role from now on; a call moves to it.
    case use(SoundDevices.Role, device: String?)
    /// Software gain of the microphone (`microphone`) or the speaker, in dB.
    case gain(microphone: Bool, decibels: Double)
    /// Mutes (true) or unmutes the microphone at the device: every call, and devices
    /// opened later, send silence until unmuted.
    case mute(Bool)
    /// The microphone and speaker levels now, as `Event.soundLevels` (the TUI's VU bars).
    case levels
}

/// What `nat …` asks.
public enum NATCommand: Sendable, Equatable {
    /// The accounts' settings, and the NAT traversal of `call` (every live call when nil).
    case status(call: CallNumber?)
}

/// What `autoanswer` does.
public enum AutoAnswerChange: Sendable, Equatable {
    /// Say which accounts answer by themselves.
    case show
    /// Turn it on (after `delay` seconds; nil keeps the account's `auto_answer_delay`) or
    /// off, for `account` or (nil) every account.
    case set(on: Bool, delay: Int?, account: String?)
}
