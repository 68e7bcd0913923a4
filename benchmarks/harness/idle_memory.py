"""benchmarks/compare --idle-memory: idle memory of nhacviec by build, against the floor of a Swift daemon.

Builds (unless IDLE_MEMORY_BUILD=0, then it measures the binaries already in IDLE_MEMORY_DIR):
  nhacviec   plain release            swift build -c release --scratch-path .build-perf
             --static-swift-stdlib    ... --scratch-path .build-perf/static --static-swift-stdlib
             static + dead stripping  ... --static-swift-stdlib -Xlinker --gc-sections
             plain + dead stripping   ... -Xlinker --gc-sections
  floor      benchmarks/floor/sleeper.swift: one Dispatch wall-clock timer and dispatchMain(), nothing
             else; also with `import Foundation` and with `import FoundationEssentials` (touching Date
             and TimeZone); each dynamic and with -static-stdlib (swiftc -O).
Each binary is started IDLE_MEMORY_RUNS times (default 5); nhacviec with the Ba Đồn plan (config/, the
stand-in as sendmail, the ledger in a temporary directory) until READY=1, the sleepers until they print
"started"; then IDLE_MEMORY_SETTLE seconds (3), then /proc/PID/smaps_rollup (Rss, Pss, private) and
/proc/PID/smaps grouped by library; then process_madvise(MADV_PAGEOUT) on its read-only file
mappings and VmRSS again (what stays resident when the kernel takes back clean pages). Writes a Markdown section to IDLE_MEMORY_OUT (default
.build-perf/idle-memory.md; the comparison's `variants` phase runs this and includes it) and prints it.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

from .peers import base_env, start_nhacviec
from .procfs import library_breakdown, smaps_rollup
from .report_tables import breakdown_table
from .schedules import baddon_config
from .stats import mmm

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # benchmarks/
ROOT = os.path.dirname(HERE)

RUNS = int(os.environ.get("IDLE_MEMORY_RUNS", "5"))
SETTLE = float(os.environ.get("IDLE_MEMORY_SETTLE", "3"))
OUTDIR = os.environ.get("IDLE_MEMORY_DIR", os.path.join(ROOT, ".build-perf", "idle-memory"))
OUT = os.environ.get("IDLE_MEMORY_OUT", os.path.join(ROOT, ".build-perf", "idle-memory.md"))
BUILD = os.environ.get("IDLE_MEMORY_BUILD", "1") == "1"


def sh(cmd, **kw):
    print("idle-memory:", " ".join(cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, check=True, stdout=sys.stderr, **kw)


def build():
    os.makedirs(OUTDIR, exist_ok=True)
    base = ["swift", "build", "-c", "release", "--product", "nhacviec"]
    steps = [("nhacviec-nodeadstrip", [".build-perf"], ["--disable-dead-strip"]),
             ("nhacviec-gc", [".build-perf"], ["-Xlinker", "--gc-sections"]),
             ("nhacviec-plain", [".build-perf"], []),  # last: leaves .build-perf with the plain binary
             ("nhacviec-static-gc", [".build-perf/static"], ["--static-swift-stdlib", "-Xlinker", "--gc-sections"]),
             ("nhacviec-static", [".build-perf/static"], ["--static-swift-stdlib"])]
    for name, (scratch,), flags in steps:
        sh(base + ["--scratch-path", scratch] + flags, cwd=ROOT)
        shutil.copy2(os.path.join(ROOT, scratch, "release", "nhacviec"), os.path.join(OUTDIR, name))
    src = os.path.join(HERE, "floor", "sleeper.swift")
    for v, d in (("plain", []), ("foundation", ["-DFOUNDATION"]), ("essentials", ["-DESSENTIALS"])):
        sh(["swiftc", "-O"] + d + [src, "-o", os.path.join(OUTDIR, f"sleeper-{v}")])
        sh(["swiftc", "-O", "-static-stdlib"] + d + [src, "-o", os.path.join(OUTDIR, f"sleeper-{v}-static")],
           stderr=subprocess.DEVNULL)


VARIANTS = [
    ("nhacviec-nodeadstrip", "nhacviec, release with `--disable-dead-strip`"),
    ("nhacviec-plain", "nhacviec, plain release build (`swift build -c release`; SwiftPM already links with `--gc-sections`)"),
    ("nhacviec-static", "nhacviec, release + `--static-swift-stdlib`"),
    ("sleeper-plain", "floor: Dispatch timer only, dynamic"),
    ("sleeper-plain-static", "floor: Dispatch timer only, `-static-stdlib`"),
    ("sleeper-essentials", "floor + `import FoundationEssentials` (Date, TimeZone), dynamic"),
    ("sleeper-essentials-static", "floor + `import FoundationEssentials`, `-static-stdlib`"),
    ("sleeper-foundation", "floor + `import Foundation` (Date, TimeZone), dynamic"),
    ("sleeper-foundation-static", "floor + `import Foundation`, `-static-stdlib`"),
]


def page_out(pid):
    """MADV_PAGEOUT, from outside (process_madvise), on the process's read-only file mappings: the clean
    code and data pages that only it maps leave its RSS; pages other processes also map stay. What is
    left is what the idle process needs resident. Returns the RSS afterwards (kB), or None."""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)

    class IoVec(ctypes.Structure):
        _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]
    pidfd = libc.syscall(434, pid, 0)  # pidfd_open
    if pidfd < 0:
        return None
    try:
        with open(f"/proc/{pid}/maps") as f:
            for line in f:
                parts = line.split()
                if len(parts) < 6 or not parts[5].startswith("/") or "w" in parts[1]:
                    continue
                a, b = (int(x, 16) for x in parts[0].split("-"))
                v = IoVec(a, b - a)
                libc.syscall(440, pidfd, ctypes.byref(v), 1, 21, 0)  # process_madvise(MADV_PAGEOUT)
    finally:
        os.close(pidfd)
    time.sleep(1)
    return smaps_rollup(pid)["rss"]


def measure(path, work, stamp):
    name = os.path.basename(path)
    if name.startswith("nhacviec"):
        class A:
            pass
        a = A()
        a.root, a.stamp, a.bin = ROOT, stamp, path
        main = baddon_config(a, work)
        for f in os.listdir(os.path.dirname(main)):
            if f.startswith("state.sqlite"):
                os.unlink(os.path.join(os.path.dirname(main), f))
        t = start_nhacviec(a, main, work, name)
        try:
            t.notify.wait("READY=1", 0, t.proc, 120)
            time.sleep(SETTLE)
            m, b = smaps_rollup(t.pid), library_breakdown(t.pid)
            m["paged_out"] = page_out(t.pid)
            return m, b
        finally:
            t.stop()
    proc = subprocess.Popen([path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=base_env("/dev/null"))
    try:
        time.sleep(1 + SETTLE)  # its start takes milliseconds
        m, b = smaps_rollup(proc.pid), library_breakdown(proc.pid)
        m["paged_out"] = page_out(proc.pid)
        return m, b
    finally:
        proc.terminate()
        proc.wait()


def main():
    if BUILD:
        build()
    stamp = os.path.join(OUTDIR, "sendmail-stamp")
    if not os.path.exists(stamp):
        sh(["gcc", "-O2", "-o", stamp, os.path.join(HERE, "tools", "sendmail-stamp.c")])
    work = tempfile.mkdtemp(prefix="nhacviec-idle-memory.")
    rows, breakdowns, notes = [], {}, []
    for extra, same_as in (("nhacviec-gc", "nhacviec-plain"), ("nhacviec-static-gc", "nhacviec-static")):
        a, b = os.path.join(OUTDIR, extra), os.path.join(OUTDIR, same_as)
        if os.path.exists(a) and os.path.exists(b):
            identical = open(a, "rb").read() == open(b, "rb").read()
            notes.append(f"- `{extra}` (`-Xlinker --gc-sections` added) is {'byte for byte identical to' if identical else 'different from'} "
                         f"`{same_as}`: SwiftPM's release builds on Linux already pass `-Xlinker --gc-sections` "
                         "(dead stripping is on unless `--disable-dead-strip`).")
    try:
        for name, label in VARIANTS:
            path = os.path.join(OUTDIR, name)
            if not os.path.exists(path):
                continue
            ms = [measure(path, work, stamp) for _ in range(RUNS)]
            size = os.path.getsize(path)
            rows.append((label, size, [m[0] for m in ms]))
            breakdowns[name] = ms[0][1]
            print(f"idle-memory: {name}: {[m[0] for m in ms]}", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = [f"`benchmarks/compare --idle-memory` ({RUNS} starts of each binary, {SETTLE:g} s after READY=1 or \"started\"; "
           "median (min–max)). nhacviec runs the Ba Đồn plan.", "",
           "| build | file size | VmRSS | Pss | private | VmRSS after MADV_PAGEOUT of clean read-only file pages |",
           "|---|---|---|---|---|---|"]
    for label, size, ms in rows:
        shown = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} kB"
        out.append(f"| {label} | {shown} | " + " | ".join(
            mmm([m[k] / 1024 for m in ms if m.get(k) is not None], " MB", 1)
            for k in ("rss", "pss", "private", "paged_out")) + " |")
    if notes:
        out += [""] + notes
    for name in ("nhacviec-plain", "nhacviec-static", "sleeper-plain", "sleeper-foundation"):
        if name in breakdowns:
            out += ["", f"Part by part, `{name}` (first start):", ""]
            out += breakdown_table({"breakdown": breakdowns[name]})
    text = "\n".join(out) + "\n"
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
