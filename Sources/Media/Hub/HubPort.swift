/// A call's connection to the `DeviceHub`: its microphone (source) and its speaker
/// (sink), at the call's codec rate. Media thread only.
final class HubPort: AudioSource, AudioSink {
    private unowned let hub: DeviceHub
    let rate: Int
    private let toCall: FrameResampler
    private let fromCall: FrameResampler
    /// This tick's far end at the hub rate, and last tick's (to take it out of the
    /// cross-feed: a caller must not hear themselves). Allocated once (see `DeviceHub`).
    private let far: UnsafeMutableBufferPointer<Int16>
    private let farPrevious: UnsafeMutableBufferPointer<Int16>
    private let scratch: UnsafeMutableBufferPointer<Int16>
    private var closed = false

    init?(hub: DeviceHub, rate: Int) {
        guard let toCall = FrameResampler(from: DeviceHub.sampleRate, to: rate),
              let fromCall = FrameResampler(from: rate, to: DeviceHub.sampleRate) else { return nil }
        self.hub = hub
        self.rate = rate
        self.toCall = toCall
        self.fromCall = fromCall
        far = .allocate(capacity: DeviceHub.frame)
        farPrevious = .allocate(capacity: DeviceHub.frame)
        scratch = .allocate(capacity: DeviceHub.frame)
        for buffer in [far, farPrevious, scratch] { buffer.initialize(repeating: 0) }
    }

    deinit {
        for buffer in [far, farPrevious, scratch] { buffer.deallocate() }
    }

    /// The microphone, plus the far ends of the other connected calls (conference).
    func read(into frame: UnsafeMutableBufferPointer<Int16>) {
        let near = hub.near
        guard hub.ports.count > 1 else {
            toCall.convert(UnsafeBufferPointer(near), into: frame)
            return
        }
        let sum = hub.farSum
        for i in 0..<DeviceHub.frame {
            scratch[i] = Int16(clamping: Int32(near[i]) + sum[i] - Int32(farPrevious[i]))
        }
        toCall.convert(UnsafeBufferPointer(scratch), into: frame)
    }

    /// What the call plays this tick.
    func write(_ frame: UnsafeBufferPointer<Int16>) {
        fromCall.convert(frame, into: far)
    }

    /// Adds this tick's far end to `sum` (a hub-rate frame), keeps it for the cross-feed,
    /// and clears it (a call that does not write next tick contributes silence).
    func takeFar(into sum: UnsafeMutableBufferPointer<Int32>) {
        for i in 0..<min(DeviceHub.frame, sum.count) {
            sum[i] += Int32(far[i])
            farPrevious[i] = far[i]
            far[i] = 0
        }
    }

    func close() {
        guard !closed else { return }
        closed = true
        hub.remove(self)
    }
}
