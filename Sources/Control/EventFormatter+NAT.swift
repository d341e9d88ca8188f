import Media
import UserAgent

/// `nat status` rendered: a block of lines for people, one `nat` object for scripts.
extension EventFormatter {
    ///     nat: account home: ice on, stun stun.example.net:3478, turn 203.0.113.1:3478 (user alice), registered as sip:alice@198.51.100.7:5060
    ///     call 1: ice completed (controlling), selected host 192.168.1.5:4000 c1 -> srflx 198.51.100.7:5000 c1
    ///       NAT, port kept; public address 198.51.100.9:4000
    ///       local candidates: host 192.168.1.5:4000 c1, srflx 198.51.100.9:4000 base 192.168.1.5:4000 c1
    ///       remote candidates: host 10.0.0.7:5000 c1, srflx 198.51.100.7:5000 base 10.0.0.7:5000 c1
    static func natLines(_ report: NATReport) -> [String] {
        var lines = report.accounts.map(natAccountLine)
        if report.accounts.isEmpty { lines.append("nat: no accounts") }
        if report.calls.isEmpty { lines.append("nat: no calls") }
        for call in report.calls { lines += natCallLines(call) }
        return lines
    }

    private static func natAccountLine(_ account: NATReport.Account) -> String {
        var parts = ["ice " + (account.ice ? "on" : "off")]
        parts.append(account.stunServer.map { "stun \($0)" } ?? "no stun server")
        if let server = account.turnServer {
            // UDP is the usual way to a TURN server: only TCP and TLS are worth a word.
            let over = account.turnTransport.flatMap { $0 == .udp ? nil : "over \($0.rawValue)" }
            let notes = [over, account.turnUser.map { "user \($0)" }].compactMap { $0 }
            parts.append("turn \(server)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))"))
        } else {
            parts.append("no turn server")
        }
        if let contact = account.registeredContact { parts.append("registered as \(contact)") }
        return "nat: account \(account.name): " + parts.joined(separator: ", ")
    }

    private static func natCallLines(_ call: NATReport.Call) -> [String] {
        let head = "call \(call.call): "
        guard let nat = call.nat else { return [head + "\(call.behaviour) (account \(call.account))"] }
        var ice = nat.iceState.map { "ice \($0)" + (nat.role.map { " (\($0))" } ?? "") } ?? "ice off"
        if let pair = nat.selectedPair { ice += ", selected \(pair)" }
        if let pair = nat.selectedRTCPPair { ice += ", RTCP \(pair)" }
        var seen = [call.behaviour]
        if let address = nat.publicAddress { seen.append("public address \(address)") }
        if let address = nat.relayedAddress { seen.append("relayed address \(address)") }
        var lines = [head + ice, "  " + seen.joined(separator: "; ")]
        if !nat.localCandidates.isEmpty { lines.append("  local candidates: " + nat.localCandidates.joined(separator: ", ")) }
        if !nat.remoteCandidates.isEmpty { lines.append("  remote candidates: " + nat.remoteCandidates.joined(separator: ", ")) }
        var problems: [String] = []
        if let failure = nat.stunFailure { problems.append("stun: \(failure)") }
        if let failure = nat.turnFailure { problems.append("turn: \(failure)") }
        if nat.consentLost { problems.append("consent lost: the peer stopped answering checks") }
        if !problems.isEmpty { lines.append("  problems: " + problems.joined(separator: "; ")) }
        return lines
    }

    /// `accounts` and `calls` arrays; `traversal` false for a call without NAT traversal,
    /// whose other NAT fields are then absent.
    static func natFields(_ report: NATReport) -> [(String, JSONValue?)] {
        let accounts = report.accounts.map { account -> JSONValue in
            .object([("account", .string(account.name)), ("ice", .bool(account.ice)),
                     ("stun_server", account.stunServer.map(JSONValue.string)),
                     ("turn_server", account.turnServer.map(JSONValue.string)),
                     ("turn_transport", account.turnTransport.map { .string($0.rawValue) }),
                     ("turn_user", account.turnUser.map(JSONValue.string)),
                     ("registered_contact", account.registeredContact.map(JSONValue.string))])
        }
        let calls = report.calls.map { call -> JSONValue in
            var fields: [(String, JSONValue?)] = [("call", .int(call.call)), ("account", .string(call.account)),
                                                  ("traversal", .bool(call.nat != nil)), ("behaviour", .string(call.behaviour))]
            if let nat = call.nat {
                fields += [("ice_state", nat.iceState.map(JSONValue.string)), ("role", nat.role.map(JSONValue.string)),
                           ("selected_pair", nat.selectedPair.map(JSONValue.string)),
                           ("selected_rtcp_pair", nat.selectedRTCPPair.map(JSONValue.string)),
                           ("public_address", nat.publicAddress.map(JSONValue.string)),
                           ("relayed_address", nat.relayedAddress.map(JSONValue.string)),
                           ("local_candidates", .array(nat.localCandidates.map(JSONValue.string))),
                           ("remote_candidates", .array(nat.remoteCandidates.map(JSONValue.string))),
                           ("stun_failure", nat.stunFailure.map(JSONValue.string)),
                           ("turn_failure", nat.turnFailure.map(JSONValue.string)),
                           ("consent_lost", .bool(nat.consentLost))]
            }
            return .object(fields)
        }
        return [("accounts", .array(accounts)), ("calls", .array(calls))]
    }
}
