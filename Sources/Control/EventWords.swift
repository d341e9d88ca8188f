import UserAgent

/// The words events are told in: human ones for text lines, stable tokens for JSON. Every
/// switch is exhaustive, so a new state or reason cannot ship without its words.
enum EventWords {
    // MARK: Registration

    static func token(_ state: RegistrationState) -> String {
        switch state {
        case .unregistered: "unregistered"
        case .registering: "registering"
        case .registered: "registered"
        case .refreshing: "refreshing"
        case .unregistering: "unregistering"
        case .failed: "failed"
        }
    }

    /// `registered (expires 600 s)`, `failed — Forbidden (403), not retrying`.
    static func text(_ state: RegistrationState) -> String {
        switch state {
        case .registered(let expires), .refreshing(let expires):
            return "\(token(state)) (expires \(expires) s)"
        case .failed(let reason, let code, let retryIn):
            var text = "failed — " + reason
            // The reason may already carry the code ("403 Forbidden").
            if let code, !reason.hasPrefix(String(code)) { text += " (\(code))" }
            return text + (retryIn.map { ", retry in \(seconds($0)) s" } ?? ", not retrying")
        case .unregistered, .registering, .unregistering:
            return token(state)
        }
    }

    /// Whole seconds, rounded up: "retry in 0 s" would be a lie for 0.4 s.
    static func seconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        let whole = attoseconds > 0 && seconds < Int64.max ? seconds + 1 : seconds
        return Int(clamping: whole)
    }

    // MARK: Calls

    static func token(_ state: CallState) -> String {
        switch state {
        case .trying: "trying"
        case .proceeding: "proceeding"
        case .ringing: "ringing"
        case .earlyMedia: "early_media"
        case .incoming: "incoming"
        case .established: "established"
        case .held: "held"
        case .terminating: "terminating"
        case .terminated: "terminated"
        }
    }

    static func text(_ state: CallState) -> String {
        switch state {
        case .earlyMedia: "early media"
        case .held(.local): "on hold"
        case .held(.remote): "held by remote"
        case .held(.both): "on hold (both sides)"
        case .trying, .proceeding, .ringing, .incoming, .established, .terminating, .terminated: token(state)
        }
    }

    static func token(_ reason: CallEnd.Reason) -> String {
        switch reason {
        case .localHangup: "local_hangup"
        case .remoteHangup: "remote_hangup"
        case .cancelled: "cancelled"
        case .missed: "missed"
        case .busy: "busy"
        case .declined: "declined"
        case .notFound: "not_found"
        case .unavailable: "unavailable"
        case .timeout: "timeout"
        case .rejected: "rejected"
        case .answeredElsewhere: "answered_elsewhere"
        case .redirected: "redirected"
        case .failed: "failed"
        case .interrupted: "interrupted"
        }
    }

    /// `busy (486 Busy Here)`, `no answer (408)`, `failed (no route to host)`.
    static func text(_ end: CallEnd) -> String {
        let parts = [end.code.map(String.init), end.detail].compactMap { $0 }.filter { !$0.isEmpty }
        return end.reason.rawValue + (parts.isEmpty ? "" : " (\(parts.joined(separator: " ")))")
    }

    // MARK: Voicemail

    /// `voicemail: 2 new (1 urgent), 8 old — sip:*97@example.com`, or `no new voicemail`.
    static func text(_ s: MessageSummary) -> String {
        let where_ = s.account.map { " — \($0)" } ?? ""
        guard s.waiting || s.newMessages > 0 else {
            return "no new voicemail" + (s.oldMessages > 0 ? " (\(s.oldMessages) old)" : "") + where_
        }
        let urgent = s.newUrgent > 0 ? " (\(s.newUrgent) urgent)" : ""
        return "voicemail: \(s.newMessages) new\(urgent), \(s.oldMessages) old" + where_
    }

    // MARK: Transfers

    /// `transfer to sip:carol@example.com failed (486 Busy Here)`.
    static func text(_ update: TransferUpdate) -> String {
        let parts = [update.code.map(String.init), update.detail].compactMap { $0 }.filter { !$0.isEmpty }
        let why = parts.isEmpty ? "" : " (\(parts.joined(separator: " ")))"
        let target = update.target
        switch update.stage {
        case .requested: return "transfer to \(target) requested"
        case .accepted: return "transfer to \(target) accepted" + why
        case .progress: return "transfer to \(target): the other side is calling" + why
        case .succeeded: return "transferred to \(target)"
        case .failed: return "transfer to \(target) failed" + why
        case .offered: return "the other side asks to transfer you to \(target) (transfer accept, or transfer decline)"
        case .calling: return "transferring to \(target)" + (update.newCall.map { " as call \($0)" } ?? "")
        case .declined: return "transfer to \(target) declined" + why
        }
    }

    /// `Bob <sip:bob@example.com>`, or the URI alone without a name.
    static func remote(_ call: CallSnapshot) -> String {
        guard let name = call.remoteName, !name.isEmpty else { return call.remoteURI }
        return "\(name) <\(call.remoteURI)>"
    }
}
