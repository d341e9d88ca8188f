import CPulse
import Glibc

/// One PulseAudio stream (a record stream from a source, or a playback stream to a sink)
/// joined to a ring. Created and closed under the mainloop lock; every other method runs
/// where the mainloop runs (its own thread, or the media loop that adopted it), in
/// PulseAudio's callbacks or `push`, which only copy between PulseAudio's buffers and the
/// ring (no locks, no allocation in steady state).
///
/// Buffer attributes for `latencyMilliseconds` = L (default 40): playback asks the server
/// to keep L ms queued (`tlength`), to request refills every frame (`minreq` = 10 ms) and
/// to start playing once one frame is there (`prebuf` = 10 ms);
/// capture asks for fragments of L/2 ms (`fragsize`). `PA_STREAM_ADJUST_LATENCY` makes the
/// server size the device buffer for that total latency: for playback
/// (tlength − 2·minreq)/2, so minreq must stay well below L/2 (at L/2 the sink runs with
/// no latency at all: tiny blocks, a storm of wake-ups, and libpulse allocating).
/// Refills of 20 ms were tried twice and not kept: padded to what the server asks, a
/// request can find less than 20 ms in the ring and the padding becomes a gap; sending
/// only what the ring holds (silence only when the server runs low) has no gaps, but the
/// mainloop then woke more often, not less (the server's release messages for our
/// playback blocks no longer coincided with its requests: 149 wake-ups/s against 137).
/// All of this is the stream pulled by its own mainloop thread; while the media loop runs
/// the mainloop, playback is pushed (`push`) and the server's requests mostly stop.
final class PulseStream: @unchecked Sendable {
    let direction: AudioDirection
    let connection: PulseConnection
    let pa: PulseFunctions
    let format: AudioFormat
    let ring: SampleRing
    let controls: AudioControls
    let events: AudioEvents
    /// The sink or source asked for; nil follows the server's default. Changed only under
    /// the lock (`PulseDevice.switchDevice`).
    var configuredDevice: String?
    let followDefault: Bool
    let latencyMilliseconds: Int
    let xruns: XrunReporter
    // Mainloop-thread state (or under the lock).
    var stream: OpaquePointer?
    var currentDevice = ""
    var running = false
    /// The device whose loss made us reconnect, until the new stream is ready.
    var lostDevice: String?
    var reconnects = 0
    /// The user asked for the move under way (so its arrival is `switched`, not `deviceBack`).
    var switching = false
    private let scratch: UnsafeMutableBufferPointer<Int16>

    init(direction: AudioDirection, connection: PulseConnection, format: AudioFormat, ring: SampleRing,
         controls: AudioControls, events: AudioEvents, device: String?, followDefault: Bool, latencyMilliseconds: Int) {
        self.direction = direction
        self.connection = connection
        pa = connection.pa
        self.format = format
        self.ring = ring
        self.controls = controls
        self.events = events
        configuredDevice = device
        self.followDefault = followDefault
        self.latencyMilliseconds = latencyMilliseconds
        xruns = XrunReporter(direction: direction, events: events)
        scratch = .allocate(capacity: format.samples(milliseconds: 100))
        scratch.initialize(repeating: 0)
    }

    deinit {
        scratch.deallocate()
    }

    var label: String { "\(connection.label)/\(configuredDevice ?? "default")" }

    /// Control thread: connects to the configured device and waits until the stream runs.
    func open() throws(AudioError) {
        try connection.locked { () throws(AudioError) in
            running = true
            try connect(device: configuredDevice)
        }
        let settled = connection.wait(timeoutMilliseconds: 3000) { [self] in
            guard let stream else { return true }
            let state = pa.stream_get_state(stream)
            return state == PA_STREAM_READY || state == PA_STREAM_FAILED || state == PA_STREAM_TERMINATED
        }
        let ready = connection.locked { stream.map { pa.stream_get_state($0) == PA_STREAM_READY } ?? false }
        if !ready {
            let reason = settled ? connection.locked { connection.lastError } : "stream not ready in 3 s"
            close()
            throw AudioError(device: label, operation: "open \(direction)", reason: reason)
        }
    }

