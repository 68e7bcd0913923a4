"""Phase `idle`: all four tools idle with the Ba Đồn schedule (wake-ups of every thread, strace -c -f syscall
counts, VmRSS/Pss/private from smaps_rollup) while four other instances deliver --instants reminders on consecutive
minute boundaries through the stand-in (lateness). Both sets run at the same time, in the same run."""
import os
import signal
import subprocess
import time

from .common import log
from .peers import fresh_ledger, lateness, read_stamps, start_atd, start_cron, start_nhacviec, start_remind
from .procfs import library_breakdown, per_thread, smaps_rollup
from .schedules import (baddon_config, base_env, cron_line, json_instant, minute_instants, rem_line,
                        schedule_instants, write_nhacviec_instants)
from .stats import fmt, pct


def count_wakeups(pids, window):
    """Per-thread context switches of each pid over `window` s (threads that end count 1 more)."""
    seen = {p: per_thread(p) for p in pids}
    busy = {p: {} for p in pids}
    end = time.monotonic() + window
    while True:
        time.sleep(max(0.0, min(0.5, end - time.monotonic())))
        for p in pids:
            current = per_thread(p)
            for tid, (name, n) in current.items():
                d = n - seen[p].get(tid, (name, 0))[1]
                if d:
                    busy[p][f"{tid}:{name}"] = busy[p].get(f"{tid}:{name}", 0) + d
            for tid in set(seen[p]) - set(current):
                key = f"{tid}:{seen[p][tid][0]}"
                busy[p][key] = busy[p].get(key, 0) + 1
            seen[p] = current
        if time.monotonic() >= end:
            break
    return {p: (sum(b.values()), b) for p, b in busy.items()}


def strace_counts(pids, window, work, tag):
    if window <= 0:
        return {}
    procs = {}
    for p in pids:
        out = os.path.join(work, f"{tag}.strace.{p}")
        procs[p] = (subprocess.Popen(["strace", "-c", "-f", "-q", "-o", out, "-p", str(p)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), out)
    time.sleep(window)
    result = {}
    for p, (proc, out) in procs.items():
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        calls = {}
        total = 0
        try:
            with open(out) as f:
                for line in f:
                    parts = line.split()
                    if len(parts) >= 5 and parts[0][0].isdigit() and parts[-1] != "total":
                        name = parts[-1]
                        n = int(parts[3])
                        calls[name] = n
                    if parts and parts[-1] == "total":
                        total = int(parts[2])
        except FileNotFoundError:
            pass
        result[p] = (sum(calls.values()) if calls else total, calls)
    return result



def phase_idle(args, work, results):
    main = baddon_config(args, work)
    sched = schedule_instants(args.bin, main, base_env("/dev/null"))
    idle_instants = sorted({t for t in map(json_instant, sched) if t is not None})
    now = time.time()
    future = [t for t in idle_instants if t > now + 120]
    results["baddon_instants"] = len(idle_instants)
    results["baddon_future"] = len(future)
    with open(os.path.join(work, "idle.rem"), "w") as f:
        f.writelines(rem_line(t, f"r{i}") for i, t in enumerate(idle_instants))
    rows = {k: {"wake": [], "live": [], "sys": [], "rss": [], "pss": [], "private": [], "late": [], "missing": [],
                "syscalls": []} for k in ("nhacviec", "remind", "cron", "at")}
    for run in range(1, args.runs + 1):
        tag = f"run{run}"
        log(f"idle+punctuality run {run}/{args.runs}")
        # punctuality set
        instants = minute_instants(args.instants, args.lead) if args.instants > 0 else []
        pdir = os.path.join(work, f"{tag}-punct")
        pconf = write_nhacviec_instants(pdir, args.stamp, instants) if instants else None
        prem = os.path.join(work, f"{tag}-punct.rem")
        with open(prem, "w") as f:
            f.writelines(rem_line(t, f"p{i}") for i, t in enumerate(instants))
        idle_dir = os.path.join(work, f"{tag}-idle")
        os.makedirs(idle_dir, exist_ok=True)
        fresh_ledger(os.path.join(work, "baddon"))
        idle_tools = [start_nhacviec(args, main, idle_dir, "nhacviec"),
                      start_remind(args, os.path.join(work, "idle.rem"), idle_dir, "remind"),
                      start_cron(args, [cron_line(t, args.stamp) for t in future], idle_dir, "cron"),
                      start_atd(args, future, idle_dir, "at")]
        punct_tools = []
        if instants:
            punct_tools = [start_nhacviec(args, pconf, pdir, "nhacviec"),
                           start_remind(args, prem, pdir, "remind"),
                           start_cron(args, [cron_line(t, args.stamp) for t in instants], pdir, "cron"),
                           start_atd(args, instants, pdir, "at")]
        try:
            for t in idle_tools + punct_tools:
                if t.name == "nhacviec":
                    t.notify.wait("READY=1", 0, t.proc, args.timeout)
            time.sleep(5)
            for t in idle_tools + punct_tools:
                if not t.alive():
                    raise RuntimeError(f"{t.name} ({t.stamps}) exited with {t.proc.returncode}")
            pids = [t.pid for t in idle_tools]
            wake = count_wakeups(pids, args.idle)
            for t in idle_tools:
                total, by_thread = wake[t.pid]
                rows[t.name]["wake"].append(total)
                m = smaps_rollup(t.pid)
                for k in ("rss", "pss", "private"):
                    rows[t.name][k].append(m[k] / 1024)
                log(f"  {t.name}: {total} wake-ups {by_thread}, {m}")
            if args.strace_window > 0:
                sc = strace_counts(pids, args.strace_window, idle_dir, "idle")
                for t in idle_tools:
                    n, calls = sc.get(t.pid, (None, {}))
                    rows[t.name]["sys"].append(n)
                    rows[t.name]["syscalls"].append(calls)
                    log(f"  {t.name}: {n} syscalls {calls}")
            if "memory" in args.phases and run == 1:
                results["breakdown"] = library_breakdown(idle_tools[0].pid)
                results["idle_threads"] = len(per_thread(idle_tools[0].pid))
            if instants:
                end = instants[-1] + 70
                while time.time() < end:
                    time.sleep(min(5, max(0.1, end - time.time())))
                for t in punct_tools:
                    late = lateness(read_stamps(t.stamps), instants)
                    rows[t.name]["late"].append(late)
                    rows[t.name]["missing"].append(len(instants) - len(late))
                    log(f"  {t.name}: {len(late)}/{len(instants)} delivered; p50 {fmt(pct(late, .5))} ms, "
                        f"max {fmt(max(late) if late else None)} ms")
        finally:
            for t in idle_tools + punct_tools:
                t.stop()
    results["idle"] = rows
    results["instants"] = args.instants

