"""The measuring side of benchmarks/compare: nhacviec against Remind, cron and at on the same schedule, in one run.

Started by benchmarks/compare (which installs the peers, builds nhacviec and the sendmail stand-in). After every
phase it saves the raw figures as JSON (--results; harness/results.py) and renders docs/performance.md (or --out)
from that JSON with harness/report.py, which `benchmarks/compare --report-only RESULTS.json` runs alone. At the
end it prints the headline table. Progress goes to stderr.

Phases (each repeated --runs times; every figure is the median of the runs, with min and max):
  idle+punct  all four tools idle with the Ba Đồn schedule (wake-ups of every thread, strace -c -f
              syscall counts, VmRSS/Pss/private from smaps_rollup), while four other instances deliver
              --instants reminders on consecutive minute boundaries through the stand-in
              (lateness p50/p99/max). Both sets run at the same time, in the same run.
  scale       for each size in --scale (tasks): nhacviec start to READY=1, memory at READY, reload
              (SIGHUP to the next READY=1), against `remind -n` on a .rem file of the same reminders
              (from `nhacviec schedule --format json`).
  burst       --burst reminders due at start (catch-up) into the stand-in: READY=1, time to the last
              hand-over, CPU per 1,000, peak memory; the same plans with nothing due for comparison;
              `atd` with the same number of due jobs for the ratio.
  reload      the largest --scale set loaded, a reminder falling due while a reload runs: its lateness,
              and the WATCHDOG=1 pings (WATCHDOG_USEC=--watchdog-usec) during the reload.
  memory      per-library breakdown of the idle nhacviec from /proc/PID/smaps.
"""
import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile

from .common import UTC, env_default, log
from .machine import commit, loadavg, machine
from .phase_burst import phase_burst
from .phase_idle import phase_idle
from .phase_reload import phase_reload
from .phase_scale import phase_scale
from .phase_variants import phase_variants
from .report import ENV_KNOBS, headline_table, render
from .results import dumps, loads


