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
    /// The sound card: what it is now, its devices, which to use, gains.
    case audio(AudioCommand)
    /// Re-read the configuration file without dropping calls.
    case reload
    case quit
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
}
