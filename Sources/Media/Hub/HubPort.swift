/// A call's connection to the `DeviceHub`: its microphone (source) and its speaker
/// (sink), at the call's codec rate. Media thread only.
final class HubPort: AudioSource, AudioSink {
    private unowned let hub: DeviceHub
    let rate: Int
    private let toCall: FrameResampler
    private let fromCall: FrameResampler
    /// This tick's far end at the hub rate, and last tick's (to take it out of the
    /// cross-feed: a caller must not hear themselves).
    private var far: [Int16]
    private var farPrevious: [Int16]
    private var scratch: [Int16]
    private var closed = false

    init?(hub: DeviceHub, rate: Int) {
        guard let toCall = FrameResampler(from: DeviceHub.sampleRate, to: rate),
              let fromCall = FrameResampler(from: rate, to: DeviceHub.sampleRate) else { return nil }
        self.hub = hub
        self.rate = rate
        self.toCall = toCall
        self.fromCall = fromCall
        far = [Int16](repeating: 0, count: DeviceHub.frame)
        farPrevious = far
        scratch = far
    }

    /// The microphone, plus the far ends of the other connected calls (conference).
    func read(into frame: UnsafeMutableBufferPointer<Int16>) {
        let near = hub.near
        if hub.ports.count > 1 {
            let sum = hub.farSum
            for i in scratch.indices {
                scratch[i] = Int16(clamping: Int32(near[i]) + sum[i] - Int32(farPrevious[i]))
            }
        } else {
            for i in scratch.indices { scratch[i] = near[i] }
        }
        scratch.withUnsafeBufferPointer { toCall.convert($0, into: frame) }
    }

    /// What the call plays this tick.
    func write(_ frame: UnsafeBufferPointer<Int16>) {
        far.withUnsafeMutableBufferPointer { fromCall.convert(frame, into: $0) }
    }

    /// Adds this tick's far end to `sum`, keeps it for the cross-feed, and clears it (a
    /// call that does not write next tick contributes silence).
    func takeFar(into sum: inout [Int32]) {
        for i in far.indices {
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
