#!/usr/bin/env python3
"""NAT traversal: time from the answer to two-way audio in each topology of the
network-namespace lab (nftables NATs, Kamailio and coturn), pipit <-> pipit beside
baresip <-> baresip. The calls are the NAT lab tests' own (they print a `NAT lab:` line
per call); this collects those lines into one table.

pipit: the later onset of sound in the two recordings, which start at the answer.
baresip: seconds from CALL_ESTABLISHED until it had received 1 s of audio, minus that
second (its recordings start with the first packet, so no onset can be read from them).
"""
import re
import subprocess
import sys

test_bin = sys.argv[1]
suites = "NATLabCallTests|NATLabBaresipTests|NATBaresipCallTests"
run = subprocess.run(["stdbuf", "-oL", test_bin, "--testing-library", "swift-testing", "--no-parallel",
                      "--filter", suites], capture_output=True, text=True, timeout=900)
lines = [l for l in run.stdout.splitlines() if l.startswith("NAT lab: ")]
failed = [l for l in run.stdout.splitlines() if "✘ Test" in l and "failed" in l]

def topology(caller, callee):
    if caller.startswith("cone-") and callee.startswith("cone-"):
        return "same LAN"
    names = {"cone-1": "cone", "cone": "cone"}
    return f"{names.get(caller, caller)} -> {callee}"

rows = {}
for line in lines:
    m = re.match(r"NAT lab: pipit (\S+) → (\S+): selected \[(.*?)\] / \[(.*?)\], two-way audio ([\d.]+) s", line)
    if m:
        rows.setdefault(topology(m[1], m[2]), {})["pipit"] = (float(m[5]), m[3].split(" ")[0] + "→" + m[3].split(" -> ")[-1].split(" ")[0])
        continue
    m = re.match(r"NAT lab: baresip (\S+) → (\S+): selected \[(.*?)\], 1 s of audio ([\d.]+) s", line)
    if m:
        first = m[3].split(",")[0].strip().split(":", 1)[-1]
        rows.setdefault(topology(m[1], m[2]), {})["baresip"] = (max(0.0, float(m[4]) - 1.0), first)
        continue
    m = re.match(r"NAT lab: pipit (\S+) → baresip (\S+)( without rtcp-mux)?: pipit selected \[(.*?)\], baresip .*?, pipit hears audio ([\d.]+) s", line)
    if m:
        name = topology(m[1], m[2]) + (", no rtcp-mux" if m[3] else "")
        rows.setdefault(name, {})["pipit→baresip"] = (float(m[5]), m[4].split(" ")[0] + "→" + m[4].split(" -> ")[-1].split(" ")[0])
        continue
    m = re.match(r"NAT lab: (\S+) renumbered mid-call: media now goes (\S+) .*? ([\d.]+) s after the change", line)
    if m:
        rows["renumbered"] = {"restart": (float(m[3]), m[2])}

print(f"{'topology':<32}{'pipit↔pipit':>20}{'baresip↔baresip':>22}{'pipit→baresip':>22}{'baresip/pipit':>15}")
for name in ["same LAN", "cone -> cone2", "cone -> cone2, no rtcp-mux", "cone -> symmetric", "cone -> symmetric, no rtcp-mux",
             "firewalled -> cone-1"]:
    r = rows.get(name, {})
    def cell(key):
        # baresip from the firewalled home cannot call (no TURN over TCP): "no call".
        return f"{r[key][0]:.2f} s {r[key][1]}" if key in r else ("no call" if key == "baresip" and name.startswith("firewalled") else "not run")
    ratio = f"{r['baresip'][0] / max(r['pipit'][0], 0.01):.1f}x" if "pipit" in r and "baresip" in r else "-"
    print(f"{name:<32}{cell('pipit'):>20}{cell('baresip'):>22}{cell('pipit→baresip'):>22}{ratio:>15}")
print("baresip has no TURN over TCP: it cannot call from the firewalled home (no call).")
print("no rtcp-mux: baresip with rtcp_mux no, RTP and RTCP on their own ICE pairs (component 2).")
if "renumbered" in rows:
    seconds, kind = rows["renumbered"]["restart"]
    print(f"ICE restart: the caller's router renumbered mid-call, {kind} pair on the new address {seconds:.2f} s after the change")
if failed:
    print("failed in this run:", *failed, sep="\n  ")
