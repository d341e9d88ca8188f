import Media
import SIPMessage

/// Everything that happens, as front ends see it. Front ends render these and nothing else.
public enum Event: Sendable, Equatable {
    case registration(account: String, state: RegistrationState)
    /// A call changed state. `remote` is the peer's display name and URI.
    case call(CallSnapshot)
    /// A new incoming call is ringing (also reported as `.call`); the UI alerts the user.
    case incomingCall(CallSnapshot)
    case messageReceived(account: String, from: String, text: String)
    /// The final answer to a message we sent (`message`): 2xx delivered, else not, with
    /// the code (408 when nothing came back).
    case messageDelivery(to: String, code: Int, detail: String)
    /// A command failed or something needs the user's attention.
    case error(String)
    /// Free text for the user (help output, notices).
    case info(String)
    /// The answer to the `accounts` command, in configuration order.
    case accounts([AccountSummary])
    /// The answer to the `calls` command: every call not yet terminated, by call number.
    case calls([CallSnapshot])
    case log(level: LogLevel, String)
    /// The answer to `contacts`.
    case contacts([Contact])
    /// A call's audio figures, answering `statistics`.
    case callStatistics(call: CallNumber, MediaStreamSnapshot)
    /// The peer pressed a key (RFC 4733 telephone-event, or SIP INFO).
    case dtmfReceived(call: CallNumber, digit: Character)
    /// About the sound card: which backend and device, a device lost (and the fallback
    /// used) or back, a device that cannot open (`warning`: calls may be silent).
    case audio(String, warning: Bool)
    /// The sound card's levels and microphone mute, answering `audio levels` and `audio mute`.
    case soundLevels(SoundLevels)
    /// Voicemail indication for `account` (RFC 3842): a NOTIFY of our subscription, or one
    /// the PBX sent on its own.
    case voicemail(account: String, MessageSummary)
    /// A transfer of `call`, ours (REFER sent) or the peer's (REFER received), moved on.
    case transfer(call: CallNumber, TransferUpdate)
    /// The call hears nothing: no RTP arrived in the first seconds after the answer.
    /// `reason` is the likely cause, said so the user can act on it.
    case noMedia(call: CallNumber, reason: String)
    /// The answer to `nat status`: the accounts' NAT settings and each call's traversal.
    case natStatus(NATReport)
    /// This machine's own addresses changed (another network, renumbering, a VPN), and
    /// what pipit did about it.
    case networkChanged(NetworkChangeReport)
}
