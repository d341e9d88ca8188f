"""What touched.py and touched_call.py share: the functions a callgrind dump saw run, and
the names that must stay out of the ordering file."""
import glob, json, os, re, subprocess


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
