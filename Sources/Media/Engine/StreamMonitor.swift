import Synchronization

/// The window between a stream on the media thread and the signalling side: the media
/// thread publishes snapshots and events; anyone reads the latest snapshot.
public final class StreamMonitor: Sendable {
    /// Something the call's owner should know about now, not at the next poll.
    public enum Event: Sendable, Equatable {
        /// The peer sent an RFC 4733 digit.
        case digit(Character)
        /// Media now goes to another address (latched, or the peer's NAT rebound).
        case remoteChanged(String)
        /// No RTP for this long although the peer should be sending (`seconds`).
        case silence(seconds: Int)
        /// RTP flows again after silence.
        case mediaResumed
        /// SRTP packets failed authentication (wrong key, or someone else's packets).
        case authenticationFailures(Int)
        /// A file the stream should have written could not be opened.
        case fileError(String)
        /// The codec or SRTP could not be set up: the stream carries no audio.
        case setupFailed(String)
        /// Recording into this file started.
        case recording(String)
        /// Recording stopped; the file holds this much.
        case recordingStopped(String, seconds: Double)
        /// A file played into the call has ended.
        case playbackFinished
        /// NAT traversal news: the pair ICE selected, a TURN or ICE failure, consent lost.
        case nat(String)
    }

    private let state = Mutex(MediaStreamSnapshot())
    private let sink: (@Sendable (Event) -> Void)?

    /// `events` is called on the media thread: it must return at once (yield into a
    /// stream, no waiting).
    public init(events: (@Sendable (Event) -> Void)? = nil) {
        sink = events
    }

    public var snapshot: MediaStreamSnapshot { state.withLock { $0 } }

    func publish(_ snapshot: MediaStreamSnapshot) {
        state.withLock { $0 = snapshot }
    }

    func report(_ event: Event) {
        sink?(event)
    }
}
