"""One benchmark call: relay, two agents of one implementation, the caller sending the
speech file, the callee recording; measures what the figures need while it runs."""
import os, statistics, signal, subprocess, time
from agents import Baresip, Pipit, stop_process

TICK = os.sysconf("SC_CLK_TCK")
BURST = os.environ.get("BENCH_MEDIA_BURST", "2")
JITTER_KIND = os.environ.get("BENCH_MEDIA_JITTER_KIND", "uniform")
# Seed 16: over a ~10 s call (~540 packets) its realized loss caller → callee is close to
# the nominal 3 % and 10 % (most seeds land within ±1.5 points: short calls are noisy).
SEED = os.environ.get("BENCH_MEDIA_SEED", "16")


def cpu_seconds(pid):
    """utime + stime of a process, in seconds (fields 14 and 15 of /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def thread_cpu(pid):
    """{tid: (name, CPU ns)} from /proc/PID/task/*/schedstat (BENCH_MEDIA_THREADS)."""
    found = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                found[tid] = (name, int(f.read().split()[0]))
        except OSError:
            pass
    return found


def print_thread_cpu(impl, agents, before, span):
    """Per-thread CPU ms per call-second of each agent, to see where a process's CPU goes."""
    for role, agent, old in zip(("callee", "caller"), agents, before):
        now = thread_cpu(agent.pid)
        rows = sorted(((name, (ns - old.get(tid, (name, 0))[1]) / 1e6 / span) for tid, (name, ns) in now.items()),
                      key=lambda r: -r[1])
        print(f"threads {impl} {role}: " + ", ".join(f"{n} {v:.1f}" for n, v in rows if v >= 0.05))


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Call:
    """Result of one call: the callee's recording, the timeline of its size (for the
    delay), CPU seconds and peak VmRSS per process, relay counters."""

    def __init__(self):
        self.received = None
        self.growth = []      # (seconds since the caller saw the call established, file size)
        self.cpu = []         # CPU seconds per process over the measured span
        self.rss = []         # peak VmRSS (KiB) per process
        self.rss_steady = []  # median VmRSS (KiB) over the call's second half, per process
        self.span = 0.0
        self.counters = ""
        self.error = None
        self.statistics = None  # the callee's `stats` event (pipit, BENCH_MEDIA_VERBOSE)


def run_call(setup, impl, codec, loss, jitter, source, seconds, workdir, pulse=None):
    """setup: the shared `proxy`, `bench` and `pipit` binaries. With `pulse` (a
    pulse.PulseDaemon), both agents use that sound server instead of files: `source` is
    played into its mic sink for the whole call and the callee's speaker is recorded.
    Returns a Call."""
    result = Call()
    relay = subprocess.Popen([setup.bench, "relay", "--loss", str(loss), "--burst-length", BURST,
                              "--jitter", str(jitter), "--jitter-kind", JITTER_KIND, "--seed", SEED],
                             stdout=subprocess.PIPE, text=True)
    agents = []
    try:
        line = relay.stdout.readline().split()
        if len(line) != 3 or line[0] != "ready":
            raise RuntimeError(f"relay did not start: {line}")
        setup.proxy.route_media(int(line[1]), int(line[2]))
        for user in ("alice", "bob"):
            setup.proxy.contacts.pop(user, None)
        tag = f"{impl}-{codec}-{loss}-{jitter}-{time.monotonic_ns()}"
        where = os.path.join(workdir, tag)

        def agent(user, answer):
            if impl == "baresip":
                return Baresip(where, user, setup.proxy, codec, source, answer, pulse)
            return Pipit(setup.pipit, where, user, setup.proxy, codec, source, answer,
                         setup.next_rtp_base(), pulse)

        for user, answer in (("bob", True), ("alice", False)):
            agents.append(agent(user, answer))
            deadline = time.monotonic() + 10
            while not setup.proxy.registered(user):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{impl} {user} did not register")
                time.sleep(0.01)
        callee, caller = agents
        heard = None
        if pulse is not None:
            os.makedirs(where, exist_ok=True)
            heard = os.path.join(where, "callee-speaker.wav")
            pulse.play(source)
            pulse.record(heard, "spk_bob.monitor")
        caller.dial(f"sip:bob@{setup.proxy.address}")
        established = caller.wait_established()
        cpu0 = [cpu_seconds(a.pid) for a in agents]
        threads0 = [thread_cpu(a.pid) for a in agents] if os.environ.get("BENCH_MEDIA_THREADS") else None
        result.rss = [0, 0]
        samples = []
        path = None
        end = established + seconds
        last_size = -1
        next_rss = 0
        while (now := time.monotonic()) < end:
            if path is None:
                path = callee.received_path()
            if path is not None:
                try:
                    size = os.path.getsize(path)
                except OSError:
                    size = -1
                if size != last_size:
                    result.growth.append((now - established, size))
                    last_size = size
            if now >= next_rss:
                sample = [rss_kib(a.pid) for a in agents]
                result.rss = [max(r, v) for r, v in zip(result.rss, sample)]
                samples.append((now - established, sample))
                next_rss = now + 0.5
            time.sleep(0.002)
        if os.environ.get("BENCH_MEDIA_SMAPS"):
            # Where the callee's memory is, mapping by mapping, for whoever works on the
            # figure next.
            os.system(f"cp /proc/{callee.pid}/smaps {os.environ['BENCH_MEDIA_SMAPS']}.{os.path.basename(str(getattr(callee, 'name', 'callee')))}.{callee.pid}")
        late = [v for t, v in samples if t >= seconds / 2] or [v for _, v in samples]
        result.rss_steady = [statistics.median(v[i] for v in late) for i in range(len(agents))] if late else []
        result.cpu = [cpu_seconds(a.pid) - c for a, c in zip(agents, cpu0)]
        result.span = time.monotonic() - established
        if threads0 is not None:
            print_thread_cpu(impl, agents, threads0, result.span)
        if os.environ.get("BENCH_MEDIA_VERBOSE") and hasattr(callee, "statistics"):
            result.statistics = callee.statistics()
        caller.hangup()
        time.sleep(0.5)
        if pulse is not None:
            pulse.stop_players()
            result.received = heard if os.path.exists(heard) else None
        else:
            result.received = callee.received_path()
    except Exception as error:  # one failed call must not end the whole benchmark
        result.error = str(error)
    finally:
        if pulse is not None:
            pulse.stop_players()
        for a in reversed(agents):
            a.stop()
        if relay.poll() is None:
            relay.send_signal(signal.SIGTERM)
        try:
            result.counters = " | ".join(relay.communicate(timeout=5)[0].split("\n")).strip(" |")
        except subprocess.TimeoutExpired:
            stop_process(relay)
    return result
