// The Audio layer: sound devices for pipit's media engine.
//
// Threads and where they meet:
//
//     OS / sound server ── device thread ──▶ captureRing  ──▶ media thread (DSP, encoder)
//     OS / sound server ◀─ device thread ◀── playbackRing ◀── media thread (decoder, mixer)
//
// - `SampleRing`: lock-free single-producer/single-consumer ring of Int16 samples
//   (Synchronization.Atomic indices, acquire/release), allocated once; overruns drop the
//   newest samples, underruns are padded with silence by the playback side.
// - `AudioDevice`: the protocol every backend implements (start/stop, the two rings,
//   `AudioControls` for mute/gain/levels applied on the device thread, `AudioEvents`).
// - Backends, one small type each:
//   `PulseDevice` (a `PulseMainloop` on its own thread, or adopted by the media loop
//   during a call: `DeviceLoop`; media.role=phone; follows the default device,
//   falls back when a configured device vanishes and returns when it comes back;
//   `switchDevice` moves a running call),
//   `AlsaDevice` (one thread per PCM, 10 ms periods, buffer = latency setting,
//   snd_pcm_recover for xruns and suspend; a PCM beyond recovery is replaced by the
//   fallback PCM, `default`, and the configured one is tried again every second), `WAVFileDevice` and `NullDevice` (paced by
//   their own thread at 10 ms per frame).
// - `PulseDeviceList` / `AlsaDeviceList`: devices for the user to choose from.
// - `AudioBackendSelection.choose`: `backend = "auto"` (PulseAudio, else ALSA, else null
//   with a warning), saying why.
// - `AudioCheck.run`: `pipit audio test` (tone, recording, playback, levels).
// - `PulseFunctions` / `AlsaFunctions`: libpulse and alsa-lib are not linked but loaded
//   with `SharedLibrary` (dlopen) when a backend is first used; an idle phone never maps
//   them. A missing library is an `AudioError` naming the package to install.
//
// Latency settings (default 40 ms): PulseAudio playback tlength 40 ms, minreq and prebuf
// 10 ms, capture fragsize 20 ms; ALSA period 10 ms, buffer 40 ms. Measured on the lab's
// null sink (`make bench`, a loaded 2-core machine): play → monitor → capture round trip
// 50 ms through PulseAudio at 40 ms (26–31 ms at 10–20 ms, with occasional underruns under
// load), 60 ms through ALSA's pulse plugin; an idle open duplex stream costs pipit 20–25 ms
// of CPU a second. While a call's media loop runs PulseAudio's mainloop, playback is
// pushed once per captured block instead and sent at once, ~40 ms queued after a push
// (measured and corrected every 100 ms, `PlaybackQueueLevel`): a loop ~35 ms late still
// plays on.
//
// Real time: no locks and no allocation on the device threads in steady state; the
// AudioTests' RealTimeTests count allocations on them (0 for every backend).
