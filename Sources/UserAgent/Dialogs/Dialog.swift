import SIPMessage

/// One SIP dialog (RFC 3261 §12): the state two user agents share between the INVITE
/// that created it and the BYE that ends it. Pure: built from messages, builds messages.
public struct Dialog: Sendable, Equatable {
    public let callID: String
    public let localTag: String
    public internal(set) var remoteTag: String
    /// Our From/To value (with our tag), as in every request we send in the dialog.
    public let local: NameAddress
    /// The peer's, with its tag.
    public internal(set) var remote: NameAddress
    /// The CSeq of our last request (ACK and CANCEL reuse the INVITE's).
    public internal(set) var localSeq: UInt32
    /// The CSeq of the peer's last request; nil until it sends one.
    public internal(set) var remoteSeq: UInt32?
    /// Where our in-dialog requests go: the peer's Contact, updated by target refreshes.
    public internal(set) var remoteTarget: URI
    /// Record-Route as this side must use it (§12.1.1, §12.1.2).
    public let routeSet: [NameAddress]
    /// Our Contact header value; a network change that moved us updates it (our own
    /// target refresh, carried by the re-INVITE).
    public internal(set) var localContact: String
    /// True while the dialog is early (created by a 1xx).
    public internal(set) var isEarly: Bool

    public var id: DialogID { DialogID(callID: callID, localTag: localTag, remoteTag: remoteTag) }

    /// The dialog a UAC gets from a 1xx (with a To tag) or 2xx to its INVITE (§12.1.2):
    /// route set from Record-Route in reverse, remote target from Contact.
    public static func asCaller(invite: SIPRequest, response: SIPResponse) throws(DialogError) -> Dialog {
        let message = SIPMessage.response(response)
        let request = SIPMessage.request(invite)
        guard let from = try? request.from, let localTag = from.tag else { throw .missing("From tag in our INVITE") }
        guard let to = try? message.to, let remoteTag = to.tag else { throw .missing("To tag in the response") }
        guard let callID = invite.headers.first("Call-ID") else { throw .missing("Call-ID") }
        guard let cseq = try? request.cseq else { throw .missing("CSeq") }
        let routes = (try? message.recordRoutes) ?? []
        // A 1xx without Contact still makes an early dialog; its target is the Request-URI
        // until a Contact arrives.
        let target = Self.contactURI(of: message) ?? ((try? invite.uri) ?? .other(scheme: "sip", text: ""))
        return Dialog(callID: callID, localTag: localTag, remoteTag: remoteTag, local: from, remote: to,
                      localSeq: cseq.number, remoteSeq: nil, remoteTarget: target, routeSet: routes.reversed(),
                      localContact: invite.headers.first("Contact") ?? "",
                      isEarly: response.statusCode < 200)
    }

    /// The dialog a UAS makes when it answers `invite` with a tagged response (§12.1.1):
    /// route set from Record-Route in order, remote target from Contact.
    public static func asCallee(invite: SIPRequest, localTag: String, localContact: String,
                                early: Bool) throws(DialogError) -> Dialog {
        let request = SIPMessage.request(invite)
        guard let from = try? request.from, let remoteTag = from.tag else { throw .missing("From tag") }
        guard var to = try? request.to else { throw .missing("To") }
        guard let callID = invite.headers.first("Call-ID") else { throw .missing("Call-ID") }
        guard let cseq = try? request.cseq else { throw .missing("CSeq") }
        guard let target = Self.contactURI(of: request) else { throw .missing("Contact") }
        to.parameters.removeAll { $0.name.lowercased() == "tag" }
        to.parameters.append(GenericParameter("tag", localTag))
        return Dialog(callID: callID, localTag: localTag, remoteTag: remoteTag, local: to, remote: from,
                      localSeq: UInt32.random(in: 1...0x7FFF_FFFF), remoteSeq: cseq.number,
                      remoteTarget: target, routeSet: (try? request.recordRoutes) ?? [],
                      localContact: localContact, isEarly: early)
    }

    /// The 2xx confirmed the dialog; a 2xx may also change the target (§12.1.2).
    public mutating func confirm(with message: SIPMessage) {
        isEarly = false
        refreshTarget(from: message)
    }

    /// A target refresh (re-INVITE, UPDATE, or their 2xx) moves the remote target to its
    /// Contact (§12.2.1.2, §12.2.2).
    public mutating func refreshTarget(from message: SIPMessage) {
        if let uri = Self.contactURI(of: message) { remoteTarget = uri }
    }

    /// Checks a request from the peer against the dialog's remote sequence (§12.2.2): an
    /// out-of-order CSeq is answered 500. ACK and CANCEL do not advance it.
    public mutating func acceptRemote(_ request: SIPRequest) -> Bool {
        guard let cseq = try? SIPMessage.request(request).cseq else { return false }
        if request.method == .ack || request.method == .cancel { return true }
        if let last = remoteSeq, cseq.number <= last { return false }
        remoteSeq = cseq.number
        return true
    }

    static func contactURI(of message: SIPMessage) -> URI? {
        guard let contacts = try? message.contacts, let first = contacts.first,
              case .address(let address) = first else { return nil }
        return address.uri
    }

    init(callID: String, localTag: String, remoteTag: String, local: NameAddress, remote: NameAddress,
         localSeq: UInt32, remoteSeq: UInt32?, remoteTarget: URI, routeSet: [NameAddress],
         localContact: String, isEarly: Bool) {
        self.callID = callID
        self.localTag = localTag
        self.remoteTag = remoteTag
        self.local = local
        self.remote = remote
        self.localSeq = localSeq
        self.remoteSeq = remoteSeq
        self.remoteTarget = remoteTarget
        self.routeSet = routeSet
        self.localContact = localContact
        self.isEarly = isEarly
    }
}

/// A dialog's identity (§12): Call-ID and both tags.
public struct DialogID: Sendable, Hashable {
    public var callID: String
    public var localTag: String
    public var remoteTag: String
}

public enum DialogError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(String)
    public var description: String {
        switch self {
        case .missing(let what): "cannot make a dialog: no \(what)"
        }
    }
}
