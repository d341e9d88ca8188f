/// How much audio a pushed playback stream keeps queued in the sound server, and how far
/// from that a measurement may be before the next push corrects it.
///
/// While the media loop runs PulseAudio's mainloop it looks at the server only once per
/// captured block, so a refill request made between two blocks waits for the next one.
/// Kept at the server's own target the queue then ran down to one frame before the block
/// came: a block ~10 ms late was an underflow. Pushing every block whole instead keeps the
/// queue above the server's target (it asks for nothing), so the margin is whatever is
/// queued beyond one block; the price is that the server no longer says how full it is, so
/// the stream measures it (timing info) and corrects here: a device whose clock runs
/// slower than the microphone's would otherwise pile up delay, a faster one underflow, and
/// a device that stalls would come back with all it was sent meanwhile.
struct PlaybackQueueLevel: Equatable {
    /// Samples queued right after a push.
    let target: Int
    /// Samples above and below `target` left alone. Above, a frame and a half: the server
    /// takes whole frames, so the queue after a push is a frame more or less from one block
    /// to the next. Below, half a frame: a queue a frame short is a third of the margin
    /// gone, and the correction (silence) is cheap.
    let above: Int
    let below: Int
    /// Corrections are whole frames of this many samples.
    let frame: Int

    /// For a stream pushed every `blockMilliseconds` with `latencyMilliseconds` asked of the
    /// server: a frame (what the server takes ahead of playing it) and half of a block and
    /// of the latency (with 20 ms blocks and 40 ms asked: 40 ms). Measured on the lab's null
    /// sink with every push sent at once (`PulseMainloop.flush`): underflows begin with the
    /// media loop ~40 ms late; at 30 ms, ~25 late; at 50 ms, ~60 late (session 15). Until
    /// session 15 each block waited in libpulse for the next wake-up: 50 ms then held 35.
    init(format: AudioFormat, blockMilliseconds: Int, latencyMilliseconds: Int) {
        self.init(target: format.samples(milliseconds: format.frameMilliseconds + (blockMilliseconds + latencyMilliseconds) / 2),
                  frame: format.samples(milliseconds: format.frameMilliseconds))
    }

    init(target: Int, frame: Int) {
        self.target = target
        self.frame = max(1, frame)
        above = self.frame * 3 / 2
        below = self.frame / 2
    }

    /// What the next push does for a queue measured at `queued` samples right after a push:
    /// a positive count of samples to drop (the oldest not yet sent), a negative count of
    /// silence to add; zero within tolerance. Whole frames: down never past the target,
    /// up to the nearest.
    func correction(queued: Int) -> Int {
        let error = queued - target
        if error > above { return error / frame * frame }
        if error < -below { return (error - frame / 2) / frame * frame }
        return 0
    }
}
