/// Our `o=` line across a session's offers and answers (RFC 3264 §8): the session id never
/// changes, and the version grows by exactly one when — and only when — the description
/// differs from the one sent before.
public struct LocalSessionState: Hashable, Sendable {
    public let sessionID: UInt64
    /// The version of the last description stamped.
    public private(set) var version: UInt64
    /// The last description stamped, as it was sent.
    public private(set) var lastSent: SessionDescription?

    /// `sessionID` and `initialVersion` come from the caller (RFC 8866 suggests an NTP
    /// timestamp); this type reads no clock.
    public init(sessionID: UInt64, initialVersion: UInt64 = 0) {
        self.sessionID = sessionID
        self.version = initialVersion
    }

    /// Sets `o=` sess-id and sess-version on `description` and records it as sent. The
    /// version is bumped if anything other than the version differs from the last one.
    public mutating func stamp(_ description: SessionDescription) -> SessionDescription {
        var d = description
        d.origin.sessionID = sessionID
        if var last = lastSent {
            last.origin.sessionVersion = d.origin.sessionVersion
            if last != d { version &+= 1 }
        }
        d.origin.sessionVersion = version
        lastSent = d
        return d
    }
}
