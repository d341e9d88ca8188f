#!/usr/bin/env python3
"""make bench: time from process start to the 200 OK of the first REGISTER, and resident
memory (VmRSS) while registered and idle — pipit and baresip registering to the same
Kamailio (digest auth, UDP on loopback) in the same run, as ratios. Every process started
here is stopped by its PID; traffic stays on 127.0.0.1."""
import os, select, signal, statistics, subprocess, sys, tempfile, time

PIPIT_BIN, BENCH_BIN = sys.argv[1], sys.argv[2]
TRIALS = int(os.environ.get("BENCH_REGISTER_TRIALS", "5"))
IDLE_SECONDS = float(os.environ.get("BENCH_IDLE_SECONDS", "3"))


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


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


def pipit_trial(registrar, workdir, n):
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
        time.sleep(IDLE_SECONDS)
        return registered - start, rss_kib(proc.pid)
    finally:
        proc.stdin.close()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            stop(proc)


def baresip_trial(registrar, workdir, n):
    conf = os.path.join(workdir, f"baresip-{n}")
    os.makedirs(conf, exist_ok=True)
    with open(os.path.join(conf, "config"), "w") as f:
        f.write("sip_listen 127.0.0.1:0\nmodule_path /usr/lib/baresip/modules\nmodule g711.so\n"
                "module account.so\nmodule aubridge.so\naudio_player aubridge,nil\naudio_source aubridge,nil\n"
                "dns_server 127.0.0.1:53\n")
    with open(os.path.join(conf, "accounts"), "w") as f:
        f.write(f"<sip:bob@{registrar}>;auth_user=bob;auth_pass=b-pw;regint=600\n")
    start = time.monotonic()
    proc = subprocess.Popen(["baresip", "-f", conf], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:
        registered = wait_for_line(proc, ["200 OK"])
        time.sleep(IDLE_SECONDS)
        return registered - start, rss_kib(proc.pid)
    finally:
        stop(proc)


def main():
    kamailio = subprocess.Popen([BENCH_BIN, "kamailio", "alice:a-pw", "bob:b-pw"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
    line = kamailio.stdout.readline()
    if not line.startswith("ready "):
        raise SystemExit(f"kamailio did not start: {line!r}")
    registrar = line.split()[1]
    results = {"pipit": [], "baresip": []}
    try:
        with tempfile.TemporaryDirectory() as workdir:
            for n in range(TRIALS):  # alternate, so drift affects both alike
                results["pipit"].append(pipit_trial(registrar, workdir, n))
                results["baresip"].append(baresip_trial(registrar, workdir, n))
    finally:
        kamailio.stdin.close()
        kamailio.wait(15)

    def med(name, i):
        return statistics.median(r[i] for r in results[name])

    p_ms, b_ms = med("pipit", 0) * 1000, med("baresip", 0) * 1000
    p_mb, b_mb = med("pipit", 1) / 1024, med("baresip", 1) / 1024
    print(f"{'':<34}{'pipit':>10}{'baresip':>10}{'pipit/baresip':>15}")
    print(f"{'start → 200 OK of REGISTER (ms)':<34}{p_ms:>10.1f}{b_ms:>10.1f}{p_ms / b_ms:>15.2f}")
    print(f"{'VmRSS registered, idle (MiB)':<34}{p_mb:>10.1f}{b_mb:>10.1f}{p_mb / b_mb:>15.2f}")
    print(f"(median of {TRIALS} runs each, {IDLE_SECONDS:g} s idle before reading VmRSS)")
    print("target: faster than baresip ->", "met" if p_ms < b_ms else "NOT met")
    print("target: memory <= 0.8x baresip ->", "met" if p_mb <= 0.8 * b_mb else "NOT met")


main()
