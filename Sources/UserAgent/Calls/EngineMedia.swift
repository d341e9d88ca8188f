import Media
import SDP

/// Media negotiation backed by the media engine: every call gets a socket pair, real
/// offer/answer, and an RTP stream on the engine's thread once something is agreed.
public struct EngineMedia: MediaNegotiating {
    public let engine: MediaEngine
    public let ports: ClosedRange<UInt16>
    public let audio: AudioSettings
    /// Told about media events of every call (digits, silence, latching…), with the
    /// session they belong to.
    public let events: (@Sendable (MediaSessionEvent) -> Void)?

    public init(engine: MediaEngine, ports: ClosedRange<UInt16>, audio: AudioSettings,
                events: (@Sendable (MediaSessionEvent) -> Void)? = nil) {
        self.engine = engine
        self.ports = ports
        self.audio = audio
        self.events = events
    }

    public func makeSession(account: AccountConfig, localAddress: String) async throws -> any MediaSession {
        let sockets: (rtp: MediaSocket, rtcp: MediaSocket)
        do {
            sockets = try MediaSocket.bindPair(host: localAddress, ports: ports)
        } catch {
            throw MediaError.noPort("\(error)")
        }
        let input: WAVFile?
        do {
            input = try audio.backend == .file ? audio.input.map { try WAVFile(contentsOf: $0) } : nil
        } catch {
            sockets.rtp.close()
            sockets.rtcp.close()
            throw MediaError.noPort("audio input \(audio.input ?? ""): \(error)")
        }
        return EngineSession(engine: engine, sockets: sockets, account: account, localAddress: localAddress,
                             audio: audio, input: input, events: events)
    }
}

/// A media event with the session it came from.
public struct MediaSessionEvent: Sendable {
    /// The session's tag (`EngineSession.tag`).
    public let session: UInt64
    public let event: StreamMonitor.Event
}
