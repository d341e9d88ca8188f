#!/usr/bin/env python3
"""make bench, media: pipit ↔ pipit and baresip ↔ baresip calls through the lab's
impairment relay (pipit-bench relay), same speech file, same relay settings, same seed.

  python3 Benchmarks/media.py PIPIT_BIN PIPIT_BENCH_BIN

Media path: both agents register to a small SIP proxy (media/sipproxy.py) that rewrites
the m= port of the caller's SDP to the relay's B port and the callee's to its A port, so
all RTP goes through the relay (loss and jitter both ways, Gilbert bursts of mean length
BENCH_MEDIA_BURST packets). pipit runs with `ice = false` and the proxy strips ICE
attributes: with ICE the two pipits found their direct host path and the relay saw none
of their media (that was the case from ICE's arrival until session 7).

Figures (each call: the caller sends espeak-ng Harvard sentences, the callee records what
it decodes: baresip's sndfile `-dec.wav`, pipit's `[audio] output`):
- PESQ: baresip's sndfile writes one decoded frame per packet received, with no
  concealment, so a lost packet is simply missing from it (the speech after it comes
  early) while a listener would hear a gap; the harness therefore plays that recording
  out in real time from the times it grew (audio.played_out: one slot per 20 ms, a
  20 ms prebuffer, silence when no frame has arrived, as baresip's aubuf does) and
  scores that; the score of the raw recording is printed beside it. Then:
  the recording resampled to 8 kHz (G.711, P.862 narrow-band) or 16 kHz (Opus,
  P.862.2 wide-band), aligned to the reference by FFT cross-correlation, trimmed or
  zero-padded to its length, scored by the PyPI `pesq` package.
- Mouth-to-ear delay, one way, on a common clock (this script's monotonic clock): t = 0
  when the caller reports the call established (its file source starts then); while the
  call runs, the size of the callee's recording is polled every 2 ms, so the time each
  frame reached the file is known; cross-correlating a 2 s window of speech near the
  start (and near the end) with the recording gives which reference sample each
  recorded sample is; delay = time written − reference sample index / rate, median over
  the window's frames. Error bars: ±20 ms absolute (one frame of granularity at either
  end, and the caller's event arriving a few ms after its source started — the same
  for both implementations); the start/end difference (drift) is good to a few ms.
  baresip's sndfile records after its jitter buffer but before its playout buffer
  (one frame per packet, as decoded), so its delay is a lower bound of what a listener
  would hear, and its PESQ under jitter does not see playout underruns; pipit's file
  output is what its playout plays, so the comparison leans towards baresip.
- CPU per call-second: utime+stime (/proc/PID/stat) of caller and callee over a
  BENCH_MEDIA_CPU_SECONDS call, mean of the two; VmRSS: read every 0.5 s from the answer
  on, the median of the call's second half (what the call holds once it runs; pipit gives
  back the pages its set-up touched once, see Sources/pipit/Memory) and the peak (set-up
  included), each the mean of the two. The issue measures these with sound devices, so by default
  (BENCH_MEDIA_CPU_AUDIO=pulse) both agents run on a private PulseAudio daemon started
  here (media/pulse.py: null sinks, its own runtime directory, stopped by its PID): both
  capture the monitor of a `mic` sink into which paplay plays the speech, and each plays
  to its own speaker sink (the callee's is recorded, to check that the call carried
  audio). pipit: `backend = "pulse"` with its echo canceller and noise suppressor on;
  baresip: its pulse module (it has no echo canceller here). The sound server's own CPU
  is in neither column. BENCH_MEDIA_CPU_AUDIO=file runs file audio on both sides instead
  (pipit's file backend turns its DSP off): the call path alone.
Environment: BENCH_MEDIA_IMPLS (baresip,pipit), BENCH_MEDIA_CODECS (PCMU,opus),
BENCH_MEDIA_LOSSES (0,3,10 percent), BENCH_MEDIA_JITTERS (0,40 ms),
BENCH_MEDIA_CPU_SECONDS (30; 0 skips), BENCH_MEDIA_CPU_AUDIO (pulse or file),
BENCH_MEDIA_CPU_RUNS (3: calls per implementation and codec, interleaved, medians),
BENCH_MEDIA_QUALITY_RUNS (3: calls per implementation and PESQ point, interleaved; the
median call's score and delay),
BENCH_MEDIA_SEED, BENCH_MEDIA_JITTER_KIND, BENCH_MEDIA_SMAPS (a path prefix: each
call's callee's /proc/PID/smaps is copied to PREFIX.NAME.PID near the call's end, to see
where its memory is), BENCH_MEDIA_THREADS (print each agent's CPU per thread, ms per
call-second, after each CPU call).
Every process started here is stopped by its PID; traffic stays on 127.0.0.1."""
import os, statistics, sys, tempfile
from types import SimpleNamespace

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "media"))
import audio  # noqa: E402
from calls import run_call  # noqa: E402
from pulse import PulseDaemon  # noqa: E402
from sipproxy import SIPProxy  # noqa: E402

