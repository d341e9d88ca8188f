/// The buffer attributes a PulseAudio stream asks for, in milliseconds, for a latency
/// setting L (`PulseDevice.Configuration.latencyMilliseconds`, default 40). Pure.
///
/// Playback: the server keeps 1.5 L queued (`tlength`), asks for a refill each time L/2
/// has played (`minreq`) and starts once one refill is there (`prebuf`). Capture: fragments
/// of L/2 (`fragsize`). With `PA_STREAM_ADJUST_LATENCY` the server runs the sink with
/// (tlength − 2·minreq)/2 of latency: L/4, 10 ms by default.
///
/// Why: each refill request wakes libpulse's mainloop thread, and in a VM those wake-ups
/// (a context switch, a poll, the socket reads and writes around each message) were the
/// largest part of a call's audio cost; refills every L/2 instead of every 10 ms halve
/// them. The tlength grows with the refill: at tlength L and minreq L/2 the server would
/// run the sink with no latency at all (tiny blocks and a storm of wake-ups, in which
/// libpulse's free lists run dry and it allocates). The queue now stays between L and
/// 1.5 L (it was 0.75 L to L).
struct PulseBufferPlan: Equatable {
    /// Playback: what the server keeps queued.
    let targetLength: Int
    /// Playback: how much has to play before the server asks for more; also the start
    /// threshold (the server's default, a whole tlength, can exceed what it first asks for,
    /// and then the stream never starts).
    let refill: Int
    /// Capture: the size of the fragments the server sends.
    let fragment: Int

    /// - Parameters:
    ///   - latencyMilliseconds: L; never below one frame.
    ///   - frameMilliseconds: the device frame (10 ms), the smallest refill or fragment.
    init(latencyMilliseconds: Int, frameMilliseconds: Int) {
        let latency = max(frameMilliseconds, latencyMilliseconds)
        refill = max(frameMilliseconds, latency / 2)
        targetLength = latency + refill
        fragment = max(frameMilliseconds, latency / 2)
    }

    /// The sink latency the server chooses for this playback stream.
    var sinkLatency: Int { max(0, targetLength - 2 * refill) / 2 }
}
