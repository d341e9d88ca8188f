import Media
import UserAgent

extension EventFormatter {
    /// The event as one JSON object on one line (JSON Lines), keys in a fixed order, absent
    /// fields left out. `event` names the kind; the others, where they apply:
    ///
    /// - `time`: RFC 3339 UTC with milliseconds, when `unixMilliseconds` is given;
    /// - `account`, `call` (number), `direction` (`outgoing`/`incoming`), `state` (a token:
    ///   `registered`, `early_media`, `held` …), `hold` (`local`/`remote`/`both`), `remote`
    ///   (URI), `display_name`, `current`;
    /// - `reason`: for calls a token (`busy`, `local_hangup` …), for registration the failure
    ///   text; `code` (SIP status); `detail` (reason phrase or explanation); `expires` and
    ///   `retry_in` (seconds);
    /// - `text` for `message`, `error`, `info` and `log` (with `level`);
    /// - for `message_status` (a sent message's fate): `remote`, `delivered`, `code`, `detail`;
    /// - for `voicemail`: `account`, `waiting`, `new`, `old`, `urgent_new`, `urgent_old`,
    ///   `voicemail` (the address to call);
    /// - for `transfer`: `stage` (`requested`, `accepted`, `progress`, `succeeded`, `failed`,
    ///   `offered`, `calling`, `declined`), `target`, `code`, `detail`, `new_call`;
    /// - for `audio_levels`: `microphone` and `speaker` (RMS in whole dBFS, −120 for silence;
    ///   absent while no device is open) and `muted` (the device-level microphone mute);
    /// - `accounts` and `calls`: arrays of the same objects without `event`;
    /// - for `nat`: `accounts` (`account`, `ice`, `stun_server`, `turn_server`, `turn_transport`, `turn_user`,
    ///   `registered_contact`) and `calls` (`call`, `account`, `traversal`, `behaviour`,
    ///   `ice_state`, `role`, `selected_pair`, `selected_rtcp_pair` (without rtcp-mux), `public_address`, `relayed_address`,
    ///   `local_candidates`, `remote_candidates`, `stun_failure`, `turn_failure`, `consent_lost`).
    ///
    ///     {"event":"call","call":2,"account":"work","direction":"outgoing","state":"terminated","remote":"sip:bob@example.com","current":false,"reason":"busy","code":486,"detail":"Busy Here"}
    public static func json(_ event: Event, unixMilliseconds: Int64? = nil) -> String {
        let time = unixMilliseconds.map { JSONValue.string(Timestamp.rfc3339(unixMilliseconds: $0)) }
        let (kind, fields) = jsonFields(event)
        return JSONValue.object([("event", .string(kind)), ("time", time)] + fields).serialized()
    }

    private static func jsonFields(_ event: Event) -> (String, [(String, JSONValue?)]) {
        switch event {
        case .registration(let account, let state):
            return ("registration", [("account", .string(account))] + registrationFields(state))
        case .call(let call):
            return ("call", callFields(call))
        case .incomingCall(let call):
            return ("incoming_call", callFields(call))
        case .messageReceived(let account, let from, let text):
            return ("message", [("account", .string(account)), ("remote", .string(from)), ("text", .string(text))])
        case .messageDelivery(let to, let code, let detail):
            return ("message_status", [("remote", .string(to)), ("delivered", .bool((200..<300).contains(code))),
                                       ("code", .int(code)), ("detail", detail.isEmpty ? nil : .string(detail))])
        case .error(let text):
            return ("error", [("text", .string(text))])
        case .info(let text):
            return ("info", [("text", .string(text))])
        case .log(let level, let text):
            return ("log", [("level", .string(level.rawValue)), ("text", .string(text))])
        case .accounts(let accounts):
            return ("accounts", [("accounts", .array(accounts.map { .object(accountFields($0)) }))])
        case .calls(let calls):
            return ("calls", [("calls", .array(calls.map { .object(callFields($0)) }))])
        case .contacts(let contacts):
            return ("contacts", [("contacts", .array(contacts.map { .object(contactFields($0)) }))])
        case .callStatistics(let call, let stats):
            return ("statistics", [("call", .int(call))] + statisticsFields(stats))
        case .dtmfReceived(let call, let digit):
            return ("dtmf", [("call", .int(call)), ("digit", .string(String(digit)))])
        case .audio(let text, let warning):
            return ("audio", [("detail", .string(text)), ("warning", .bool(warning))])
        case .soundLevels(let levels):
            return ("audio_levels", [("microphone", levels.microphone.map { .int(SoundLevels.decibels($0)) }),
                                     ("speaker", levels.speaker.map { .int(SoundLevels.decibels($0)) }),
                                     ("muted", .bool(levels.microphoneMuted))])
        case .voicemail(let account, let s):
            return ("voicemail", [("account", .string(account)), ("waiting", .bool(s.waiting)),
                                  ("new", .int(s.newMessages)), ("old", .int(s.oldMessages)),
                                  ("urgent_new", .int(s.newUrgent)), ("urgent_old", .int(s.oldUrgent)),
                                  ("voicemail", s.account.map(JSONValue.string))])
        case .transfer(let call, let update):
            return ("transfer", [("call", .int(call)), ("stage", .string(update.stage.rawValue)),
                                 ("target", .string(update.target)), ("code", update.code.map(JSONValue.int)),
                                 ("detail", update.detail.map(JSONValue.string)), ("new_call", update.newCall.map(JSONValue.int))])
        case .noMedia(let call, let reason):
            return ("no_media", [("call", .int(call)), ("reason", .string(reason))])
        case .natStatus(let report):
            return ("nat", natFields(report))
        case .networkChanged(let report):
            return ("network_changed", [("added", .array(report.added.map(JSONValue.string))),
                                        ("removed", .array(report.removed.map(JSONValue.string))),
                                        ("restarted_calls", .array(report.restartedCalls.map { .int($0) })),
                                        ("reregistered_accounts", .array(report.reregisteredAccounts.map(JSONValue.string)))])
        }
    }

