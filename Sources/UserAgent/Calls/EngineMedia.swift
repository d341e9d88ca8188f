#if canImport(Glibc)
import Glibc
#endif
import Media
import SDP
import Audio

/// Media negotiation backed by the media engine: every call gets a socket pair, real
/// offer/answer, and an RTP stream on the engine's thread once something is agreed.
public struct EngineMedia: MediaNegotiating {
    public let engine: MediaEngine
    public let ports: ClosedRange<UInt16>
    public let audio: AudioSettings
    /// Media events of every call (digits, silence, latching, recording…), with the
    /// session they belong to. The user agent reads them.
    public let events: AsyncStream<MediaSessionEvent>
    private let sink: AsyncStream<MediaSessionEvent>.Continuation

    public init(engine: MediaEngine, ports: ClosedRange<UInt16>, audio: AudioSettings) {
        self.engine = engine
        self.ports = ports
        var audio = audio
        if audio.backend == .file {
            audio.input = audio.input.map(Self.expandingHome)
            audio.output = audio.output.map(Self.expandingHome)
        }
        self.audio = audio
        (events, sink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(256))
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
        let sink = self.sink
        return EngineSession(engine: engine, sockets: sockets, account: account, localAddress: localAddress,
                             audio: audio, input: input, events: { sink.yield($0) })
    }
}

extension EngineMedia {
    /// `~/x` is `$HOME/x`, as in a shell.
    static func expandingHome(_ path: String) -> String {
        guard path.hasPrefix("~/"), let home = getenv("HOME") else { return path }
        return String(cString: home) + path.dropFirst()
    }
}

/// A media event with the session it came from.
public struct MediaSessionEvent: Sendable {
    /// The session's tag (`EngineSession.tag`).
    public let session: UInt64
    public let event: StreamMonitor.Event
}