    /// Under the lock or on the mainloop thread: creates and connects a new pa_stream.
    func connect(device: String?) throws(AudioError) {
        var spec = pa_sample_spec(format: PA_SAMPLE_S16LE, rate: UInt32(format.sampleRate), channels: UInt8(format.channels))
        let properties = pa.proplist_new()
        // Desktops duck music for phone streams and may route them to a headset.
        _ = pa.proplist_sets(properties, "media.role", "phone")
        let name = direction == .capture ? "pipit microphone" : "pipit call"
        let created = pa.stream_new_with_proplist(connection.context, name, &spec, nil, properties)
        pa.proplist_free(properties)
        guard let created else {
            throw AudioError(device: label, operation: "open \(direction)", reason: connection.lastError)
        }
        stream = created
        let userdata = Unmanaged.passUnretained(self).toOpaque()
        pa.stream_set_state_callback(created, { stream, userdata in
            guard let stream, let userdata else { return }
            Unmanaged<PulseStream>.fromOpaque(userdata).takeUnretainedValue().stateChanged(stream)
        }, userdata)
        pa.stream_set_moved_callback(created, { stream, userdata in
            guard let stream, let userdata else { return }
            Unmanaged<PulseStream>.fromOpaque(userdata).takeUnretainedValue().moved(stream)
        }, userdata)
        let unit = UInt32(format.bytes(milliseconds: 1))
        let latency = UInt32(max(format.frameMilliseconds, latencyMilliseconds))
        var attributes = pa_buffer_attr(maxlength: UInt32.max, tlength: UInt32.max, prebuf: UInt32.max,
                                        minreq: UInt32.max, fragsize: UInt32.max)
        let flags = pa_stream_flags_t(rawValue: PA_STREAM_ADJUST_LATENCY.rawValue)
        let status: Int32
        switch direction {
        case .capture:
            pa.stream_set_read_callback(created, { stream, length, userdata in
                guard let stream, let userdata else { return }
                Unmanaged<PulseStream>.fromOpaque(userdata).takeUnretainedValue().readAvailable(stream, length)
            }, userdata)
            pa.stream_set_overflow_callback(created, { _, userdata in
                guard let userdata else { return }
                Unmanaged<PulseStream>.fromOpaque(userdata).takeUnretainedValue().xruns.record()
            }, userdata)
            attributes.fragsize = unit * UInt32(Self.fragmentMilliseconds(format: format, latency: Int(latency)))
            status = pa.stream_connect_record(created, device, &attributes, flags)
        case .playback:
            pa.stream_set_write_callback(created, { stream, length, userdata in
                guard let stream, let userdata else { return }
                Unmanaged<PulseStream>.fromOpaque(userdata).takeUnretainedValue().writeRequested(stream, length)
            }, userdata)
            pa.stream_set_underflow_callback(created, { _, userdata in
                guard let userdata else { return }
                Unmanaged<PulseStream>.fromOpaque(userdata).takeUnretainedValue().xruns.record()
            }, userdata)
            attributes.tlength = unit * latency
            attributes.minreq = unit * UInt32(format.frameMilliseconds)
            // Start (and restart after an underrun) once one frame is queued: the server's
            // default, a whole tlength, can exceed what it first asks for, and then the
            // stream never starts.
            attributes.prebuf = attributes.minreq
            status = pa.stream_connect_playback(created, device, &attributes, flags, nil, nil)
        }
        guard status >= 0 else {
            throw AudioError(device: label, operation: "open \(direction)", reason: connection.lastError)
        }
    }

    /// The record stream's fragment: half the latency asked for, at least a frame.
    static func fragmentMilliseconds(format: AudioFormat, latency: Int) -> Int {
        max(format.frameMilliseconds, max(format.frameMilliseconds, latency) / 2)
    }

    /// Control thread: stops and releases the stream.
    func close() {
        connection.locked {
            running = false
            release()
        }
    }

    /// Under the lock or on the mainloop thread: detaches our callbacks and drops the stream.
    func release() {
        cancelMeasurement()
        guard let stream else { return }
        pa.stream_set_state_callback(stream, nil, nil)
        pa.stream_set_moved_callback(stream, nil, nil)
        pa.stream_set_read_callback(stream, nil, nil)
        pa.stream_set_write_callback(stream, nil, nil)
        pa.stream_set_overflow_callback(stream, nil, nil)
        pa.stream_set_underflow_callback(stream, nil, nil)
        if pa.stream_get_state(stream) == PA_STREAM_READY || pa.stream_get_state(stream) == PA_STREAM_CREATING {
            _ = pa.stream_disconnect(stream)
        }
        pa.stream_unref(stream)
        self.stream = nil
    }

    /// Mainloop thread: moves captured samples to the ring, through gain, meter and mute.
    private func readAvailable(_ stream: OpaquePointer, _ readable: Int) {
        guard let base = scratch.baseAddress else { return }
        // Read what the callback announced, not until a peek finds nothing: every libpulse
        // call costs a getpid syscall (its fork check).
        var remaining = readable
        while remaining > 0 {
            var data: UnsafeRawPointer?
            var length = 0
            guard pa.stream_peek(stream, &data, &length) == 0, length > 0 else { return }
            // A nil pointer with a length is a hole in the record stream: nothing to copy.
            if let data {
                let total = length / 2
                var offset = 0
                while offset < total {
                    let count = min(total - offset, scratch.count)
                    memcpy(base, data + offset * 2, count * 2)
                    let chunk = UnsafeMutableBufferPointer(start: base, count: count)
                    controls.processCapture(chunk)
                    ring.write(UnsafeBufferPointer(chunk))
                    offset += count
                }
            }
            _ = pa.stream_drop(stream)
            remaining -= length
        }
    }

