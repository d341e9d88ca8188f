import SIPMessage

extension TransactionKey {
    /// The magic cookie that marks an RFC 3261 branch (§8.1.1.7).
    static let magicCookie = "z9hG4bK"

    /// The key of the client transaction that sends `request` (its top Via branch, which
    /// must carry the magic cookie, and its method).
    public static func client(sending request: SIPRequest) throws(TransactionMatchError) -> TransactionKey {
        guard request.method != .ack else { throw .ackHasNoTransaction }
        let via = try topVia(of: .request(request))
        guard let branch = via.branch, isRFC3261(branch) else { throw .missingBranch }
        return TransactionKey(role: .client, identity: .branch(branch, sentBy: "", method: request.method.rawValue))
    }

    /// The key of the client transaction `response` belongs to (§17.1.3): top Via branch
    /// and CSeq method.
    public static func client(receiving response: SIPResponse) throws(TransactionMatchError) -> TransactionKey {
        let message = SIPMessage.response(response)
        let via = try topVia(of: message)
        guard let branch = via.branch, !branch.isEmpty else { throw .missingBranch }
        let cseq = try cseq(of: message)
        return TransactionKey(role: .client, identity: .branch(branch, sentBy: "", method: cseq.method))
    }

    /// The key of the server transaction `request` belongs to (§17.2.3). An ACK gets the
    /// key of its INVITE.
    public static func server(receiving request: SIPRequest) throws(TransactionMatchError) -> TransactionKey {
        let method = request.method == .ack ? SIPMethod.invite : request.method
        return try server(request, method: method.rawValue, toTag: TransactionMessages.toTag(request.headers))
    }

    /// The key of the INVITE server transaction a CANCEL targets (§9.2): the CANCEL's own
    /// key computed as if its method were INVITE. Its To tag equals the INVITE's.
    public static func cancelTarget(of cancel: SIPRequest) throws(TransactionMatchError) -> TransactionKey {
        try server(cancel, method: SIPMethod.invite.rawValue, toTag: TransactionMessages.toTag(cancel.headers))
    }

    /// An RFC 2543 ACK's key with `toTag` in place of its own To tag: an ACK carries the
    /// tag of the response, the INVITE (and so the key) usually none.
    static func legacyACK(_ ack: SIPRequest, toTag: String?) throws(TransactionMatchError) -> TransactionKey {
        try server(ack, method: SIPMethod.invite.rawValue, toTag: toTag)
    }

    private static func server(
        _ request: SIPRequest, method: String, toTag: String?
    ) throws(TransactionMatchError) -> TransactionKey {
        let message = SIPMessage.request(request)
        let via = try topVia(of: message)
        if let branch = via.branch, isRFC3261(branch) {
            return TransactionKey(role: .server, identity: .branch(branch, sentBy: sentBy(via), method: method))
        }
        let cseq = try cseq(of: message)
        guard let callID = (try? message.callID) ?? nil else { throw .badCallID }
        let from = (try? message.from) ?? nil
        let legacy = LegacyIdentity(
            requestURI: request.requestURI, toTag: toTag, fromTag: from?.tag, callID: callID.value,
            cseqNumber: cseq.number, method: method, topVia: via.description.lowercased())
        return TransactionKey(role: .server, identity: .legacy(legacy))
    }

    /// A branch that alone identifies a transaction: the cookie followed by at least one
    /// character. The bare cookie (RFC 4475) falls back to RFC 2543 matching.
    static func isRFC3261(_ branch: String) -> Bool {
        branch.hasPrefix(magicCookie) && branch.utf8.count > magicCookie.utf8.count
    }

    /// `host[:port]`, host case-folded; the port is compared as written (no default).
    private static func sentBy(_ via: Via) -> String {
        let host = via.host.description.lowercased()
        return via.port.map { "\(host):\($0)" } ?? host
    }

    private static func topVia(of message: SIPMessage) throws(TransactionMatchError) -> Via {
        guard let first = message.headers.values("Via").first, let via = try? Via.parse(first) else {
            throw .badVia
        }
        return via
    }

    private static func cseq(of message: SIPMessage) throws(TransactionMatchError) -> CSeq {
        guard let cseq = (try? message.cseq) ?? nil else { throw .badCSeq }
        return cseq
    }
}
