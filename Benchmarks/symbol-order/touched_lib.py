"""What the scripts here share: a registrar for pipit to register to, the functions a
callgrind dump saw run, and the names that must stay out of the ordering file."""
import contextlib, glob, json, os, re, subprocess


@contextlib.contextmanager
def registrar(bench_bin):
    """`pipit-bench kamailio` on 127.0.0.1 with the user alice, while the block runs; gives
    its address. Stopped by closing its input (it runs Kamailio by PID)."""
    kamailio = subprocess.Popen([bench_bin, "kamailio", "alice:a-pw"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
    try:
        line = kamailio.stdout.readline()
        if not line.startswith("ready "):
            raise SystemExit(f"kamailio did not start: {line!r}")
        yield line.split()[1]
    finally:
        kamailio.stdin.close()
        kamailio.wait(15)


def quit_pipit(proc, timeout):
    """Ends a headless pipit started here: end of input is `quit`; killed by its PID if it
    has not quit within `timeout` seconds."""
    proc.stdin.close()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def registering_home(work, address):
    """A home directory in `work` for a pipit that registers alice to `address` over UDP on
    loopback, without call history: (its config.toml, the environment that points there)."""
    config = os.path.join(work, "config.toml")
    with open(config, "w") as f:
        f.write(f'[general]\nhistory = false\n[network]\nlisten = ["udp:127.0.0.1:0"]\n'
                f'[[account]]\nname = "alice"\nuri = "sip:alice@{address}"\npassword = "a-pw"\n'
                f'registrar = "sip:{address}"\nregister = true\n')
    os.chmod(config, 0o600)  # it holds a password: pipit refuses it readable by others
    return config, dict(os.environ, HOME=work, XDG_DATA_HOME=work, XDG_CONFIG_HOME=work)


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