PIPIT_BIN, BENCH_BIN = sys.argv[1], sys.argv[2]


def env_list(name, default):
    return [x for x in os.environ.get(name, default).split(",") if x]


IMPLS = env_list("BENCH_MEDIA_IMPLS", "baresip,pipit")
CODECS = env_list("BENCH_MEDIA_CODECS", "PCMU,opus")
LOSSES = [float(x) for x in env_list("BENCH_MEDIA_LOSSES", "0,3,10")]
JITTERS = [float(x) for x in env_list("BENCH_MEDIA_JITTERS", "0,40")]
CPU_SECONDS = float(os.environ.get("BENCH_MEDIA_CPU_SECONDS", "30"))
CPU_AUDIO = os.environ.get("BENCH_MEDIA_CPU_AUDIO", "pulse")
CPU_RUNS = max(1, int(os.environ.get("BENCH_MEDIA_CPU_RUNS", "3")))
QUALITY_RUNS = max(1, int(os.environ.get("BENCH_MEDIA_QUALITY_RUNS", "3")))
RATE = {"PCMU": 8000, "opus": 16000}
JITTER_TEXT = ("uniform in 0..J ms" if os.environ.get("BENCH_MEDIA_JITTER_KIND", "uniform") == "uniform"
               else "Pareto (Lomax, shape 2) of mean J/2 ms, capped at 5 J")
NA = "n/a"
BARESIP_PULSE = "/usr/lib/baresip/modules/pulse.so"


def fmt(value, spec):
    """`value` in `spec`, or n/a right-aligned to the same width."""
    width = int(spec.lstrip("+").split(".")[0] or 0)
    return NA.rjust(width) if value is None else format(value, spec)


def realized_loss(counters):
    """The loss the relay really applied caller → callee, in percent (from its counters)."""
    try:
        part = counters.split("|")[0]
        dropped = int(part.split("dropped=")[1].split()[0])
        received = int(part.split("received=")[1].split()[0])
        return 100 * dropped / received if received else None
    except (IndexError, ValueError):
        return None


def delays(call, reference, rate):
    """(delay near the start, delay near the end) in ms, or None."""
    if call.received is None or not call.growth:
        return None
    got_rate, got = audio.read_wav(call.received)
    got = audio.resample(got, got_rate, rate)
    if audio.is_silent(got):
        return None
    offset, frame = audio.data_offset_and_frame_bytes(call.received)
    points = [(t, (size - offset) / frame * rate / got_rate) for t, size in call.growth if size > offset]
    window, lead = 2 * rate, rate // 2
    out = []
    for start in (lead, len(reference) - lead - window):
        lag = audio.window_lag(reference, got, start, window)
        # A sample written at time t is reference sample n − lag; it left the mouth at (n − lag)/rate.
        d = [t - (n - lag) / rate for t, n in points if start <= n - lag <= start + window]
        if not d:
            return None
        out.append(1000 * statistics.median(d))
    return tuple(out)


