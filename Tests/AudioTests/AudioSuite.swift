import Testing

/// Every Audio test runs in this suite, one at a time: the device tests start real-time
/// threads and PulseAudio daemons (two cores in CI), and the allocation test counts
/// allocations by thread name, which only means something when no other device runs.
@Suite(.serialized, .timeLimit(.minutes(1))) enum AudioSuite {}
