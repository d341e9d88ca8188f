#!/usr/bin/env python3
"""make bench: non-INVITE transactions per second over loopback. The same SIPp OPTIONS
load against pipit's stack (pipit-bench serve) and against baresip, in one run: for each
server the highest rate with no failed transaction, and CPU time per 1,000 transactions.
Traffic stays on 127.0.0.1; every process started here is stopped by its PID."""
import os, signal, socket, subprocess, sys, tempfile, time

BENCH_BIN, SCENARIO = sys.argv[1], sys.argv[2]
RATES = [int(r) for r in os.environ.get("BENCH_RATES", "500,1000,2000,4000,8000,12000,16000").split(",")]
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "5"))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_pipit(port):
    p = subprocess.Popen([BENCH_BIN, "serve", f"udp:127.0.0.1:{port}"], stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    if not line.startswith("ready"):
        raise SystemExit(f"pipit-bench serve did not start: {line!r}")
    return p


def start_baresip(port, workdir):
    conf = os.path.join(workdir, "baresip")
    os.makedirs(conf, exist_ok=True)
    with open(os.path.join(conf, "config"), "w") as f:
        f.write(f"sip_listen 127.0.0.1:{port}\nsip_trans_def udp\nmodule_path /usr/lib/baresip/modules\n"
                "module g711.so\nmodule account.so\naudio_player aubridge,nil\naudio_source aubridge,nil\n"
                "module aubridge.so\n")
    with open(os.path.join(conf, "accounts"), "w") as f:
        f.write(f"<sip:bench@127.0.0.1:{port}>;regint=0\n")
    p = subprocess.Popen(["baresip", "-f", conf], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    while time.time() < deadline:  # wait until the UDP port is taken
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.bind(("127.0.0.1", port))
            time.sleep(0.05)
        except OSError:
            return p
    raise SystemExit("baresip did not start")


def load(port, rate, workdir):
    calls = int(rate * SECONDS)
    stats = os.path.join(workdir, f"stats-{port}-{rate}.csv")
    cmd = ["sipp", "127.0.0.1:%d" % port, "-sf", SCENARIO, "-s", "bench", "-i", "127.0.0.1",
           "-p", str(free_port()), "-r", str(rate), "-m", str(calls), "-l", str(max(100, rate)),
           "-nostdin", "-timeout", f"{int(SECONDS * 3 + 15)}s", "-trace_stat", "-stf", stats, "-fd", "1"]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=SECONDS * 3 + 30)
    rows = [r.split(";") for r in open(stats).read().splitlines() if r]
    header, last = rows[0], rows[-1]
    get = lambda name: int(last[header.index(name)])
    return get("SuccessfulCall(C)"), get("FailedCall(C)"), calls


def measure(name, start, workdir):
    """Steps up the rate until a transaction fails; returns {clean rate: CPU ms per 1,000}."""
    port = free_port()
    server = start(port)
    clean_rates = {}
    try:
        for rate in RATES:
            before, t0 = cpu_seconds(server.pid), time.time()
            ok, failed, calls = load(port, rate, workdir)
            used = cpu_seconds(server.pid) - before
            clean = failed == 0 and ok == calls
            print(f"  {name:<8} {rate:>6}/s offered: {ok:>6} ok, {failed:>5} failed, "
                  f"{used * 1000 / max(ok, 1) * 1000:7.1f} ms CPU per 1,000", flush=True)
            if not clean:
                break
            clean_rates[rate] = used * 1000 / ok * 1000
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
    return clean_rates


with tempfile.TemporaryDirectory() as workdir:
    results = {name: measure(name, start, workdir) for name, start in
               [("pipit", start_pipit), ("baresip", lambda p: start_baresip(p, workdir))]}

pipit, baresip = results["pipit"], results["baresip"]
common = max(set(pipit) & set(baresip), default=None)
print(f"{'server':<10}{'max clean rate/s':>18}{'CPU ms per 1,000 at ' + str(common) + '/s':>28}")
for name, rates in results.items():
    cpu = rates.get(common)
    print(f"{name:<10}{max(rates, default=0):>18}{(f'{cpu:.1f}' if cpu is not None else '-'):>28}")
if pipit and baresip and common:
    print(f"ratio pipit/baresip: max clean rate {max(pipit) / max(baresip):.2f}, "
          f"CPU per transaction at {common}/s {pipit[common] / baresip[common]:.2f}")
print(f"(rates tried: {RATES}; when pipit passes the highest, that rate is the load generator's "
      "ceiling here, not pipit's)")
