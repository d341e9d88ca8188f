import Media
import UserAgent

/// Renders events for people (text lines) and for scripts (JSON Lines). Pure: the same event
/// gives the same lines. Every line is one line: text from the network has its newlines and
/// terminal controls escaped.
public enum EventFormatter {
    /// The event as lines of text. One line, except for the answers to `accounts` and
    /// `calls`: one line per item, or one line saying there are none.
    ///
    ///     account work: registered (expires 600 s)
    ///     call 1: ringing — Bob <sip:bob@example.com>
    ///     call 2: terminated — busy (486 Busy Here)
    public static func text(_ event: Event) -> [String] {
        textLines(event).map(TerminalText.oneLine)
    }

    private static func textLines(_ event: Event) -> [String] {
        switch event {
        case .registration(let account, let state):
            return ["account \(account): \(EventWords.text(state))"]
        case .call(let call):
            return [callLine(call)]
        case .incomingCall(let call):
            return ["call \(call.id): incoming call from \(EventWords.remote(call)) (account \(call.account))"]
        case .messageReceived(let account, let from, let text):
            return ["message from \(from) (account \(account)): \(text)"]
        case .messageDelivery(let to, let code, let detail):
            let outcome = (200..<300).contains(code) ? "delivered" : "not delivered"
            return ["message to \(to): \(outcome) (\(code)" + (detail.isEmpty ? ")" : " \(detail))")]
        case .error(let text):
            return ["error: \(text)"]
        case .info(let text):
            return [text]
        case .log(let level, let text):
            return ["log \(level.rawValue): \(text)"]
        case .accounts(let accounts):
            guard !accounts.isEmpty else { return ["no accounts"] }
            return accounts.map(accountLine)
        case .contacts(let contacts):
            guard !contacts.isEmpty else { return ["no contacts"] }
            return contacts.map(contactLine)
        case .callStatistics(let call, let stats):
            return [statisticsLine(call, stats)]
        case .dtmfReceived(let call, let digit):
            return ["call \(call): dtmf \(digit)"]
        case .audio(let text, let warning):
            return [(warning ? "audio warning: " : "audio: ") + text]
        case .soundLevels(let levels):
            return [levelsLine(levels)]
        case .voicemail(let account, let summary):
            return ["account \(account): " + EventWords.text(summary)]
        case .transfer(let call, let update):
            return ["call \(call): " + EventWords.text(update)]
        case .noMedia(let call, let reason):
            return ["call \(call): no audio from the peer: " + reason]
        case .natStatus(let report):
            return natLines(report)
        case .networkChanged(let report):
            return ["network changed: " + report.summary]
        case .calls(let calls):
            guard !calls.isEmpty else { return ["no calls"] }
            return calls.map { call in
                var notes = [call.direction.rawValue, "account \(call.account)"]
                if call.isCurrent { notes.append("current") }
                return callLine(call) + " (" + notes.joined(separator: ", ") + ")"
            }
        }
    }

    /// `call 1: audio opus, encrypted, to 192.0.2.4:4000 — sent 1502, received 1498, lost 0.4 %,
    /// jitter 3 ms, round trip 41 ms, buffer 40 ms, MOS 4.3`
    /// `audio levels: microphone -23 dBFS, speaker silent; microphone muted`
    private static func levelsLine(_ levels: SoundLevels) -> String {
        func level(_ value: Double?) -> String {
            guard let value else { return "closed" }
            let decibels = SoundLevels.decibels(value)
            return decibels <= -90 ? "silent" : "\(decibels) dBFS"
        }
        let state = levels.microphoneMuted ? "; microphone muted" : ""
        guard levels.microphone != nil || levels.speaker != nil else { return "audio levels: no device open" + state }
        return "audio levels: microphone \(level(levels.microphone)), speaker \(level(levels.speaker))" + state
    }

    private static func statisticsLine(_ call: CallNumber, _ s: MediaStreamSnapshot) -> String {
        let q = s.quality
        var parts = ["sent \(q.packetsSent)", "received \(q.packetsReceived)",
                     "lost \(q.packetsLost) (\(percent(q.fractionLost)))", "jitter \(Int(q.jitterMilliseconds.rounded())) ms"]
        if let peer = q.peerFractionLost { parts.append("peer lost \(percent(peer))") }
        if let rtt = q.roundTripMilliseconds { parts.append("round trip \(Int(rtt.rounded())) ms") }
        if let buffer = q.jitterBufferDelayMilliseconds { parts.append("buffer \(Int(buffer.rounded())) ms") }
        if q.concealedFrames > 0 { parts.append("concealed \(q.concealedFrames) frames") }
        if q.fecFrames > 0 { parts.append("FEC rebuilt \(q.fecFrames) frames") }
        if q.redundantFrames > 0 { parts.append("redundancy filled \(q.redundantFrames) frames") }
        if let mos = s.mos { parts.append("MOS " + String(format1: mos)) }
        if let quiet = s.secondsSinceLastPacket, quiet >= 2 { parts.append("nothing heard for \(Int(quiet)) s") }
        let head = "call \(call): audio \(s.codec), \(s.encrypted ? "encrypted" : "not encrypted")"
            + (s.remote.map { ", to \($0)" } ?? "")
        return head + " — " + parts.joined(separator: ", ")
    }

    private static func percent(_ fraction: Double) -> String {
        String(format1: fraction * 100) + " %"
    }

    /// `contact Bob Smith: sip:bob@example.com, +1 555 0100 (mobile)`
    private static func contactLine(_ contact: Contact) -> String {
        let numbers = contact.numbers.map { number in number.label.map { "\(number.number) (\($0))" } ?? number.number }
        let addresses = (contact.uris + numbers).map(TerminalText.oneLine).joined(separator: ", ")
        return "contact \(TerminalText.oneLine(contact.name))" + (addresses.isEmpty ? "" : ": " + addresses)
    }

    /// `call 1: ringing — Bob <sip:…>`; a terminated call tells why instead of who.
    private static func callLine(_ call: CallSnapshot) -> String {
        if call.state == .terminated, let end = call.end {
            return "call \(call.id): terminated — \(EventWords.text(end))"
        }
        return "call \(call.id): \(EventWords.text(call.state)) — \(EventWords.remote(call))"
    }

    /// `account work: registered (expires 600 s) — sip:alice@example.com (default)`
    private static func accountLine(_ account: AccountSummary) -> String {
        let state = account.isLocal && account.state == .unregistered
            ? "local, no registrar" : EventWords.text(account.state)
        var notes: [String] = []
        if account.isDefault { notes.append("default") }
        if account.autoAnswer { notes.append("auto-answer") }
        if account.forwarding { notes.append("forwarding") }
        return "account \(account.name): \(state) — \(account.uri)" + (notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")")
    }
}

extension String {
    /// One decimal place, without Foundation.
    init(format1 value: Double) {
        guard value.isFinite else { self = "-"; return }
        let tenths = Int((value * 10).rounded())
        self = (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