    /// Times in whole milliseconds, ratios in per-mille: JSON Lines stay integer-only.
    private static func statisticsFields(_ s: MediaStreamSnapshot) -> [(String, JSONValue?)] {
        let q = s.quality
        func ms(_ value: Double?) -> JSONValue? { value.map { .int(Int($0.rounded())) } }
        func permille(_ value: Double?) -> JSONValue? { value.map { .int(Int(($0 * 1000).rounded())) } }
        return [
            ("codec", .string(s.codec)), ("encrypted", .bool(s.encrypted)), ("remote", s.remote.map(JSONValue.string)),
            ("packets_sent", .int(Int(clamping: q.packetsSent))), ("packets_received", .int(Int(clamping: q.packetsReceived))),
            ("packets_lost", .int(Int(clamping: q.packetsLost))), ("loss_permille", permille(q.fractionLost)),
            ("peer_loss_permille", permille(q.peerFractionLost)), ("jitter_ms", ms(q.jitterMilliseconds)),
            ("peer_jitter_ms", ms(q.peerJitterMilliseconds)), ("round_trip_ms", ms(q.roundTripMilliseconds)),
            ("buffer_ms", ms(q.jitterBufferDelayMilliseconds)), ("concealed_frames", .int(Int(clamping: q.concealedFrames))),
            ("fec_frames", .int(Int(clamping: q.fecFrames))), ("redundant_frames", .int(Int(clamping: q.redundantFrames))),
            ("redundant_copies", .int(Int(clamping: q.redundantCopies))),
            ("mos_tenths", s.mos.map { .int(Int(($0 * 10).rounded())) }),
            ("auth_failures", .int(s.authenticationFailures)),
        ]
    }

    private static func registrationFields(_ state: RegistrationState) -> [(String, JSONValue?)] {
        var fields: [(String, JSONValue?)] = [("state", .string(EventWords.token(state)))]
        switch state {
        case .registered(let expires), .refreshing(let expires):
            fields.append(("expires", .int(expires)))
        case .failed(let reason, let code, let retryIn):
            fields += [("reason", .string(reason)), ("code", code.map(JSONValue.int)),
                       ("retry_in", retryIn.map { .int(EventWords.seconds($0)) })]
        case .unregistered, .registering, .unregistering:
            break
        }
        return fields
    }

    private static func callFields(_ call: CallSnapshot) -> [(String, JSONValue?)] {
        var hold: JSONValue?
        if case .held(let who) = call.state { hold = .string(who.rawValue) }
        let name = call.remoteName.flatMap { $0.isEmpty ? nil : JSONValue.string($0) }
        return [
            ("call", .int(call.id)),
            ("account", .string(call.account)),
            ("direction", .string(call.direction.rawValue)),
            ("state", .string(EventWords.token(call.state))),
            ("hold", hold),
            ("remote", .string(call.remoteURI)),
            ("display_name", name),
            ("current", .bool(call.isCurrent)),
            ("reason", call.end.map { .string(EventWords.token($0.reason)) }),
            ("code", call.end?.code.map(JSONValue.int)),
            ("detail", call.end?.detail.map(JSONValue.string)),
        ]
    }

    private static func contactFields(_ contact: Contact) -> [(String, JSONValue?)] {
        [("name", .string(contact.name)), ("uris", .array(contact.uris.map { .string($0) })),
         ("numbers", .array(contact.numbers.map { number in
             .object([("number", .string(number.number)), ("label", number.label.map { .string($0) })])
         })), ("note", contact.note.map { .string($0) })]
    }

    private static func accountFields(_ account: AccountSummary) -> [(String, JSONValue?)] {
        [("account", .string(account.name)), ("uri", .string(account.uri))]
            + registrationFields(account.state)
            + [("default", .bool(account.isDefault)), ("local", .bool(account.isLocal)),
               ("auto_answer", .bool(account.autoAnswer)), ("forwarding", .bool(account.forwarding))]
    }
}
