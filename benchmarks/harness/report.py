"""The report: renders docs/performance.md (or --out) and the headline rows from the raw figures a comparison run
saved as JSON (harness/results.py). It measures nothing, so a saved run can be rendered again at any time:

    benchmarks/compare --report-only RESULTS.json [--out FILE] [--notes-from FILE]

The hand-written block between the notes markers is taken from --notes-from (default: ROOT/docs/performance.md)
and kept as it is. The headline rows (the README's table) go to standard output.
"""
import argparse
import os
import shlex
import sys

from .common import log
from .report_tables import breakdown_table, idle_tables
from .results import load_results
from .stats import fmt, med, mmm

# environment variables that shaped a run besides its COMPARE_* knobs; recorded in the results' "env"
ENV_KNOBS = ("NHACVIEC_BIN", "IDLE_MEMORY_BUILD", "IDLE_MEMORY_DIR", "IDLE_MEMORY_RUNS")


def knobs(args, env):
    return (f"COMPARE_RUNS={args.runs} COMPARE_IDLE={args.idle:g} COMPARE_STRACE={args.strace_window:g} "
            f"COMPARE_INSTANTS={args.instants} COMPARE_SCALE='{' '.join(map(str, args.scale))}' "
            f"COMPARE_SCALE_RUNS={args.scale_runs} COMPARE_BURST={args.burst} "
            f"COMPARE_WATCHDOG_USEC={args.watchdog_usec} COMPARE_LEAD={args.lead:g}"
            + (f" COMPARE_PHASES='{' '.join(sorted(args.phases))}' COMPARE_RESUME={args.resume}" if args.resume else "")
            + "".join(f" {k}={shlex.quote(env[k])}" for k in ENV_KNOBS if env.get(k)))


