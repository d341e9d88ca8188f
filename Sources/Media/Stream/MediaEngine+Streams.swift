/// Call streams on the engine, for the signalling side.
extension MediaEngine {
    /// Starts a call's audio stream on the media thread. The sockets belong to the stream
    /// from now on (it closes them); the monitor carries its figures and events back.
    public func addStream(_ configuration: MediaStreamConfiguration, rtp: MediaSocket, rtcp: MediaSocket,
                          monitor: StreamMonitor) throws(MediaEngineError) -> MediaStreamID {
        try add { RTPStream(configuration: configuration, rtp: rtp, rtcp: rtcp, monitor: monitor) }
    }

    /// A new offer/answer changed what the stream does.
    public func reconfigureStream(_ id: MediaStreamID, _ configuration: MediaStreamConfiguration) throws(MediaEngineError) {
        try update(id) { ($0 as? RTPStream)?.reconfigure(configuration) }
    }
}
