/// One instant message (RFC 3428) in the history: sent or received.
public struct MessageRecord: Sendable, Equatable {
    public enum Direction: String, Sendable, Equatable { case incoming, outgoing }

    public var direction: Direction
    public var account: String
    /// The peer: From of a received message, the Request-URI of a sent one.
    public var remoteURI: String
    public var text: String
    /// Milliseconds since the epoch.
    public var time: Int64
    /// The final answer to a sent message (200, 404 …; 408 when none came); nil for
    /// received ones.
    public var sipCode: Int?

    public init(direction: Direction, account: String, remoteURI: String, text: String, time: Int64, sipCode: Int? = nil) {
        self.direction = direction
        self.account = account
        self.remoteURI = remoteURI
        self.text = text
        self.time = time
        self.sipCode = sipCode
    }
}
