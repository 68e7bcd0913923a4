"""Phase `burst`: --burst reminders due at start (catch-up) into the stand-in: READY=1, time to the last
hand-over, CPU per 1,000, peak memory; the same plans with nothing due; atd with as many due jobs."""
import os
import time

from .common import log
from .peers import read_stamps, start_atd, start_nhacviec
from .procfs import cpu_seconds, smaps_rollup, status_kb
from .schedules import write_nhacviec_instants
from .stats import fmt, ratio


def phase_burst(args, work, results):
    n = args.burst
    plans = max(1, n // 100)
    per = n // plans
    n = plans * per
    due_at = int(time.time() // 60 - 10) * 60           # ten minutes ago: catch-up on start
    rows = {"n": n, "ready_due": [], "ready_none": [], "last": [], "rate": [], "cpu_per_k": [], "cpu_children_per_k": [],
            "hwm_due": [], "rss_none": [], "at_last": [], "at_rate": [], "ratio": [], "delivered": []}
    for run in range(1, args.runs + 1):
        log(f"burst run {run}/{args.runs}: {n} due")
        d = os.path.join(work, f"burst-run{run}")
        # the same plans with nothing due (a month on)
        none = write_nhacviec_instants(os.path.join(d, "none"), args.stamp, [due_at + 30 * 86400] * plans, per)
        t = start_nhacviec(args, none, os.path.join(d, "none"), "nhacviec")
        try:
            rows["ready_none"].append(t.notify.wait("READY=1", 0, t.proc, args.timeout) - t.started)
            time.sleep(1)
            rows["rss_none"].append(smaps_rollup(t.pid)["rss"] / 1024)
        finally:
            t.stop()
        due = write_nhacviec_instants(os.path.join(d, "due"), args.stamp, [due_at] * plans, per)
        wall0 = time.time()
        t = start_nhacviec(args, due, os.path.join(d, "due"), "nhacviec")
        try:
            rows["ready_due"].append(t.notify.wait("READY=1", 0, t.proc, args.timeout) - t.started)
            deadline = time.monotonic() + args.timeout
            while len(read_stamps(t.stamps)) < n and time.monotonic() < deadline and t.alive():
                time.sleep(0.05)
            time.sleep(0.5)
            stamps = read_stamps(t.stamps)
            own, children = cpu_seconds(t.pid)
            rows["hwm_due"].append(status_kb(t.pid, "VmHWM") / 1024)
        finally:
            t.stop()
        rows["delivered"].append(len(stamps))
        last = max(stamps) - wall0 if stamps else None
        rows["last"].append(last)
        rows["rate"].append(len(stamps) / last if last else None)
        rows["cpu_per_k"].append(own / (len(stamps) / 1000) if stamps else None)
        rows["cpu_children_per_k"].append(children / (len(stamps) / 1000) if stamps else None)
        # atd: the same number of jobs due when it starts
        at = start_atd(args, [], d, "at", now_jobs=n)
        try:
            deadline = time.monotonic() + args.timeout
            while not os.path.exists(at.queued_flag) and time.monotonic() < deadline:
                time.sleep(0.05)
            at_wall0 = time.time()
            while len(read_stamps(at.stamps)) < n and time.monotonic() < deadline and at.alive():
                time.sleep(0.05)
            time.sleep(0.5)
            at_stamps = read_stamps(at.stamps)
        finally:
            at.stop()
        settle_load()  # atd starts every due job at once: let them finish before the next measurement
        at_last = max(at_stamps) - at_wall0 if at_stamps else None
        rows["at_last"].append(at_last)
        rows["at_rate"].append(len(at_stamps) / at_last if at_last else None)
        rows["ratio"].append(ratio(last, at_last))
        log(f"  nhacviec: READY {rows['ready_due'][-1]:.2f} s (none due {rows['ready_none'][-1]:.2f} s), "
            f"{len(stamps)} sent, last at {fmt(last)} s, CPU {own:.2f} s + children {children:.2f} s, "
            f"peak {rows['hwm_due'][-1]:.0f} MB (idle {rows['rss_none'][-1]:.0f} MB); "
            f"atd: {len(at_stamps)} in {fmt(at_last)} s")
    results["burst"] = rows


def settle_load(limit=4, timeout=120):
    """Waits until at most `limit` tasks are runnable (the 4th field of /proc/loadavg), up to `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open("/proc/loadavg") as f:
            running = int(f.read().split()[3].split("/")[0])
        if running <= limit:
            return
        time.sleep(1)

