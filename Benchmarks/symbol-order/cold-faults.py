#!/usr/bin/env python3
"""cold-faults.py PIPIT PIPIT_BENCH MAP: prints, as lines for hot-sections.txt, the code
sections outside `.text.pipit_hot` that pipit runs from exec to registered and idle.
MAP is lld's -Map of the PIPIT link (relayout does the link and the loop).

How: the page cache is dropped and the disk's read-ahead turned off (restored after),
then pipit registers to a Kamailio on 127.0.0.1 (`pipit-bench kamailio`) under
`perf record -e major-faults -d`: with nothing cached and nothing read ahead, every page
pipit touches is read by a fault of its own, with its address. Addresses in executable
output sections other than the hot one are matched to their input sections in MAP.
Faults once quitting starts (after the idle time) are not counted. Only the first
section touched on each page shows, so placing them uncovers the next: relayout loops
until nothing new comes. Needs root (drop_caches, read_ahead_kb) and perf. Every process
started here is stopped by its PID."""
import bisect, os, re, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from touched_lib import quit_pipit, registering_home, registrar  # noqa: E402

PIPIT_BIN, BENCH_BIN, MAP = sys.argv[1], sys.argv[2], sys.argv[3]
IDLE_SECONDS = 3


def read_ahead_file(path):
    """The read_ahead_kb file of the block device holding `path`."""
    dev = os.stat(path).st_dev
    sysdir = os.path.realpath(f"/sys/dev/block/{os.major(dev)}:{os.minor(dev)}")
    for d in (sysdir, os.path.dirname(sysdir)):  # a partition's queue is its disk's
        if os.path.exists(os.path.join(d, "queue", "read_ahead_kb")):
            return os.path.join(d, "queue", "read_ahead_kb")
    raise SystemExit(f"no read_ahead_kb for the device of {path}")


def record(work):
    """Runs pipit cold under perf until registered and idle; returns the perf data file."""
    ra_file = read_ahead_file(PIPIT_BIN)
    with open(ra_file) as f:
        read_ahead = f.read().strip()
    with registrar(BENCH_BIN) as address:
        config, env = registering_home(work, address)
        data = os.path.join(work, "faults.data")
        try:
            with open(ra_file, "w") as f:
                f.write("0\n")
            os.sync()
            with open("/proc/sys/vm/drop_caches", "w") as f:
                f.write("3\n")
            proc = subprocess.Popen(["perf", "record", "-q", "-e", "major-faults", "-c", "1", "-d",
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
                # Quitting would fault in its own code: stop pipit (perf's child) at once.
                for child in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                                            text=True).stdout.split():
                    os.kill(int(child), signal.SIGKILL)
            finally:
                quit_pipit(proc, 15)
        finally:
            with open(ra_file, "w") as f:
                f.write(read_ahead + "\n")
    return data


def fault_addresses(data):
    """Link-time addresses of pipit's page faults."""
    events = subprocess.run(["perf", "script", "-i", data, "--show-mmap-events"], capture_output=True, text=True).stdout
    path = re.escape(os.path.realpath(PIPIT_BIN))
    base = int(re.search(r"\[(0x[0-9a-f]+)\(0x[0-9a-f]+\) @ 0 [^\]]*\]: r--p " + path, events).group(1), 16)
    rows = subprocess.run(["perf", "script", "-i", data, "-F", "addr"], capture_output=True, text=True).stdout.split()
    return [int(r, 16) - base for r in rows if re.fullmatch(r"[0-9a-f]+", r)]


def cold_sections(addresses):
    """(file, section) of each address in an executable output section other than the hot one."""
    out_re = re.compile(r"^\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+ (\S+)$")
    in_re = re.compile(r"^\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+\s{9}(\S.*):\((.*)\)$")
    inputs, output = [], None
    with open(MAP) as f:
        for line in f:
            m = out_re.match(line)
            if m:
                output = m.group(3)
                continue
            m = in_re.match(line)
            if m and output and output.startswith(".text") and output != ".text.pipit_hot":
                inputs.append((int(m.group(1), 16), int(m.group(2), 16), m.group(3), m.group(4)))
    inputs.sort()
    starts = [i[0] for i in inputs]
    found = []
    for a in addresses:
        i = bisect.bisect_right(starts, a) - 1
        if i >= 0 and a < inputs[i][0] + inputs[i][1] and inputs[i][2:] not in found:
            found.append(inputs[i][2:])
    return found


def pattern(file, section):
    """A hot-sections.txt line: `*lib.a:member.o(section)` or `*Module.build/File.o(section)`."""
    member = re.match(r"^(.*)\((.*)\)$", file)
    if member:
        where = f"*{os.path.basename(member.group(1))}:{member.group(2)}"
    else:
        where = "*" + "/".join(file.split("/")[-2:])
    return f'{where}("{section}")' if "$" in section else f"{where}({section})"


def main():
    with tempfile.TemporaryDirectory() as work:
        addresses = fault_addresses(record(work))
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "hot-sections.txt")) as f:
        have = {line.strip() for line in f}
    for file, section in cold_sections(addresses):
        line = pattern(file, section)
        if line not in have:
            have.add(line)
            print(line)


main()
