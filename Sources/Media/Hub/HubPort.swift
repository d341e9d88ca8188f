/// A call's connection to the `DeviceHub`: its microphone (source) and its speaker
/// (sink), at the call's codec rate. Media thread only.
final class HubPort: AudioSource, AudioSink {
    private unowned let hub: DeviceHub
    let rate: Int
    /// The hub's mix rate (`DeviceHub.mixRate`) ↔ the call's rate.
    private var toCall: FrameResampler
    private var fromCall: FrameResampler
    /// Samples per frame at the mix rate.
    private var mixFrame: Int
    /// This tick's far end at the mix rate, and last tick's (to take it out of the
    /// cross-feed: a caller must not hear themselves). Allocated once for the device's
    /// rate, the highest mix rate (see `DeviceHub`).
    private let far: UnsafeMutableBufferPointer<Int16>
    private let farPrevious: UnsafeMutableBufferPointer<Int16>
    private let scratch: UnsafeMutableBufferPointer<Int16>
    private var closed = false

    init?(hub: DeviceHub, rate: Int, mixRate: Int) {
        guard let toCall = FrameResampler(from: mixRate, to: rate),
              let fromCall = FrameResampler(from: rate, to: mixRate) else { return nil }
        self.hub = hub
        self.rate = rate
        self.toCall = toCall
        self.fromCall = fromCall
        mixFrame = mixRate / 100
        far = .allocate(capacity: DeviceHub.frame)
        farPrevious = .allocate(capacity: DeviceHub.frame)
        scratch = .allocate(capacity: DeviceHub.frame)
        for buffer in [far, farPrevious, scratch] { buffer.initialize(repeating: 0) }
    }

    deinit {
        for buffer in [far, farPrevious, scratch] { buffer.deallocate() }
    }

    /// Follows a change of the hub's mix rate (a call joined or left); false when no
    /// resampler can be had (the port keeps its old rate and hears silence).
    func setMixRate(_ mixRate: Int) -> Bool {
        guard let to = FrameResampler(from: mixRate, to: rate), let from = FrameResampler(from: rate, to: mixRate) else {
            return false
        }
        toCall = to
        fromCall = from
        mixFrame = mixRate / 100
        for buffer in [far, farPrevious, scratch] { buffer.update(repeating: 0) }
        return true
    }

    /// The microphone, plus the far ends of the other connected calls (conference).
    func read(into frame: UnsafeMutableBufferPointer<Int16>) {
        let near = hub.near
        guard near.count == mixFrame else {
            frame.update(repeating: 0)
            return
        }
        guard hub.ports.count > 1 else {
            toCall.convert(UnsafeBufferPointer(near), into: frame)
            return
        }
        let sum = hub.farSum
        for i in 0..<mixFrame {
            scratch[i] = Int16(clamping: Int32(near[i]) + sum[i] - Int32(farPrevious[i]))
        }
        toCall.convert(UnsafeBufferPointer(rebasing: scratch[0..<mixFrame]), into: frame)
    }

    /// What the call plays this tick.
    func write(_ frame: UnsafeBufferPointer<Int16>) {
        fromCall.convert(frame, into: UnsafeMutableBufferPointer(rebasing: far[0..<mixFrame]))
    }

    /// Adds this tick's far end to `sum` (a mix-rate frame), keeps it for the cross-feed,
    /// and clears it (a call that does not write next tick contributes silence).
    func takeFar(into sum: UnsafeMutableBufferPointer<Int32>) {
        for i in 0..<min(mixFrame, sum.count) {
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
