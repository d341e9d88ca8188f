#!/usr/bin/env python3
"""touched.py PIPIT PIPIT_BENCH: prints, one per line, the symbols of every function a
release pipit runs from exec until it is registered and has idled IDLE seconds — the
symbol-ordering file that lets lld put them side by side (see README.md here).

How: pipit runs under valgrind's callgrind (exact: every function that executed at least
one instruction, independent of the kernel's page fault-around) and registers to a
Kamailio on 127.0.0.1 started by `pipit-bench kamailio`, like Benchmarks/registration.py.
After the idle time callgrind dumps its counts; quitting afterwards is not counted.
Every process started here is stopped by its PID."""
import glob, json, os, re, select, subprocess, sys, tempfile, time

PIPIT_BIN, BENCH_BIN = sys.argv[1], sys.argv[2]
# Past the first UDP keep-alive (25 s), so the idle loop's periodic work is in the set.
IDLE_SECONDS = float(os.environ.get("SYMBOL_ORDER_IDLE_SECONDS", "32"))
# Under valgrind start-up is ~50x slower, more on a busy machine.
REGISTER_TIMEOUT = float(os.environ.get("SYMBOL_ORDER_TIMEOUT", "600"))


def wait_registered(proc):
    deadline, buf = time.monotonic() + REGISTER_TIMEOUT, b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            if b'"event":"registration"' in buf and b'"state":"registered"' in buf:
                return
        elif proc.poll() is not None:
            break
    raise SystemExit(f"pipit did not register under callgrind; output: {buf[-2000:]!r}")


def functions(callgrind_out, object_path):
    """Names of the functions of `object_path` that have cost in a callgrind dump."""
    names, in_object = set(), False
    object_path = os.path.realpath(object_path)
    with open(callgrind_out, errors="replace") as f:
        for line in f:
            if line.startswith("ob="):
                in_object = os.path.realpath(line[3:].strip()) == object_path
            elif line.startswith("fn=") and in_object:
                name = re.sub(r"'\d+$", "", line[3:].strip())  # callgrind's recursion marks
                # No symbol ("0x…") or valgrind's own labels ("(below main)"): nothing to order.
                if not name.startswith("0x") and not re.search(r"[\s()]", name):
                    names.add(name)
    return names


def in_toolchain_blocks():
    """Names that the toolchain's static libraries define in a plain `.text` section, one
    section for a whole object file (e.g. 0.7 MB of _StringProcessing and _RegexParser)."""
    info = json.loads(subprocess.run(["swiftc", "-print-target-info"], capture_output=True, text=True,
                                     check=True).stdout)
    static = os.path.join(os.path.dirname(info["paths"]["runtimeResourcePath"]), "swift_static", "linux")
    names = set()
    for archive in glob.glob(os.path.join(static, "*.a")):
        table = subprocess.run(["objdump", "-t", archive], capture_output=True, text=True).stdout
        for line in table.splitlines():
            fields = line.split()
            if len(fields) >= 6 and fields[-3] == ".text":
                names.add(fields[-1])
    return names


def duplicates(binary):
    """Names of functions that `binary` defines more than once (local helpers such as
    `$sSqwst` or `objectdestroyTm`, one per object file)."""
    counts = {}
    listing = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True,
                             check=True).stdout
    for line in listing.splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3 and parts[1] in "tTwW":
            counts[parts[2]] = counts.get(parts[2], 0) + 1
    return {name for name, count in counts.items() if count > 1}


def main():
    with tempfile.TemporaryDirectory() as work:
        # valgrind cannot read the toolchain's DWARF 5; it needs only the symbol table.
        stripped = os.path.join(work, "pipit")
        subprocess.run(["objcopy", "--strip-debug", PIPIT_BIN, stripped], check=True)
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
            out = os.path.join(work, "callgrind.out")
            env = dict(os.environ, HOME=work, XDG_DATA_HOME=work, XDG_CONFIG_HOME=work)
            proc = subprocess.Popen(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                                     "--demangle=no", "--compress-strings=no", "--compress-pos=no",
                                     stripped, "--headless", "--json", "--config", config],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, env=env)
            try:
                wait_registered(proc)
                time.sleep(IDLE_SECONDS)
                subprocess.run(["callgrind_control", "--dump=registered-idle", str(proc.pid)],
                               stdout=subprocess.DEVNULL, check=True, timeout=300)
                dump = out + ".1"
                if not os.path.exists(dump):
                    raise SystemExit("callgrind wrote no dump")
            finally:
                proc.stdin.close()
                try:
                    proc.wait(300)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            # lld moves every section that defines a listed name. For a name defined in
            # several objects that is harmless while each copy has a section of its own, but
            # a copy inside a toolchain library's one-section object would drag that whole
            # block into the start-up code: such names stay out.
            names = functions(dump, stripped) - (duplicates(stripped) & in_toolchain_blocks())
        finally:
            kamailio.stdin.close()
            kamailio.wait(15)
    if len(names) < 1000:
        raise SystemExit(f"only {len(names)} functions: not a real start-up")
    print("# Functions a release pipit runs from exec to registered and idle, for lld's")
    print("# --symbol-ordering-file. Generated by Benchmarks/symbol-order/generate; see README.md.")
    for name in sorted(names):
        print(name)


main()
