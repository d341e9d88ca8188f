#if canImport(Glibc)
import Glibc
#endif
import Media

/// Commands and events about a call's audio: figures, mute, recording, and what the
/// media thread reports (digits, silence, files).
extension UserAgent {
    func statistics(_ id: CallNumber?) async {
        let legs = id.map { calls[$0].map { [$0] } ?? [] } ?? calls.values.sorted { $0.id < $1.id }
        if let id, legs.isEmpty { return emit(.error("no call \(id)")) }
        for leg in legs where !leg.machine.isOver {
            if let snapshot = await leg.media?.statistics() {
                emit(.callStatistics(call: leg.id, snapshot))
            } else if id != nil {
                emit(.info("call \(leg.id): no audio yet"))
            }
        }
    }

    func record(_ leg: CallLeg, path typed: String?) async {
        let path: String
        do {
            path = try recordingPath(typed, for: leg)
            try await leg.media?.startRecording(path: path)
        } catch {
            emit(.error("call \(leg.id): cannot record: \(error)"))
        }
    }

    /// `~/x.wav` expanded; no path: `<data>/recordings/<time>_<peer>.wav`.
    func recordingPath(_ typed: String?, for leg: CallLeg) throws -> String {
        if let typed {
            if typed.hasPrefix("~/"), let home = getenv("HOME") { return String(cString: home) + typed.dropFirst() }
            return typed
        }
        let directory = try DataDirectory.current() + "/recordings"
        try DataDirectory.prepare(directory)
        let started = Int(leg.startedAt / 1000)
        return directory + "/" + CallRecorder.fileName(peer: leg.snapshot.remoteURI, startedAt: started)
    }

    /// Something the media side reported: about the sound card, or about one call.
    func mediaEvent(_ event: MediaEvent) async {
        switch event {
        case .sound(let notice): soundNotice(notice)
        case .call(let session, let event): await streamEvent(event, session: session)
        }
    }

    func soundNotice(_ notice: SoundDevices.Notice) {
        switch notice {
        case .opened(let what): emit(.audio(what, warning: false))
        case .failed(let why): emit(.audio(why, warning: true))
        case .device(let event):
            switch event {
            case .xrun: log(.debug, "audio: \(event)")
            case .deviceLost, .failed: emit(.audio("\(event)", warning: true))
            case .deviceBack, .switched, .followingDefault: emit(.audio("\(event)", warning: false))
            }
        }
    }

    /// Something the media thread reported about one call.
    func streamEvent(_ event: StreamMonitor.Event, session: UInt64) async {
        guard let leg = calls.values.first(where: { ($0.media as? EngineSession)?.tag == session }) else { return }
        let call = "call \(leg.id)"
        switch event {
        case .digit(let key):
            emit(.dtmfReceived(call: leg.id, digit: key))
        case .remoteChanged(let address):
            log(.debug, "\(call): media now goes to \(address)")
        case .silence(let seconds):
            log(.warning, "\(call): no audio from the peer for \(seconds) s")
            // A call that never heard a packet: the session says why, once.
            if leg.machine.state == .established,
               let reason = await leg.media?.diagnoseNoMedia() {
                emit(.noMedia(call: leg.id, reason: reason))
            }
        case .mediaResumed:
            log(.info, "\(call): audio from the peer again")
        case .authenticationFailures(let count):
            log(.warning, "\(call): \(count) SRTP packets failed authentication")
        case .fileError(let what):
            emit(.error("\(call): \(what)"))
        case .setupFailed(let why):
            emit(.error("\(call): no audio: \(why)"))
        case .recording(let path):
            emit(.info("\(call): recording to \(path)"))
        case .nat(let text):
            log(.info, "\(call): \(text)")
        case .playbackFinished:
            emit(.info("\(call): finished playing"))
        case .recordingStopped(let path, let seconds):
            emit(.info("\(call): recording stopped, \(Int(seconds.rounded())) s in \(path)"))
        }
    }
}
