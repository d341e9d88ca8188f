/// What the media loop drives: one call's stream. It lives on the media thread from
/// creation to `close()`; nothing else touches it.
public protocol MediaStreamHandler: AnyObject {
    /// The sockets to watch for datagrams (RTP, and RTCP when not muxed).
    var sockets: [MediaSocket] { get }
    /// A datagram is waiting on `socket`; the handler reads everything it can.
    func readable(_ socket: MediaSocket, now: ContinuousClock.Instant)
    /// Every tick (`MediaEngine.tick`): capture → encode → send, jitter buffer → playout,
    /// RTCP when due.
    func tick(now: ContinuousClock.Instant)
    /// The stream is removed: send what leaving needs (RTCP BYE), release sockets.
    func close()
}

/// Identifies a stream inside one engine.
public struct MediaStreamID: Hashable, Sendable, CustomStringConvertible {
    public let value: Int
    public init(_ value: Int) { self.value = value }
    public var description: String { "stream \(value)" }
}