    /// Mainloop thread: fills what the server asks for from the ring (silence when the
    /// media side is late), through playback gain and meter, straight into the server's
    /// buffer.
    private func writeRequested(_ stream: OpaquePointer, _ length: Int) {
        // Pushed (see `push`): what the ring holds goes now, and nothing is made up.
        if pushed { ring.applyTrim() }
        write(stream, pushed ? min(length, ring.availableToRead * 2) : length)
    }

    /// While the media loop runs the mainloop, it calls this right after its ticks (under
    /// the lock, on its thread): what they just played goes to the server at once, all of
    /// it, past what the server asked for (see `PlaybackQueueLevel`), after the correction
    /// the last measurement of the queue called for. Every few pushes the queue is measured
    /// again; the answer comes with a later block, no wake-up of its own.
    func push() {
        guard let stream, direction == .playback, pushLevel != nil, pa.stream_get_state(stream) == PA_STREAM_READY else { return }
        if correction > 0 {
            correction -= ring.discard(correction)
        } else if correction < 0 {
            write(stream, -correction * 2, silence: true)
            correction = 0
        }
        ring.applyTrim()
        write(stream, ring.availableToRead * 2)
        pushesSinceMeasurement += 1
        if pushesSinceMeasurement >= Self.pushesPerMeasurement, measurement == nil {
            measure(stream)
        }
    }

    /// Set while the media loop runs the mainloop (`PulseDevice.adoptLoop`): the queue its
    /// pushes keep.
    var pushLevel: PlaybackQueueLevel? {
        didSet {
            correction = 0
            pushesSinceMeasurement = 0
            measuredQueue = nil
        }
    }
    var pushed: Bool { pushLevel != nil }
    /// Samples the next pushes drop (positive) or the next adds as silence (negative).
    private var correction = 0
    private var pushesSinceMeasurement = 0
    /// The timing request in flight.
    private var measurement: OpaquePointer?
    /// The queue in the server right after a push, samples, as last measured.
    private(set) var measuredQueue: Int?
    /// Every 100 ms with 20 ms blocks: drift is slower, and a stalled device is caught
    /// before much piles up.
    static let pushesPerMeasurement = 5

    private func measure(_ stream: OpaquePointer) {
        let userdata = Unmanaged.passUnretained(self).toOpaque()
        measurement = pa.stream_update_timing_info(stream, { stream, success, userdata in
            guard let stream, let userdata else { return }
            Unmanaged<PulseStream>.fromOpaque(userdata).takeUnretainedValue().measured(stream, success: success != 0)
        }, userdata)
        pushesSinceMeasurement = 0
    }

    private func measured(_ stream: OpaquePointer, success: Bool) {
        if let measurement { pa.operation_unref(measurement) }
        measurement = nil
        // The write index counts what was pushed before the request (libpulse corrects it
        // for writes the server had not seen), the read index what the server had taken.
        guard success, stream == self.stream, let level = pushLevel, let info = pa.stream_get_timing_info(stream)?.pointee,
              info.write_index_corrupt == 0, info.read_index_corrupt == 0 else { return }
        let queued = Int(clamping: (info.write_index &- info.read_index) / 2)
        measuredQueue = queued
        correction = level.correction(queued: queued)
    }

    /// Under the lock or on the mainloop thread: forgets a timing request in flight (its
    /// callback must not outlive the stream).
    private func cancelMeasurement() {
        guard let measurement else { return }
        pa.operation_cancel(measurement)
        pa.operation_unref(measurement)
        self.measurement = nil
    }

    /// Sends `length` bytes from the ring (silence where it runs short), or of silence.
    private func write(_ stream: OpaquePointer, _ length: Int, silence: Bool = false) {
        var remaining = length
        while remaining >= 2 {
            var data: UnsafeMutableRawPointer?
            var size = remaining
            guard pa.stream_begin_write(stream, &data, &size) == 0, let data, size >= 2 else { return }
            let count = min(size, remaining) / 2
            let samples = UnsafeMutableBufferPointer(start: data.bindMemory(to: Int16.self, capacity: count), count: count)
            if silence {
                samples.update(repeating: 0)
            } else {
                ring.readPaddingWithSilence(into: samples)
            }
            controls.processPlayback(samples)
            guard pa.stream_write(stream, data, count * 2, nil, 0, PA_SEEK_RELATIVE) == 0 else { return }
            remaining -= count * 2
        }
    }
}
