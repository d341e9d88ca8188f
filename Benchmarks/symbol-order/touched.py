#!/usr/bin/env python3
"""touched.py PIPIT PIPIT_BENCH: prints, one per line, the symbols of every function a
release pipit runs from exec until it is registered and has idled IDLE seconds — the
symbol-ordering file that lets lld put them side by side (see README.md here).

How: pipit runs under valgrind's callgrind (exact: every function that executed at least
one instruction, independent of the kernel's page fault-around) and registers to a
Kamailio on 127.0.0.1 started by `pipit-bench kamailio`, like Benchmarks/registration.py.
After the idle time callgrind dumps its counts; quitting afterwards is not counted.
Every process started here is stopped by its PID."""
import os, re, select, subprocess, sys, tempfile, time

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
            names = functions(dump, stripped)
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
