"""Phase `scale`: for each size in --scale (tasks), nhacviec's start to READY=1, memory at READY and reload
(SIGHUP to the next READY=1), against `remind -n` on a .rem file of the same reminders."""
import glob
import os
import shutil
import signal
import time

from .common import log
from .peers import fresh_ledger, start_nhacviec
from .procfs import smaps_rollup, status_kb
from .schedules import base_env, gen_data, rem_from_schedule, timed
from .stats import ratio


def phase_scale(args, work, results):
    results["scale"] = {}
    for tasks in args.scale:
        log(f"scale: {tasks} tasks: generating")
        config = gen_data(args, work, tasks, f"scale-{tasks}")
        remfile = os.path.join(work, f"scale-{tasks}.rem")
        reminders = rem_from_schedule(args, config, remfile)
        size = sum(os.path.getsize(p) for p in glob.glob(os.path.join(os.path.dirname(config), "plans.d", "*")))
        row = {"tasks": tasks, "reminders": reminders, "yaml_mb": size / 1e6, "ready": [], "reload": [], "rss": [],
               "pss": [], "private": [], "hwm": [], "remind": [], "remind_rss": [], "ratio": [], "reload_ratio": [],
               "remind_rc": [], "ready_cold": None}
        # The first start after the plans changed reads their text and writes the plan cache; the timed runs
        # after it find every plan compiled, as a restart or reload with unchanged plans does.
        shutil.rmtree(os.path.join(os.path.dirname(config), "plan-cache"), ignore_errors=True)
        fresh_ledger(os.path.dirname(config))
        d = os.path.join(work, f"scale-{tasks}-cold")
        os.makedirs(d, exist_ok=True)
        t = start_nhacviec(args, config, d, "nhacviec")
        try:
            row["ready_cold"] = t.notify.wait("READY=1", 0, t.proc, args.timeout) - t.started
        finally:
            t.stop()
        log(f"  first start, plan cache empty: READY {row['ready_cold']:.2f} s")
        for run in range(1, args.scale_runs + 1):
            fresh_ledger(os.path.dirname(config))
            d = os.path.join(work, f"scale-{tasks}-run{run}")
            os.makedirs(d, exist_ok=True)
            t = start_nhacviec(args, config, d, "nhacviec")
            try:
                ready = t.notify.wait("READY=1", 0, t.proc, args.timeout) - t.started
                time.sleep(1)
                m = smaps_rollup(t.pid)
                hwm = status_kb(t.pid, "VmHWM")
                hup = time.monotonic()
                t.proc.send_signal(signal.SIGHUP)
                reload_s = t.notify.wait("READY=1", hup, t.proc, args.timeout) - hup
            finally:
                t.stop()
            rc, wall, rrss, _ = timed(["remind", "-n", remfile], env=base_env("/dev/null"))
            row["ready"].append(ready); row["reload"].append(reload_s)
            row["rss"].append(m["rss"] / 1024); row["pss"].append(m["pss"] / 1024); row["private"].append(m["private"] / 1024)
            row["hwm"].append(hwm / 1024); row["remind"].append(wall); row["remind_rss"].append(rrss / 1024)
            row["ratio"].append(ratio(ready, wall)); row["reload_ratio"].append(ratio(reload_s, wall))
            row["remind_rc"].append(rc)
            log(f"  run {run}: READY {ready:.2f} s, reload {reload_s:.2f} s, RSS {m['rss']/1024:.0f} MB; "
                f"remind -n {wall:.2f} s (exit {rc}), {rrss/1024:.1f} MB")
        results["scale"][tasks] = row
        results.setdefault("scale_configs", {})[tasks] = config
