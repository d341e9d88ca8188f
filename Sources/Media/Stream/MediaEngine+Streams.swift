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

    /// A new offer/answer changed what the stream does.
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
