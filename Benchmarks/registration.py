#!/usr/bin/env python3
"""make bench: time from process start to the 200 OK of the first REGISTER, and resident
memory (VmRSS) while registered and idle — pipit and baresip registering to the same
Kamailio (digest auth, UDP on loopback) in the same run, as ratios. Every process started
here is stopped by its PID; traffic stays on 127.0.0.1.

baresip runs in two configurations, both shown, with pipit's ratio against each:
- minimal: g711, account and aubridge only — the leanest baresip that can register;
- default: the `config` baresip writes itself on its first start in an empty directory
  (generated here, at run time, in a temporary directory), with its usual module list
  (stdio, g711, alsa, stun, turn, ice, uuid, account, auloop, contact, debug_cmd, menu,
  vidloop). Two changes: the generated `accounts` template is replaced by the test
  account, and `sip_listen` is set to 127.0.0.1:0 — by default baresip listens on the
  machine's interface addresses (UDP and TCP, IPv4 and IPv6, random ports), and the
  benchmark, like the test lab, listens on loopback only. No audio module is replaced:
  alsa loads without opening a device until a call starts, and stdio reads the pipe.

Start-up is timed two ways, each program alike:
- warm: each measured start follows an unmeasured one of the same program (register, quit),
  so its files are in the page cache — a phone started again. These trials also give the
  memory readings. Without this, the first start after the machine evicted the binary's
  pages (a VM's page-out daemon does so within seconds here) measured the disk, not pipit.
- cold: each start follows `echo 3 > /proc/sys/vm/drop_caches` (root only; skipped
  otherwise): a phone started for the first time since boot reads its code from disk."""
import os, re, select, shutil, signal, statistics, subprocess, sys, tempfile, time

PIPIT_BIN, BENCH_BIN = sys.argv[1], sys.argv[2]
TRIALS = int(os.environ.get("BENCH_REGISTER_TRIALS", "5"))
# Start-up times vary by a few ms from start to start on this machine kind; these extra warm
# starts (timed, no memory reading, so a fraction of a second each) steady their medians.
START_TRIALS = int(os.environ.get("BENCH_REGISTER_START_TRIALS", "15"))
DROP_CACHES = "/proc/sys/vm/drop_caches"
# Idle means settled: past the REGISTER transaction's last timer (Timer K, 5 s over UDP),
# and past pipit's trimmer giving back what start-up touched (Sources/pipit/Memory: a first
# trim ~4 s after start, a second ~12 s, once Timer K's pages have settled). VmRSS is also
# read 1 s after registering, before either, and both rows are printed.
IDLE_SECONDS = max(1.0, float(os.environ.get("BENCH_IDLE_SECONDS", "20")))