def write_report(args, results, started, finished, notes_from):
    m = results["machine"]
    head = []
    lines = ["# Performance: nhacviec side by side with Remind, cron and at", "",
             "Written by `benchmarks/compare`: every figure below comes from the run described here. The run saves its "
             "raw figures as JSON, and `benchmarks/compare --report-only FILE.json` renders this file again from them "
             "without measuring. What follows the measured sections is written by hand and kept as it is; it ends "
             "with [Running the benchmarks](#running-the-benchmarks) (every mode of `benchmarks/compare`, the "
             "quick self-check among them) and [History](#history) (the first optimisation work).", "",
             "## This run", "",
             f"- command: `{knobs(args, results.get('env', {}))} benchmarks/compare`",
             f"- binary: `{args.bin}` ({results.get('commit', '?')})",
             f"- started {started:%Y-%m-%d %H:%M} UTC, took {(finished - started).total_seconds() / 60:.0f} min; "
             f"load average at the start {' '.join(m['load'])}, at the end {' '.join(results['load_end'])}",
             "- phases (start UTC, minutes): " + (", ".join(f"{p} {t} ({d:g})" for p, t, d in results.get("timings", []))
                                                 or "–"),
             f"- machine: {m['nproc']} CPUs ({m['cpu']}), {m['mem']} memory, {m['os']}, kernel {m['kernel']}",
             f"- versions: {m['swift']}; remind {m['remind']}; cron {m['cron']}; at {m['at']}; strace {m['strace']} "
             "(Debian packages)", ""]
    if results.get("short"):
        lines += [f"**Shorter than the default run** ({results['short']}; the default is 5 runs, 300 s windows, 30 "
                  "instants per run, both scales and a burst of 10,000): the figures show the method and the orders of "
                  "magnitude.", ""]
    idle_lines, idle_head = idle_tables(results)
    head += idle_head
    if idle_lines:
        lines += ["## Idle, memory and punctuality", "",
                  f"Each run starts all four tools with the Ba Đồn plan (`config/`, {results['baddon_instants']} reminders, "
                  f"{results['baddon_future']} of them still ahead) and, at the same time, four other instances with "
                  f"{results['instants']} reminders on consecutive minute boundaries. Median of {len(results['idle']['nhacviec']['wake'])} "
                  "runs (min–max).", ""]
        lines += idle_lines + [""]
    sc = results.get("scale") or {}
    if sc:
        lines += ["## Start and reload at scale", "",
                  "`benchmarks/gen_plans.py` data, 100 tasks a plan; Remind is given one `REM … AT …` line per reminder "
                  "instance that `nhacviec schedule --format json` lists for the same data, and `remind -n FILE` is timed "
                  "(GNU time) in the same run. nhacviec: spawn to `READY=1` on a private `NOTIFY_SOCKET`; reload: "
                  "`SIGHUP` to the next `READY=1`; memory from `smaps_rollup` 1 s after `READY=1`. The timed starts "
                  "find every plan in the plan cache (unchanged plans, as at a restart); \"first start\" is the one "
                  "before them, with the cache emptied, which reads the YAML and writes the cache.", "",
                  "| tasks (reminders, YAML) | first start (cache empty) | nhacviec start to READY=1 | reload | `remind -n` | "
                  "start ÷ `remind -n` | reload ÷ `remind -n` | VmRSS / Pss / private at READY | VmHWM | `remind -n` max RSS |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for tasks, r in sorted(sc.items()):
            lines.append(f"| {tasks:,} ({r['reminders']:,}, {r['yaml_mb']:.0f} MB) | {fmt(r.get('ready_cold'), ' s')} | "
                         f"{mmm(r['ready'], ' s')} | "
                         f"{mmm(r['reload'], ' s')} | {mmm(r['remind'], ' s')} | {mmm(r['ratio'], '', 'g')} | "
                         f"{mmm(r['reload_ratio'], '', 'g')} | {fmt(med(r['rss']), '')} / {fmt(med(r['pss']), '')} / "
                         f"{fmt(med(r['private']), ' MB')} | {mmm(r['hwm'], ' MB')} | {mmm(r['remind_rss'], ' MB', 1)} |")
            head.append((f"start to READY=1, {tasks:,} tasks (÷ `remind -n`)",
                         [f"{fmt(med(r['ready']), ' s')} (×{fmt(med(r['ratio']), '', 'g')})", f"`-n`: {fmt(med(r['remind']), ' s')}", "", ""]))
        lines.append("")
    b = results.get("burst")
    if b:
        lines += ["## Burst", "",
                  f"{b['n']:,} reminders (one task each, {b['n'] // 100 if b['n'] >= 100 else 1} plans) fell due ten minutes "
                  "before the daemon starts, so all are caught up at once into the stand-in; the SQLite ledger is real. "
                  "\"Last hand-over\" is from spawn to the stand-in's last start. atd gets the same number of `at now` "
                  "jobs queued before it starts.", "",
                  "| measure | figure |", "|---|---|",
                  f"| nhacviec: spawn to the last hand-over | {mmm(b['last'], ' s')} |",
                  f"| nhacviec: messages per second | {mmm(b['rate'], '/s')} |",
                  f"| nhacviec: CPU of the daemon per 1,000 reminders | {mmm(b['cpu_per_k'], ' s')} |",
                  f"| nhacviec: CPU of its sendmail children per 1,000 | {mmm(b['cpu_children_per_k'], ' s')} |",
                  f"| nhacviec: READY=1 with {b['n']:,} due | {mmm(b['ready_due'], ' s')} |",
                  f"| nhacviec: READY=1 with none due (same plans, a month on) | {mmm(b['ready_none'], ' s')} |",
                  f"| nhacviec: READY=1 difference (target ≤ 0.5 s) | "
                  f"{fmt(med(b['ready_due']) - med(b['ready_none']) if b['ready_due'] and b['ready_none'] else None, ' s')} |",
                  f"| nhacviec: peak (VmHWM) with {b['n']:,} due | {mmm(b['hwm_due'], ' MB')} |",
                  f"| nhacviec: VmRSS idle, none due | {mmm(b['rss_none'], ' MB')} |",
                  f"| nhacviec: delivered | {mmm(b['delivered'], '', 0)} |",
                  f"| atd: first start to the last job's start | {mmm(b['at_last'], ' s')} |",
                  f"| atd: jobs per second | {mmm(b['at_rate'], '/s')} |",
                  f"| ratio nhacviec ÷ atd (time to the last one) | {mmm(b['ratio'], '', 'g')} |", ""]
        head.append((f"burst of {b['n']:,}: messages/s (atd jobs/s)",
                     [mmm(b["rate"], "/s"), "", "", mmm(b["at_rate"], "/s")]))
    rl = results.get("reload")
    if rl and rl["late"]:
        lines += ["## A reminder falling due during a reload", "",
                  f"{rl['tasks']:,} tasks loaded plus one plan whose reminder falls on a minute boundary; `SIGHUP` is sent "
                  f"{rl['lead']:.1f} s before that instant, with `WATCHDOG_USEC={args.watchdog_usec}` "
                  f"(pings expected every {rl['watchdog_s'] / 2:g} s).", "",
                  "| measure | figure | target |", "|---|---|---|",
                  f"| reload (SIGHUP to READY=1) | {mmm(rl['reload'], ' s')} | – |",
                  f"| lateness of the reminder | {mmm(rl['late'], ' ms')} | ≤ 20 ms |",
                  f"| runs whose instant fell inside the reload | {sum(rl.get('inside', []))} of {len(rl['late'])} | all |",
                  f"| WATCHDOG=1 pings during the reload | {mmm(rl['pings'], '', 0)} | – |",
                  f"| longest time without a ping during the reload | {mmm(rl['max_gap'], ' s')} | < {rl['watchdog_s']:g} s |", ""]
        head.append((f"lateness during a {rl['tasks']:,}-task reload", [mmm(rl["late"], " ms"), "", "", ""]))
    bd = breakdown_table(results)
    if bd:
        lines += ["## Idle memory of nhacviec, part by part", "",
                  f"From `/proc/PID/smaps` of the idle daemon with the Ba Đồn plan (run 1, {results.get('idle_threads')} "
                  "threads), mappings grouped by the library they come from.", ""] + bd + [""]
    var = results.get("variants")
    if var:
        lines += ["## Idle memory by build", "", var, ""]
    lines += [kept_notes(notes_from), ""]
    return "\n".join(lines), head


NOTES_BEGIN = "<!-- notes: written by hand; benchmarks/compare keeps this block as it is -->"
NOTES_END = "<!-- /notes -->"


def kept_notes(path):
    """The hand-written block of `path` (docs/performance.md unless --notes-from says otherwise), carried over
    unchanged."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        text = ""
    if NOTES_BEGIN in text and NOTES_END in text:
        return text[text.index(NOTES_BEGIN):text.index(NOTES_END) + len(NOTES_END)]
    return NOTES_BEGIN + "\n" + NOTES_END


def headline_table(head):
    out = ["| | nhacviec | `remind -z1` | `cron -f` | `atd -f` |", "|---|---|---|---|---|"]
    for label, cells in head:
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(out)

def render(results, notes_from):
    """The report's text and the headline rows, from results as load_results returns them."""
    return write_report(results["args"], results, results["started"], results["finished"], notes_from)


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    p = argparse.ArgumentParser(prog="benchmarks/compare --report-only",
                                description="Render docs/performance.md from a comparison run's saved figures.")
    p.add_argument("results", help="the JSON a run saved (its path is logged at the end of the run)")
    p.add_argument("--out", default=os.path.join(root, "docs", "performance.md"), help="default ROOT/docs/performance.md")
    p.add_argument("--notes-from", default=os.path.join(root, "docs", "performance.md"),
                   help="the file whose hand-written block is kept (default ROOT/docs/performance.md)")
    a = p.parse_args(argv)
    report, head = render(load_results(a.results), a.notes_from)
    with open(a.out, "w") as f:
        f.write(report)
    print(headline_table(head))
    log(f"wrote {a.out} from {a.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
