#!/usr/bin/env python3
"""private-faults.py PIPIT PIPIT_BENCH MAP: prints the private code sections (no symbol, so
pipit.order cannot name them: `.text..Lobjectdestroy.N`, `.text..L__unnamed_N`) whose first
run from exec to registered and idle page-faults pipit's text, as lines for
pipit-private.ld. MAP is lld's -Map of the PIPIT link.

How: pipit registers to a Kamailio on 127.0.0.1 (`pipit-bench kamailio`) under
`perf record -e minor-faults,major-faults -d`, which records the address of every page
fault; a fault in .text that no symbol covers is matched to its input section in MAP.
Faults after the idle time (quitting) are not counted. Only the first touch of each 64 KiB
window faults (the kernel maps the rest around it), so placing these sections uncovers
the next ones: see README.md for the loop. Needs perf. Every process started here is
stopped by its PID."""
import bisect, os, re, subprocess, sys, tempfile, time

PIPIT_BIN, BENCH_BIN, MAP = sys.argv[1], sys.argv[2], sys.argv[3]
IDLE_SECONDS = 3


def record(work):
    """Runs pipit under perf until registered and idle; returns the perf data file."""
    kamailio = subprocess.Popen([BENCH_BIN, "kamailio", "alice:a-pw"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
    try:
        line = kamailio.stdout.readline()
        if not line.startswith("ready "):
            raise SystemExit(f"kamailio did not start: {line!r}")
        registrar = line.split()[1]
        config = os.path.join(work, "config.toml")
        with open(config, "w") as f:
            f.write(f'[general]\nhistory = false\n[network]\nlisten = ["udp:127.0.0.1:0"]\n'
                    f'[[account]]\nname = "alice"\nuri = "sip:alice@{registrar}"\npassword = "a-pw"\n'
                    f'registrar = "sip:{registrar}"\nregister = true\n')
        os.chmod(config, 0o600)
        data = os.path.join(work, "faults.data")
        env = dict(os.environ, HOME=work, XDG_DATA_HOME=work, XDG_CONFIG_HOME=work)
        proc = subprocess.Popen(["perf", "record", "-q", "-e", "minor-faults,major-faults", "-c", "1", "-d",
                                 "-o", data, PIPIT_BIN, "--headless", "--json", "--config", config],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        try:
            buf, deadline = b"", time.monotonic() + 30
            while b'"state":"registered"' not in buf and time.monotonic() < deadline:
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                buf += chunk
            if b'"state":"registered"' not in buf:
                raise SystemExit(f"pipit did not register; output: {buf[-2000:]!r}")
            time.sleep(IDLE_SECONDS)
        finally:
            proc.stdin.close()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        return data
    finally:
        kamailio.stdin.close()
        kamailio.wait(15)


def text_faults(data):
    """Link-time addresses of the faults in pipit's executable segment before quitting."""
    events = subprocess.run(["perf", "script", "-i", data, "--show-mmap-events"], capture_output=True, text=True).stdout
    path = re.escape(os.path.realpath(PIPIT_BIN))
    base = int(re.search(r"\[(0x[0-9a-f]+)\(0x[0-9a-f]+\) @ 0 [^\]]*\]: r--p " + path, events).group(1), 16)
    segment = next(line.split() for line in subprocess.run(["readelf", "-lW", PIPIT_BIN], capture_output=True,
                                                           text=True).stdout.splitlines() if "R E" in line)
    low, high = int(segment[2], 16), int(segment[2], 16) + int(segment[5], 16)
    rows = [line.split() for line in subprocess.run(["perf", "script", "-i", data, "-F", "time,addr"],
                                                    capture_output=True, text=True).stdout.splitlines()]
    rows = [(float(r[0].rstrip(":")), int(r[1], 16) - base) for r in rows if len(r) == 2]
    # Quitting starts after the idle gap (no faults for seconds); its faults are not idle cost.
    cut = next((rows[i][0] for i in range(1, len(rows)) if rows[i][0] - rows[i - 1][0] > IDLE_SECONDS - 0.5), None)
    return [a for t, a in rows if low <= a < high and (cut is None or t < cut)]


def private_sections(addresses):
    sections = []
    pattern = re.compile(r"\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+\s{9}(\S.*)$")
    with open(MAP, errors="replace") as f:
        for line in f:
            m = pattern.match(line)
            if m and "(.text..L" in m.group(3):
                sections.append((int(m.group(1), 16), int(m.group(2), 16), m.group(3)))
    sections.sort()
    starts = [s[0] for s in sections]
    found = set()
    for address in addresses:
        i = bisect.bisect_right(starts, address) - 1
        if i >= 0 and address < sections[i][0] + sections[i][1]:
            path, section = re.match(r"(.*):\((.*)\)$", sections[i][2]).groups()
            found.add(f"    *{'/'.join(path.split('/')[-2:])}({section})")  # scratch-path independent
    return sorted(found)


with tempfile.TemporaryDirectory() as work:
    for line in private_sections(text_faults(record(work))):
        print(line)
