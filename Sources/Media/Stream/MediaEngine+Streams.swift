import NAT

/// Call streams on the engine, for the signalling side.
extension MediaEngine {
    /// Starts a call's audio stream on the media thread. The sockets belong to the stream
    /// from now on (it closes them); the monitor carries its figures and events back.
    public func addStream(_ configuration: MediaStreamConfiguration, rtp: MediaSocket, rtcp: MediaSocket,
                          monitor: StreamMonitor) throws(MediaEngineError) -> MediaStreamID {
        let hub = self.hub
        return try add {
            let call = CallMedia(transport: StreamTransport(rtp: rtp, rtcp: rtcp), monitor: monitor)
            guard call.configure(configuration, hub: hub) else {
                call.close()
                return nil
            }
            return call
        }
    }

    /// A call's media from its first offer or answer on: the sockets (owned by the call
    /// from now on) and, with `nat`, NAT traversal, which starts gathering candidates at
    /// once. The stream starts with the first `reconfigureStream`.
    /// `otherHosts`: sockets on the machine's other interface addresses, more ICE host
    /// candidates (closed here when NAT traversal is off).
    public func openCall(rtp: MediaSocket, rtcp: MediaSocket, otherHosts: [MediaSocket] = [], nat: NATSettings?,
                         monitor: StreamMonitor) throws(MediaEngineError) -> MediaStreamID {
        if nat == nil { for unused in otherHosts { unused.close() } }
        return try add {
            let session = nat.map { NATSession(settings: $0, socket: rtp, rtcp: rtcp, otherHosts: otherHosts, monitor: monitor, now: .now) }
            return CallMedia(transport: StreamTransport(rtp: rtp, rtcp: rtcp, nat: session), monitor: monitor)
        }
    }

    /// What the call's NAT traversal gathered (public address, relay, ICE candidates),
    /// once gathering is over; nil without NAT traversal or when the call is gone.
    public func gathered(_ id: MediaStreamID) async -> NATGathering? {
        await withCheckedContinuation { (done: CheckedContinuation<NATGathering?, Never>) in
            do {
                try update(id) { handler in
                    guard let nat = (handler as? CallMedia)?.transport.nat else { return done.resume(returning: nil) }
                    nat.whenGathered { done.resume(returning: $0) }
                }
            } catch {
                done.resume(returning: nil)
            }
        }
    }

    /// Restarts the call's ICE from our side after a network change (new credentials,
    /// server-reflexive candidates learned again) and returns what the new gathering found,
    /// for the re-offer; nil when the call has no ICE with its peer and no socket had to
    /// move, or is gone. `removed`: only when the call uses one of these addresses (nil:
    /// in any case).
    public func restartICE(_ id: MediaStreamID, ifUsing removed: [TransportAddress]? = nil) async -> NATGathering? {
        await withCheckedContinuation { (done: CheckedContinuation<NATGathering?, Never>) in
            do {
                try update(id) { handler in
                    guard let nat = (handler as? CallMedia)?.transport.nat, nat.restartForNetworkChange(now: .now, ifUsing: removed) else {
                        return done.resume(returning: nil)
                    }
                    nat.whenGathered { done.resume(returning: $0) }
                }
            } catch {
                done.resume(returning: nil)
            }
        }
    }

    /// A new offer/answer changed what the stream does (or, after `openCall`, agreed on
    /// something for the first time: the stream starts).
    public func reconfigureStream(_ id: MediaStreamID, _ configuration: MediaStreamConfiguration) throws(MediaEngineError) {
        let hub = self.hub
        try update(id) { ($0 as? CallMedia)?.configure(configuration, hub: hub) }
    }

    /// Silences (or unsilences) what the stream sends; the call goes on.
    public func setMuted(_ id: MediaStreamID, _ muted: Bool) throws(MediaEngineError) {
        try update(id) { ($0 as? CallMedia)?.stream?.muted = muted }
    }

    /// Records both sides of the call into a two-channel WAV at `path` (near left, far
    /// right). A file that cannot be created is reported through the stream's monitor.
    public func startRecording(_ id: MediaStreamID, path: String) throws(MediaEngineError) {
        try update(id) { ($0 as? CallMedia)?.stream?.startRecording(path: path) }
    }

    public func stopRecording(_ id: MediaStreamID) throws(MediaEngineError) {
        try update(id) { ($0 as? CallMedia)?.stream?.stopRecording() }
    }

    /// Sends keys as RFC 4733 telephone-events, one after another. `done` is told (on the
    /// media thread) whether the peer agreed to telephone-events at all.
    public func sendDigits(_ id: MediaStreamID, _ keys: String, done: @escaping @Sendable (Bool) -> Void) throws(MediaEngineError) {
        try update(id) { stream in done((stream as? CallMedia)?.stream?.sendDigits(keys) ?? false) }
    }

    /// Sends keys as in-band DTMF tones mixed into the call's audio (for peers without
    /// RFC 4733 or SIP INFO).
    public func sendInbandDigits(_ id: MediaStreamID, _ keys: String) throws(MediaEngineError) {
        try update(id) { ($0 as? CallMedia)?.stream?.sendInbandDigits(keys) }
    }

    /// Plays mono samples at the stream's codec rate into the call, over the microphone
    /// (a greeting, a prompt); replaces a file still playing.
    public func play(_ id: MediaStreamID, samples: [Int16]) throws(MediaEngineError) {
        try update(id) { ($0 as? CallMedia)?.stream?.overlay = SampleSource(samples: samples, loop: false) }
    }

    /// The PCM rate of the stream's codec, which `play` expects; told on the media thread.
    public func sampleRate(of id: MediaStreamID, _ answer: @escaping @Sendable (Int?) -> Void) throws(MediaEngineError) {
        try update(id) { answer(($0 as? CallMedia)?.stream.map { $0.played.count * 100 }) }
    }
}
