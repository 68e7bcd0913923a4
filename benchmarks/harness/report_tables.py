"""The report's tables: idle, memory and punctuality (with the ratios and the system calls by name), and the idle
daemon's memory part by part (also used by the idle-memory mode)."""
import os

from .stats import fmt, med, mmm, pct, ratio

PEERS = ("nhacviec", "remind", "cron", "at")
PEER_LABEL = {"nhacviec": "nhacviec", "remind": "`remind -z1`", "cron": "`cron -f`", "at": "`atd -f`"}


def idle_tables(results):
    rows = results.get("idle")
    if not rows:
        return [], []
    out, head = [], []
    out.append("| | " + " | ".join(PEER_LABEL[k] for k in PEERS) + " |")
    out.append("|---|" + "---|" * len(PEERS))

    def line(label, key, unit, digits=None, per_run=None):
        cells = []
        for k in PEERS:
            vals = rows[k][key] if per_run is None else [per_run(x) for x in rows[k][key]]
            cells.append(mmm(vals, unit, digits))
        out.append(f"| {label} | " + " | ".join(cells) + " |")

    line(f"wake-ups, all threads, {results['args'].idle:g} s", "wake", "", 0)
    if any(rows[k]["sys"] for k in PEERS):
        line(f"system calls (`strace -c -f`), {results['args'].strace_window:g} s", "sys", "", 0)
    line("VmRSS", "rss", " MB", 1)
    line("Pss", "pss", " MB", 1)
    line("private (clean + dirty)", "private", " MB", 1)
    if any(rows[k]["late"] for k in PEERS):
        line("lateness p50", "late", " ms", None, lambda l: pct(l, .5) if l else None)
        line("lateness p99", "late", " ms", None, lambda l: pct(l, .99) if l else None)
        line("lateness max", "late", " ms", None, lambda l: max(l) if l else None)
        line("instants missed", "missing", "", 0)
        pooled = {k: [x for run in rows[k]["late"] for x in run] for k in PEERS}
        n = len(pooled["nhacviec"])
        for label, f in (("p50", lambda l: pct(l, .5)), ("p99", lambda l: pct(l, .99)), ("max", max)):
            out.append(f"| lateness {label}, the {n} instants of all runs pooled | "
                       + " | ".join(fmt(f(pooled[k]) if pooled[k] else None, " ms") for k in PEERS) + " |")
    # ratios within each run
    rat = ["", "Ratios, nhacviec ÷ peer, computed run by run (median, min–max):", "",
           "| | " + " | ".join(PEER_LABEL[k] for k in PEERS[1:]) + " |", "|---|" + "---|" * 3]
    for label, key, f in (("VmRSS", "rss", None), ("private", "private", None),
                          ("lateness p50", "late", lambda l: pct(l, .5) if l else None)):
        cells = []
        for k in PEERS[1:]:
            a = rows["nhacviec"][key] if f is None else [f(x) for x in rows["nhacviec"][key]]
            b = rows[k][key] if f is None else [f(x) for x in rows[k][key]]
            cells.append(mmm([ratio(x, y) for x, y in zip(a, b)], "", "g"))
        rat.append(f"| {label} | " + " | ".join(cells) + " |")
    # syscalls by name, first run
    sc = ["", "System calls over the strace window, run 1 (name: count):", ""]
    for k in PEERS:
        calls = rows[k]["syscalls"][0] if rows[k]["syscalls"] else {}
        sc.append(f"- {PEER_LABEL[k]}: " + (", ".join(f"{n} {c}" for n, c in sorted(calls.items(), key=lambda x: -x[1]))
                                              or "none"))
    head.append(("idle wake-ups", [mmm(rows[k]["wake"], "", 0) for k in PEERS]))
    head.append(("idle VmRSS (Ba Đồn plan)", [mmm(rows[k]["rss"], " MB", 1) for k in PEERS]))
    head.append(("idle private memory", [mmm(rows[k]["private"], " MB", 1) for k in PEERS]))
    if any(rows[k]["late"] for k in PEERS):
        head.append(("lateness p50 / max", [f"{fmt(med([pct(l, .5) for l in rows[k]['late'] if l]), ' ms')} / "
                                            f"{fmt(med([max(l) for l in rows[k]['late'] if l]), ' ms')}" for k in PEERS]))
    return out + rat + sc, head


def breakdown_table(results):
    groups = results.get("breakdown")
    if not groups:
        return []
    def family(name):
        base = os.path.basename(name)
        for key, label in (("libswiftCore", "Swift runtime (libswiftCore)"), ("libswift_", "Swift runtime (other libswift*)"),
                           ("libswiftSwiftOnoneSupport", "Swift runtime (other libswift*)"),
                           ("libswiftDispatch", "Dispatch"), ("libdispatch", "Dispatch"), ("libBlocksRuntime", "Dispatch"),
                           ("libFoundationInternationalization", "FoundationInternationalization"),
                           ("lib_FoundationICU", "ICU data and code (lib_FoundationICU)"),
                           ("libFoundationEssentials", "FoundationEssentials"), ("libFoundationNetworking", "FoundationNetworking"),
                           ("libFoundation.so", "Foundation (swift-corelibs)"), ("libFoundationXML", "FoundationXML"),
                           ("libsqlite3", "SQLite (libsqlite3)"), ("libsystemd", "libsystemd"),
                           ("libc.so", "glibc"), ("libm.so", "glibc"), ("ld-linux", "glibc"), ("libstdc++", "libstdc++/libgcc"),
                           ("libgcc_s", "libstdc++/libgcc"), ("[heap]", "heap ([heap] + anonymous)"),
                           ("[anon]", "heap ([heap] + anonymous)"), ("[stack]", "stacks"), ("[vdso]", "kernel (vdso, vvar)"),
                           ("[vvar", "kernel (vdso, vvar)")):
            if key in base or key == name:
                return label
        if name.startswith("/") and not base.startswith("lib") and not base.startswith("ld-"):
            return "the executable (nhacviec: its code with GRDB, Yams, Mustache linked in)"
        if name.startswith("[anon:") or name.startswith("[stack:"):
            return "heap ([heap] + anonymous)" if name.startswith("[anon") else "stacks"
        return "other: " + base
    fam = {}
    for name, v in groups.items():
        f = fam.setdefault(family(name), {"rss": 0, "pss": 0, "private": 0, "files": set()})
        for k in ("rss", "pss", "private"):
            f[k] += v[k]
        f["files"].add(os.path.basename(name))
    total = {k: sum(v[k] for v in fam.values()) for k in ("rss", "pss", "private")}
    out = ["| part | Rss | Pss | private |", "|---|---|---|---|"]
    for name, v in sorted(fam.items(), key=lambda x: -x[1]["rss"]):
        if v["rss"] < 64:
            continue
        out.append(f"| {name} | {v['rss'] / 1024:.1f} MB | {v['pss'] / 1024:.1f} MB | {v['private'] / 1024:.1f} MB |")
    out.append(f"| **total** | **{total['rss'] / 1024:.1f} MB** | **{total['pss'] / 1024:.1f} MB** | "
               f"**{total['private'] / 1024:.1f} MB** |")
    return out
