/// An audio device: opens a capture and/or a playback stream at `format` and moves audio
/// between the OS and two rings. Small on purpose, like baresip's `ausrc`/`auplay`.
///
/// Threads: the device's own thread (PulseAudio's mainloop thread, an ALSA or clock thread)
/// is the producer of `captureRing` and the consumer of `playbackRing`; the media thread is
/// the other end of each. `start`/`stop` come from a control thread, never from the media
/// or device thread.
///
/// Gain, mute and meters live in `controls` and are applied on the device thread: capture
/// gain and mute before the capture ring, playback gain after the playback ring.
public protocol AudioDevice: AnyObject, Sendable {
    /// Which backend and device (`pulse:default`, `alsa:plughw:1,0`, `wav:/tmp/in.wav`, `null`).
    var description: String { get }
    /// The format both streams run at.
    var format: AudioFormat { get }
    /// Captured samples (device produces, media consumes); nil without a capture stream.
    var captureRing: SampleRing? { get }
    /// Samples to play (media produces, device consumes); nil without a playback stream.
    var playbackRing: SampleRing? { get }
    /// Mute, gains and levels.
    var controls: AudioControls { get }
    /// Device lost / back / xrun events.
    var events: AudioEvents { get }
    /// Opens the streams and starts moving audio. Throws `AudioError` naming the device.
    func start() throws(AudioError)
    /// Stops moving audio and closes the streams; idempotent.
    func stop()
    /// The device's event loop, for the caller's `poll` to run (see `DeviceLoop`); nil
    /// when it cannot move (the default). Stop only after `release()`.
    func adoptLoop() -> (any DeviceLoop)?
}

/// Ring sizes: room for `milliseconds` of audio in each ring (the media thread's slack).
enum RingSizing {
    static let milliseconds = 200

    static func makeRing(_ streams: AudioStreams, _ wanted: AudioStreams, _ format: AudioFormat) -> SampleRing? {
        streams.contains(wanted) ? SampleRing(capacity: format.samples(milliseconds: milliseconds)) : nil
    }
}