def main():
    global CPU_AUDIO
    results = {}
    errors = []
    rtp = iter(range(30000, 60000, 100))
    with tempfile.TemporaryDirectory(prefix="pipit-media-") as workdir:
        reference_paths, sources = audio.synthesize(workdir, CPU_SECONDS + 5)
        references = {rate: audio.read_wav(path)[1] for rate, path in reference_paths.items()}
        speech = reference_paths[16000]
        seconds = audio.duration(speech) + 1.5
        proxy = SIPProxy()
        setup = SimpleNamespace(proxy=proxy, bench=BENCH_BIN, pipit=PIPIT_BIN, next_rtp_base=lambda: next(rtp),
                                pulse=None)
        if CPU_SECONDS > 0 and CPU_AUDIO == "pulse" and "baresip" in IMPLS and not os.path.exists(BARESIP_PULSE):
            print(f"note: baresip's pulse module {BARESIP_PULSE} is missing (Debian: baresip-x11):"
                  " CPU and memory with file audio instead")
            CPU_AUDIO = "file"
        if CPU_SECONDS > 0 and CPU_AUDIO == "pulse":
            try:
                setup.pulse = PulseDaemon(workdir)
            except (OSError, RuntimeError) as error:
                proxy.close()
                raise SystemExit(f"media.py: BENCH_MEDIA_CPU_AUDIO=pulse needs pulseaudio: {error}")
        print(f"speech: {audio.duration(speech):.1f} s of Harvard sentences (espeak-ng), "
              f"relay: Gilbert bursts of mean {os.environ.get('BENCH_MEDIA_BURST', '2')} packets, "
              f"jitter {JITTER_TEXT}, both ways")
        try:
            for codec in CODECS:
                ref = references[RATE[codec]]
                for loss in LOSSES:
                    for jitter in JITTERS:
                        quality_calls(setup, codec, loss, jitter, ref, sources, seconds, workdir, results, errors)
                if CPU_SECONDS > 0:
                    cpu_calls(setup, codec, sources, workdir, results, errors)
        finally:
            proxy.close()
            if setup.pulse is not None:
                setup.pulse.close()
    report(results, errors)