def parse_args(argv):
    p = argparse.ArgumentParser(prog="benchmarks/compare", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", required=True)
    p.add_argument("--stamp", required=True, help="the compiled sendmail stand-in")
    p.add_argument("--root", required=True, help="the repository (config/, benchmarks/)")
    p.add_argument("--out", default=env_default("COMPARE_OUT", ""), help="COMPARE_OUT; default ROOT/docs/performance.md")
    p.add_argument("--results", default=env_default("COMPARE_RESULTS", ""),
                   help="COMPARE_RESULTS: the JSON of raw figures; default ROOT/.build-perf/results/compare-START.json")
    p.add_argument("--notes-from", default=env_default("COMPARE_NOTES_FROM", ""),
                   help="COMPARE_NOTES_FROM: the file whose hand-written block the report keeps; default "
                        "ROOT/docs/performance.md")
    p.add_argument("--runs", type=int, default=env_default("COMPARE_RUNS", 5, int), help="COMPARE_RUNS (5)")
    p.add_argument("--idle", type=float, default=env_default("COMPARE_IDLE", 300.0, float),
                   help="COMPARE_IDLE: seconds of the wake-up window (300); the strace window is as long")
    p.add_argument("--strace-window", type=float, default=env_default("COMPARE_STRACE", -1.0, float),
                   help="COMPARE_STRACE: seconds of the strace -c window (default: = idle; 0 skips)")
    p.add_argument("--instants", type=int, default=env_default("COMPARE_INSTANTS", 30, int),
                   help="COMPARE_INSTANTS: reminders per run, one per minute boundary (30)")
    p.add_argument("--lead", type=float, default=env_default("COMPARE_LEAD", 45.0, float),
                   help="COMPARE_LEAD: seconds from start to the first instant, at least (45)")
    p.add_argument("--scale", default=env_default("COMPARE_SCALE", "200000 2000000"),
                   help="COMPARE_SCALE: task counts, 100 tasks a plan ('200000 2000000'; '' skips)")
    p.add_argument("--scale-runs", type=int, default=env_default("COMPARE_SCALE_RUNS", -1, int),
                   help="COMPARE_SCALE_RUNS (default: --runs)")
    p.add_argument("--burst", type=int, default=env_default("COMPARE_BURST", 10000, int),
                   help="COMPARE_BURST: reminders due at start (10000; 0 skips)")
    p.add_argument("--watchdog-usec", type=int, default=env_default("COMPARE_WATCHDOG_USEC", 10_000_000, int),
                   help="COMPARE_WATCHDOG_USEC for the reload phase (10000000)")
    p.add_argument("--reload-lead", type=float, default=env_default("COMPARE_RELOAD_LEAD", -1.0, float),
                   help="COMPARE_RELOAD_LEAD: seconds between SIGHUP and the instant (default: 5, or half the "
                        "reload time measured at that size in the scale phase if that is shorter)")
    p.add_argument("--phases", default=env_default("COMPARE_PHASES", "variants idle scale burst reload memory"),
                   help="COMPARE_PHASES ('variants idle scale burst reload memory'); variants runs "
                        "benchmarks/compare --idle-memory (IDLE_MEMORY_BUILD=0 skips its builds)")
    p.add_argument("--keep", action="store_true", default=env_default("COMPARE_KEEP", "0") == "1",
                   help="COMPARE_KEEP=1 keeps the work directory")
    p.add_argument("--resume", default=env_default("COMPARE_RESUME", ""),
                   help="COMPARE_RESUME: the results JSON of an earlier run (see --results) whose phases are "
                        "taken as they are; run the missing ones with COMPARE_PHASES")
    p.add_argument("--timeout", type=float, default=env_default("COMPARE_TIMEOUT", 900.0, float))
    a = p.parse_args(argv)
    if a.strace_window < 0:
        a.strace_window = a.idle
    if a.scale_runs < 0:
        a.scale_runs = a.runs
    a.scale = [int(x) for x in a.scale.split()]
    a.phases = set(a.phases.split())
    a.out = a.out or os.path.join(a.root, "docs", "performance.md")
    a.notes_from = a.notes_from or os.path.join(a.root, "docs", "performance.md")
    return a


def main(argv):
    args = parse_args(argv)
    started = dt.datetime.now(UTC)
    work = tempfile.mkdtemp(prefix="nhacviec-compare.")
    os.chmod(work, 0o755)
    args.results = args.results or os.path.join(args.root, ".build-perf", "results",
                                                f"compare-{started:%Y%m%d-%H%M%S}.json")
    results = {"args": args, "env": {k: os.environ[k] for k in ENV_KNOBS if os.environ.get(k)}, "machine": machine()}
    results["commit"] = commit(args.root)
    short = []
    if args.runs < 5: short.append(f"{args.runs} runs")
    if args.idle < 300: short.append(f"{args.idle:g} s idle window")
    if args.instants * args.runs < 30: short.append(f"{args.instants} instants per run")
    if args.scale and max(args.scale) < 2_000_000: short.append(f"scale {' '.join(map(str, args.scale))} tasks")
    if 0 < args.burst < 10000: short.append(f"burst {args.burst}")
    results["short"] = ", ".join(short)
    if args.resume:
        with open(args.resume) as f:
            earlier = json.load(f)
        for key in ("variants", "baddon_instants", "baddon_future", "breakdown", "idle_threads", "idle", "instants", "burst",
                    "reload", "timings"):
            if key in earlier:
                results[key] = earlier[key]
        for key in ("scale", "scale_configs"):  # the data sets are reused when that work directory was kept
            if key in earlier:
                results[key] = {int(k): v for k, v in earlier[key].items()
                                if key != "scale_configs" or os.path.exists(v)}
        results["short"] = ", ".join(dict.fromkeys(x for part in (earlier.get("short"), results["short"]) if part
                                                   for x in part.split(", ")))
    log(f"work directory {work}")
    log(f"raw figures: {args.results}")

    def save():
        """The figures and the report so far: a phase that fails later does not lose the earlier ones. The report
        is rendered from the JSON text itself, as --report-only renders it."""
        results["started"], results["finished"], results["load_end"] = started, dt.datetime.now(UTC), loadavg()
        report, head = render(loads(dumps(results)), args.notes_from)
        for path, text in ((args.results, dumps(results, head)), (args.out, report)):
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
        return head

    try:
        for phase, wanted, run in (("variants", True, phase_variants), ("idle", True, phase_idle), ("scale", bool(args.scale), phase_scale),
                                   ("burst", args.burst > 0, phase_burst), ("reload", bool(args.scale), phase_reload)):
            if phase in args.phases and wanted:
                begun = dt.datetime.now(UTC)
                run(args, work, results)
                results.setdefault("timings", []).append(
                    [phase, f"{begun:%Y-%m-%d %H:%M}", round((dt.datetime.now(UTC) - begun).total_seconds() / 60, 1)])
                save()
        head = save()
        print(headline_table(head))
        log(f"wrote {args.out}; raw figures in {args.results} "
            f"(benchmarks/compare --report-only {args.results} renders the report again)")
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
