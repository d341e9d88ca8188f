/// Every key the configuration file knows, by section. Unknown keys are errors (with a
/// suggestion from this list), the reload diff compares these keys, and a test checks
/// that man/pipit.conf.5 documents each one.
public enum ConfigKeys {
    public static let topLevel = ["general", "network", "audio", "hooks", "account"]

    public static let general = [
        "user_agent", "log_level", "tones", "history", "max_redirects", "strict_inbound",
        "default_account", "call_waiting", "dnd_answer",
    ]

    public static let network = [
        "listen", "advertised_address", "rtp_port_min", "rtp_port_max",
        "stun_server", "turn_server", "turn_user", "turn_password", "turn_transport", "ice",
        "tls_ca_file", "tls_certificate", "tls_private_key",
    ]

    public static let audio = [
        "backend", "input", "output", "ring_output", "ringtone", "echo_cancel", "echo_tail", "noise_suppression", "auto_gain",
    ]

    public static let hooks = HookEvent.allCases.map(\.rawValue) + ["timeout"]

    public static let account = [
        "name", "uri", "username", "password", "password_command", "display_name",
        "registrar", "outbound_proxy", "transport", "register", "expires",
        "srtp", "codecs", "dtmf", "redundancy", "auto_answer", "auto_answer_delay",
        "accept_transfer", "auto_answer_requested", "forward_always", "forward_busy", "forward_no_answer",
        "forward_no_answer_after", "mwi", "voicemail", "stun_server", "turn_server", "turn_user", "turn_password", "turn_transport", "ice",
    ]

    /// Section name (as written in the file) → its keys.
    public static let bySection: [(section: String, keys: [String])] = [
        ("general", general), ("network", network), ("audio", audio), ("hooks", hooks), ("account", account),
    ]

    /// Codec names `codecs` accepts, in pipit's default order of preference.
    public static let codecs = ["opus", "g722", "pcmu", "pcma"]
}

/// "did you mean …?" for a mistyped key: the known key with the smallest edit distance,
/// if it is close enough to be a plausible typo.
enum KeySuggestion {
    static func nearest(to key: String, in known: [String]) -> String? {
        let lowered = key.lowercased().replacingHyphens
        var best: (String, Int)?
        for candidate in known {
            // `echo_cancellation` for `echo_cancel`: a long shared start is a strong hint.
            if candidate.count >= 4, lowered.count >= 3, lowered.hasPrefix(candidate) || candidate.hasPrefix(lowered) {
                return candidate
            }
            let d = distance(Array(lowered.unicodeScalars), Array(candidate.unicodeScalars))
            if best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        guard let (name, d) = best else { return nil }
        // A third of the key may be wrong (at least 2 edits for short keys).
        return d <= max(2, key.count / 3) ? name : nil
    }

    /// Levenshtein distance; keys are short (the caller bounds them).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard a.count <= 64, b.count <= 64 else { return Int.max }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension String {
    /// `display-name` is a common slip for `display_name`.
    var replacingHyphens: String { String(map { $0 == "-" ? "_" : $0 }) }
}