def idle_rss(pid):
    """(VmRSS 1 s after registering, VmRSS after IDLE_SECONDS), KiB."""
    time.sleep(1)
    early = rss_kib(pid)
    time.sleep(IDLE_SECONDS - 1)
    return early, rss_kib(pid)


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    """CPU time of every thread of the process so far (/proc/PID/task/*/schedstat, in
    nanoseconds): unlike the wall clock, not inflated when other work shares the CPUs."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread that ended just now
    return total / 1e9


def wait_for_line(proc, marker, timeout=10):
    """Reads stdout until a line containing `marker`; returns the monotonic time it came."""
    deadline = time.monotonic() + timeout
    buf = b""
    fd = proc.stdout.fileno()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buf += chunk
        if all(m.encode() in buf for m in marker):
            return time.monotonic()
    raise SystemExit(f"no {marker!r} within {timeout}s; output: {buf[-2000:]!r}")


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def drop_page_cache():
    """Empties the page cache (clean pages only; running programs keep what they map)."""
    os.sync()
    with open(DROP_CACHES, "w") as f:
        f.write("3\n")


def can_drop_page_cache():
    return os.geteuid() == 0 and os.access(DROP_CACHES, os.W_OK)


def pipit_trial(registrar, workdir, n, idle=True):
    home = os.path.join(workdir, f"pipit-{n}")
    os.makedirs(home, exist_ok=True)
    config = os.path.join(home, "config.toml")
    with open(config, "w") as f:
        f.write(f'[general]\nhistory = false\n[network]\nlisten = ["udp:127.0.0.1:0"]\n'
                f'[[account]]\nname = "alice"\nuri = "sip:alice@{registrar}"\npassword = "a-pw"\n'
                f'registrar = "sip:{registrar}"\nregister = true\n')
    os.chmod(config, 0o600)
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=home, XDG_CONFIG_HOME=home)
    start = time.monotonic()
    proc = subprocess.Popen([PIPIT_BIN, "--headless", "--json", "--config", config], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    try:
        registered = wait_for_line(proc, ['"event":"registration"', '"state":"registered"'])
        cpu = cpu_seconds(proc.pid)
        early, rss = idle_rss(proc.pid) if idle else (0, 0)
        return registered - start, rss, cpu, early
    finally:
        proc.stdin.close()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            stop(proc)


def baresip_minimal_config(conf):
    with open(os.path.join(conf, "config"), "w") as f:
        f.write("sip_listen 127.0.0.1:0\nmodule_path /usr/lib/baresip/modules\nmodule g711.so\n"
                "module account.so\nmodule aubridge.so\naudio_player aubridge,nil\naudio_source aubridge,nil\n"
                "dns_server 127.0.0.1:53\n")


def baresip_default_template(workdir):
    """Lets baresip write its own default configuration: one start in an empty directory,
    quitting after a second. Its config, accounts, contacts and uuid files are the template
    each default-config trial copies."""
    template = os.path.join(workdir, "baresip-default-template")
    os.makedirs(template)
    subprocess.run(["baresip", "-f", template, "-t", "1"], stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=15, check=True)
    with open(os.path.join(template, "config")) as f:
        config = f.read()
    if "module\t\t\tg711.so" not in config or not re.search(r"^#sip_listen\s", config, re.M):
        raise SystemExit("baresip's generated config is not the expected template")
    return template


def baresip_trial(registrar, workdir, n, template=None, idle=True):
    """One baresip trial: the minimal config, or a copy of baresip's own default template."""
    conf = os.path.join(workdir, f"baresip-{'default' if template else 'minimal'}-{n}")
    if template:
        shutil.copytree(template, conf)
        with open(os.path.join(conf, "config")) as f:
            config = f.read()
        config = re.sub(r"^#sip_listen\s.*$", "sip_listen\t\t127.0.0.1:0", config, count=1, flags=re.M)
        with open(os.path.join(conf, "config"), "w") as f:
            f.write(config)
    else:
        os.makedirs(conf, exist_ok=True)
        baresip_minimal_config(conf)
    with open(os.path.join(conf, "accounts"), "w") as f:
        f.write(f"<sip:bob@{registrar}>;auth_user=bob;auth_pass=b-pw;regint=600\n")
    start = time.monotonic()
    proc = subprocess.Popen(["baresip", "-f", conf], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:
        registered = wait_for_line(proc, ["200 OK"])
        cpu = cpu_seconds(proc.pid)
        early, rss = idle_rss(proc.pid) if idle else (0, 0)
        return registered - start, rss, cpu, early
    finally:
        stop(proc)


def main():
    kamailio = subprocess.Popen([BENCH_BIN, "kamailio", "alice:a-pw", "bob:b-pw"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
    line = kamailio.stdout.readline()
    if not line.startswith("ready "):
        raise SystemExit(f"kamailio did not start: {line!r}")
    registrar = line.split()[1]
    results = {"pipit": [], "minimal": [], "default": []}
    starts = {"pipit": [], "minimal": [], "default": []}  # warm start times: all warm trials
    cold = {"pipit": [], "minimal": [], "default": []}
    cold_ok = can_drop_page_cache()
    try:
        with tempfile.TemporaryDirectory() as workdir:
            template = baresip_default_template(workdir)
            trials = {"pipit": lambda n, idle: pipit_trial(registrar, workdir, n, idle),
                      "minimal": lambda n, idle: baresip_trial(registrar, workdir, n, idle=idle),
                      "default": lambda n, idle: baresip_trial(registrar, workdir, n, template, idle)}
            for n in range(TRIALS):  # alternate, so drift affects all alike
                for name, trial in trials.items():
                    trial(f"warm-up-{n}", False)
                    results[name].append(trial(n, True))
                    starts[name].append(results[name][-1][0])
            for n in range(START_TRIALS):
                for name, trial in trials.items():
                    trial(f"start-warm-up-{n}", False)
                    starts[name].append(trial(f"start-{n}", False)[0])
            for n in range(TRIALS if cold_ok else 0):
                for name, trial in trials.items():
                    drop_page_cache()
                    cold[name].append(trial(f"cold-{n}", False))
    finally:
        kamailio.stdin.close()
        kamailio.wait(15)

    def med(name, i):
        return statistics.median(r[i] for r in results[name])

    def spread(name):
        values = [v * 1000 for v in starts[name]]
        return f"{min(values):.1f}–{max(values):.1f}"

    p_ms, m_ms, d_ms = (statistics.median(starts[k]) * 1000 for k in ("pipit", "minimal", "default"))
    p_mb, m_mb, d_mb = (med(k, 1) / 1024 for k in ("pipit", "minimal", "default"))
    p_cpu, m_cpu, d_cpu = (med(k, 2) * 1000 for k in ("pipit", "minimal", "default"))
    p_e, m_e, d_e = (med(k, 3) / 1024 for k in ("pipit", "minimal", "default"))
    print(f"{'':<34}{'pipit':>8}{'baresip':>9}{'baresip':>9}{'pipit/':>10}{'pipit/':>10}")
    print(f"{'':<34}{'':>8}{'minimal':>9}{'default':>9}{'minimal':>10}{'default':>10}")
    print(f"{'start → 200 OK of REGISTER (ms)':<34}{p_ms:>8.1f}{m_ms:>9.1f}{d_ms:>9.1f}"
          f"{p_ms / m_ms:>10.2f}{p_ms / d_ms:>10.2f}")
    if cold_ok:
        c_p, c_m, c_d = (statistics.median(r[0] for r in cold[k]) * 1000 for k in ("pipit", "minimal", "default"))
        print(f"{'  cold: page cache dropped (ms)':<34}{c_p:>8.1f}{c_m:>9.1f}{c_d:>9.1f}"
              f"{c_p / c_m:>10.2f}{c_p / c_d:>10.2f}")
    print(f"{'CPU time, start → 200 OK (ms)':<34}{p_cpu:>8.1f}{m_cpu:>9.1f}{d_cpu:>9.1f}"
          f"{p_cpu / m_cpu:>10.2f}{p_cpu / d_cpu:>10.2f}")
    print(f"{'VmRSS 1 s after registering (MiB)':<34}{p_e:>8.1f}{m_e:>9.1f}{d_e:>9.1f}"
          f"{p_e / m_e:>10.2f}{p_e / d_e:>10.2f}")
    print(f"{'VmRSS registered, idle (MiB)':<34}{p_mb:>8.1f}{m_mb:>9.1f}{d_mb:>9.1f}"
          f"{p_mb / m_mb:>10.2f}{p_mb / d_mb:>10.2f}")
    print("(start: warm — each measured start follows an unmeasured one of the same program; cold: "
          + ("each follows a drop of the page cache)" if cold_ok else "not measured, needs root)"))
    print(f"(start: median of {TRIALS + START_TRIALS} warm starts each, ranges, ms: pipit {spread('pipit')}, "
          f"minimal {spread('minimal')}, default {spread('default')}; cold: {TRIALS if cold_ok else 0} each; "
          f"the rest: median of {TRIALS} runs each, {IDLE_SECONDS:g} s idle before reading VmRSS)")
    print("(CPU time: all threads, read when the 200 OK is seen; it does not count time spent"
          " waiting for a CPU, so it stays comparable when the machine is busy)")
    for label, b_ms, b_mb in (("minimal", m_ms, m_mb), ("default", d_ms, d_mb)):
        faster = "met" if p_ms < b_ms else "NOT met"
        if cold_ok:
            c_b = statistics.median(r[0] for r in cold[label]) * 1000
            faster += " (cold: " + ("met" if c_p < c_b else "NOT met") + ")"
        print(f"target against baresip {label}: faster ->", faster,
              "; memory <= 0.8x ->", "met" if p_mb <= 0.8 * b_mb else "NOT met")


main()