def quality_calls(setup, codec, loss, jitter, ref, sources, seconds, workdir, results, errors):
    """QUALITY_RUNS calls per implementation at one loss/jitter point, interleaved; the
    median score (one call's PESQ varies by a few tenths with the same seeded loss pattern:
    which talk spurts a burst hits depends on timing), and the delay of the median call."""
    runs = {impl: [] for impl in IMPLS}
    for _ in range(QUALITY_RUNS):
        for impl in IMPLS:
            call = run_call(setup, impl, codec, loss, jitter, sources[codec][0], seconds, workdir)
            key = (impl, codec, loss, jitter)
            if call.error:
                errors.append(f"{key}: {call.error}")
            score = raw = None
            if call.received:
                raw = audio.pesq_score(ref, RATE[codec], call.received)
                # baresip's recording has one frame per packet received:
                # play it out in real time (gaps become silence) first.
                score = raw if impl == "pipit" or raw is None else \
                    audio.pesq_score(ref, RATE[codec], call.received, call.growth)
            delay = delays(call, ref, RATE[codec]) if loss == 0 else None
            runs[impl].append((score, delay, call.counters, raw))
            if call.statistics:
                print(f"{key}: callee's stats {call.statistics}")
    for impl, got in runs.items():
        scored = sorted((r for r in got if r[0] is not None), key=lambda r: r[0])
        # The median call (the lower middle one of an even count), or the first if none scored.
        chosen = scored[(len(scored) - 1) // 2] if scored else got[0]
        spread = (scored[0][0], scored[-1][0]) if scored else None
        results[(impl, codec, loss, jitter)] = chosen + (spread,)


def cpu_calls(setup, codec, sources, workdir, results, errors):
    """CPU_RUNS calls per implementation, interleaved (b, p, b, p, …) so that load from
    elsewhere on the machine hits both alike; the median of each figure."""
    runs = {impl: [] for impl in IMPLS}
    for _ in range(CPU_RUNS):
        for impl in IMPLS:
            # Device mode: the same 48 kHz speech (long enough for the call) into both.
            source = sources["opus"][1] if setup.pulse is not None else sources[codec][1]
            call = run_call(setup, impl, codec, 0, 0, source, CPU_SECONDS, workdir, setup.pulse)
            if call.error:
                errors.append(f"{(impl, codec, 'cpu')}: {call.error}")
                continue
            silent = call.received is None or audio.is_silent(audio.read_wav(call.received)[1])
            cpu = 1000 * statistics.mean(c / call.span for c in call.cpu) if call.cpu else None
            rss = statistics.mean(call.rss_steady) / 1024 if call.rss_steady else None
            peak = statistics.mean(call.rss) / 1024 if call.rss else None
            runs[impl].append((cpu, rss, silent, peak))
    for impl, got in runs.items():
        if not got:
            continue
        median = lambda i: statistics.median(r[i] for r in got if r[i] is not None) \
            if any(r[i] is not None for r in got) else None
        results[(impl, codec, "cpu")] = (median(0), median(1), any(r[2] for r in got), median(3))
        if os.environ.get("BENCH_MEDIA_VERBOSE"):
            print(f"cpu runs {impl} {codec}: " + ", ".join(f"{c:.1f} ms/s {m:.1f} MiB" for c, m, _, _ in got
                                                        if c is not None and m is not None))


def pair(results, key_of):
    b = results.get(key_of("baresip"))
    p = results.get(key_of("pipit"))
    return b, p


def report(results, errors):
    if LOSSES and JITTERS:
        report_quality(results)
    report_cpu(results)
    if errors:
        print()
        print("calls that failed:")
        for e in errors:
            print("  " + e)
    if os.environ.get("BENCH_MEDIA_VERBOSE"):
        for key, value in sorted(results.items(), key=str):
            print(key, value)


def report_quality(results):
    print()
    print("PESQ (callee's recording vs the sent speech; NB for G.711, WB for Opus)")
    print(f"{'codec':<6}{'loss %':>7}{'jitter':>7}{'baresip':>9}{'pipit':>9}{'pipit-b':>9}{'real loss b/p %':>17}"
          f"{'b sndfile':>11}{'range b':>12}{'range p':>12}  target")
    met = []
    for codec in CODECS:
        for loss in LOSSES:
            for jitter in JITTERS:
                b, p = pair(results, lambda i: (i, codec, loss, jitter))
                bs, ps = (b or (None,))[0], (p or (None,))[0]
                if ps is None:
                    verdict = "n/a (no audio yet)" if p is not None else NA
                elif bs is None:
                    verdict = NA
                elif loss == 0 and jitter == 0:
                    verdict = "met" if abs(ps - bs) <= 0.05 or ps > bs else "NOT met"
                else:
                    verdict = "met" if ps > bs else "NOT met"
                    clean = (results.get(("pipit", codec, 0.0, 0.0)) or (None,))[0]
                    # At the printed precision: PESQ's last digits differ between equal signals.
                    if round(ps, 2) == round(bs, 2) and clean is not None and round(ps, 2) >= round(clean, 2):
                        # Neither lost anything: no score above the codec's own can exist.
                        verdict = "NOT met (tie at the clean score)"
                met.append(verdict)
                diff = None if ps is None or bs is None else ps - bs
                real = "/".join(fmt(realized_loss(x[2]) if x else None, ".1f") for x in (b, p))
                spread = lambda x: (f"{x[4][0]:.2f}–{x[4][1]:.2f}" if x and x[4] else NA).rjust(12)
                print(f"{codec:<6}{loss:>7g}{jitter:>7g}{fmt(bs, '9.2f')}{fmt(ps, '9.2f')}{fmt(diff, '+9.2f')}"
                      f"{real:>17}{fmt(b[3] if b else None, '11.2f')}{spread(b)}{spread(p)}  {verdict}")
    print("(baresip: its sndfile recording played out in real time, lost or late frames as silence;"
          " 'b sndfile': the recording as written, lost frames simply missing;"
          f" each score the median of {QUALITY_RUNS} calls, 'range' their lowest and highest)")
    print("target: pipit > baresip with loss or jitter, within 0.05 without ->", overall(met))

    print()
    print("Mouth-to-ear delay, one way, no loss (ms; start of the call → end of it, ±20 ms)")
    print(f"{'codec':<6}{'jitter':>7}{'baresip':>16}{'pipit':>16}{'pipit-b':>9}  target")
    met = []
    for codec in CODECS:
        for jitter in JITTERS:
            b, p = pair(results, lambda i: (i, codec, 0.0, jitter))
            bd, pd = (b or (None, None))[1], (p or (None, None))[1]
            span = lambda d: NA.rjust(16) if d is None else f"{d[0]:7.0f} → {d[1]:4.0f}".rjust(16)
            diff = None if bd is None or pd is None else pd[0] - bd[0]
            if p is None or b is None:
                verdict = NA  # not run (no loss-free point in BENCH_MEDIA_LOSSES)
            elif pd is None:
                verdict = "n/a (no audio yet)"
            elif bd is None:
                verdict = NA
            else:
                ok = diff <= -30 and abs(pd[1] - pd[0]) <= 10
                verdict = "met" if ok else "NOT met"
            met.append(verdict)
            print(f"{codec:<6}{jitter:>7g}{span(bd)}{span(pd)}{fmt(diff, '+9.0f')}  {verdict}")
    print("target: pipit >= 30 ms below baresip, drift (end − start) within 10 ms ->", overall(met))


def report_cpu(results):
    if CPU_SECONDS > 0:
        print()
        audio_text = ("PulseAudio on both sides, pipit with echo canceller and noise suppressor"
                      if CPU_AUDIO == "pulse" else "file audio on both sides, no DSP")
        print(f"CPU per call-second and VmRSS ({CPU_SECONDS:g} s call, {audio_text}; mean of caller and callee,"
              f" median of {CPU_RUNS} calls)")
        print("(VmRSS: the median of each process's readings, every 0.5 s, over the call's second half;"
              " peak: the highest reading from the answer on, call set-up included)")
        print(f"{'codec':<6}{'CPU ms/s baresip':>18}{'pipit':>8}{'ratio':>7}{'VmRSS MiB baresip':>19}"
              f"{'pipit':>8}{'ratio':>7}{'peak MiB b / p':>16}")
        met = []
        for codec in CODECS:
            b, p = pair(results, lambda i: (i, codec, "cpu"))
            (bc, bm, _, bp), (pc, pm, silent, pp) = b or (None, None, True, None), p or (None, None, True, None)
            rc = None if bc is None or pc is None else pc / bc
            rm = None if bm is None or pm is None else pm / bm
            note = "  (pipit's call carried no audio)" if p is not None and silent else ""
            if b is not None and b[2]:
                note += "  (baresip's call carried no audio)"
            print(f"{codec:<6}{fmt(bc, '18.1f')}{fmt(pc, '8.1f')}{fmt(rc, '7.2f')}{fmt(bm, '19.1f')}"
                  f"{fmt(pm, '8.1f')}{fmt(rm, '7.2f')}{fmt(bp, '9.1f')} /{fmt(pp, '5.1f')}{note}")
            met.append(NA if rc is None or silent else "met" if rc <= 0.5 else "NOT met")
            met.append(NA if rm is None or silent else "met" if rm <= 0.8 else "NOT met")
        print("target: CPU <= 0.5x and VmRSS <= 0.8x baresip ->", overall(met))


def overall(verdicts):
    if any(v.startswith("NOT met") for v in verdicts):
        return "NOT met"
    if all(v == "met" for v in verdicts):
        return "met"
    return "not measurable yet (pipit has no audio)" if "n/a (no audio yet)" in verdicts else NA


main()
