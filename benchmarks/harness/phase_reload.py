"""Phase `reload`: the largest --scale set loaded and a reminder falling due while a reload runs: its lateness,
and the WATCHDOG=1 pings (WATCHDOG_USEC=--watchdog-usec) during the reload."""
import datetime as dt
import os
import signal
import time

from .common import UTC, log
from .peers import fresh_ledger, read_stamps, start_nhacviec
from .schedules import gen_data, minute_instants
from .stats import fmt, med


def phase_reload(args, work, results):
    if not args.scale:
        return
    tasks = max(args.scale)
    config = results.get("scale_configs", {}).get(tasks) or gen_data(args, work, tasks, f"scale-{tasks}")
    reload_est = med(results.get("scale", {}).get(tasks, {}).get("reload", [])) or 5.0
    # the instant inside the reload: SIGHUP 5 s before it, or half the reload time if that is shorter
    lead = args.reload_lead if args.reload_lead >= 0 else min(5.0, reload_est / 2)
    plans_d = os.path.join(os.path.dirname(config), "plans.d")
    rows = {"tasks": tasks, "late": [], "max_gap": [], "pings": [], "reload": [], "lead": lead,
            "watchdog_s": args.watchdog_usec / 1e6}
    for run in range(1, args.runs + 1):
        log(f"reload run {run}/{args.runs}: {tasks} tasks, SIGHUP {lead:.1f} s before the instant")
        d = os.path.join(work, f"reload-run{run}")
        os.makedirs(d, exist_ok=True)
        fresh_ledger(os.path.dirname(config))
        # one extra plan whose reminder falls on a minute boundary after the start and the lead
        extra = os.path.join(plans_d, "zz-reload-probe.yaml")
        est_start = (med(results.get("scale", {}).get(tasks, {}).get("ready", [])) or 10.0) * 1.5 + 10
        instant = minute_instants(1, est_start + lead)[0]
        when = dt.datetime.fromtimestamp(instant, UTC)
        with open(extra, "w") as f:
            f.write(f'plan: {{id: zz-reload-probe, title: Thăm dò, admin: admin@bench.example.gov.vn, timezone: UTC, '
                    f'send-at: "{when:%H:%M}"}}\ndepartments:\n  vp: {{name: Văn phòng, email: vp@bench.example.gov.vn}}\n'
                    f"tasks:\n  - {{id: t0, title: Việc, owner: vp, due: {when.date().isoformat()}, remind: [0d], overdue: none}}\n")
        main_text = open(config).read()
        if when.weekday() >= 5:
            log("  the instant falls on a weekend: it moves to the previous working day; skipping this run")
            os.unlink(extra)
            continue
        t = start_nhacviec(args, config, d, "nhacviec", watchdog_usec=args.watchdog_usec)
        try:
            t.notify.wait("READY=1", 0, t.proc, args.timeout)
            wait = instant - lead - time.time()
            if wait < 0:
                log("  the daemon was ready too late for this instant; skipping this run")
                continue
            time.sleep(wait)
            hup = time.monotonic()
            hup_wall = time.time()
            t.proc.send_signal(signal.SIGHUP)
            ready2 = t.notify.wait("READY=1", hup, t.proc, args.timeout)
            inside = hup_wall <= instant <= hup_wall + (ready2 - hup)
            end = max(time.time(), instant) + 5
            while time.time() < end and not read_stamps(t.stamps):
                time.sleep(0.05)
            time.sleep(max(0, end - time.time()))
            stamps = read_stamps(t.stamps)
            pings = t.notify.times("WATCHDOG=1", hup - args.watchdog_usec / 1e6)
            points = [hup] + [p for p in pings if hup <= p <= ready2] + [ready2]
            gaps = [b - a for a, b in zip(points, points[1:])]
        finally:
            t.stop()
            os.unlink(extra)
        late = (min(stamps) - instant) * 1000 if stamps else None
        rows["late"].append(late)
        rows["max_gap"].append(max(gaps) if gaps else None)
        rows["pings"].append(len([p for p in pings if hup <= p <= ready2]))
        rows["reload"].append(ready2 - hup)
        rows.setdefault("inside", []).append(inside)
        log(f"  reload {ready2 - hup:.2f} s; reminder lateness {fmt(late)} ms; "
            f"{rows['pings'][-1]} WATCHDOG=1 during the reload, longest gap {fmt(rows['max_gap'][-1])} s; "
            f"instant {'inside' if inside else 'NOT inside'} the reload")
    results["reload"] = rows
