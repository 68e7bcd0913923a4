#!/usr/bin/env python3
"""compare.py: nhacviec against Remind, cron and at on the same schedule, in one run.

Started by benchmarks/compare (which installs the peers, builds nhacviec and the sendmail stand-in).
Writes docs/performance.md (or --out) and prints the headline table. Progress goes to stderr.

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
import glob
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

UTC = dt.timezone.utc



def fresh_ledger(directory):
    """Removes a ledger and its marker, so that the next start is a true first start: without the marker,
    a missing ledger next to it is a lost one, and the daemon refuses to start (exit 78)."""
    for f_ in glob.glob(os.path.join(directory, "state.sqlite*")) + [os.path.join(directory, ".state.sqlite.created")]:
        if os.path.lexists(f_):
            if os.path.isdir(f_):
                shutil.rmtree(f_)
            else:
                os.unlink(f_)

def log(*parts):
    print("compare:", *parts, file=sys.stderr, flush=True)


def env_default(name, default, kind=str):
    value = os.environ.get(name)
    return kind(value) if value not in (None, "") else default


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", required=True)
    p.add_argument("--stamp", required=True, help="the compiled sendmail stand-in")
    p.add_argument("--root", required=True, help="the repository (config/, benchmarks/)")
    p.add_argument("--out", default=env_default("COMPARE_OUT", ""), help="COMPARE_OUT; default ROOT/docs/performance.md")
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
                        "benchmarks/idle-memory (IDLE_MEMORY_BUILD=0 skips its builds)")
    p.add_argument("--keep", action="store_true", default=env_default("COMPARE_KEEP", "0") == "1",
                   help="COMPARE_KEEP=1 keeps the work directory")
    p.add_argument("--resume", default=env_default("COMPARE_RESUME", ""),
                   help="COMPARE_RESUME: results.json of an earlier run (kept with COMPARE_KEEP=1) whose phases "
                        "are taken as they are; run the missing ones with COMPARE_PHASES")
    p.add_argument("--timeout", type=float, default=env_default("COMPARE_TIMEOUT", 900.0, float))
    a = p.parse_args(argv)
    if a.strace_window < 0:
        a.strace_window = a.idle
    if a.scale_runs < 0:
        a.scale_runs = a.runs
    a.scale = [int(x) for x in a.scale.split()]
    a.phases = set(a.phases.split())
    a.out = a.out or os.path.join(a.root, "docs", "performance.md")
    return a


# --- /proc ------------------------------------------------------------------------------------------

def smaps_rollup(pid):
    """Rss, Pss and private (clean + dirty) in kB."""
    out = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            k, _, v = line.partition(":")
            if v.strip().endswith("kB"):
                out[k] = int(v.split()[0])
    return {"rss": out.get("Rss", 0), "pss": out.get("Pss", 0),
            "private": out.get("Private_Clean", 0) + out.get("Private_Dirty", 0)}


def status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return None


def cpu_seconds(pid):
    """user + system CPU of the process, and of its reaped children, in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / tick, (int(fields[13]) + int(fields[14])) / tick


def per_thread(pid):
    out = {}
    for path in glob.glob(f"/proc/{pid}/task/*/status"):
        tid = path.split("/")[4]
        try:
            st = {}
            with open(path) as f:
                for line in f:
                    k, _, v = line.partition(":")
                    st[k] = v.strip()
            out[tid] = (st.get("Name", "?"), int(st["voluntary_ctxt_switches"]) + int(st["nonvoluntary_ctxt_switches"]))
        except (FileNotFoundError, KeyError, ProcessLookupError):
            pass
    return out


def library_breakdown(pid):
    """Rss/Pss/private per mapped file (or [heap], [anon], [stack]) from /proc/PID/smaps, in kB."""
    groups = {}
    current = None
    header = re.compile(r"^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$")
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            m = header.match(line)
            if m:
                name = m.group(1).strip() or "[anon]"
                current = groups.setdefault(name, {"rss": 0, "pss": 0, "private": 0, "size": 0})
                continue
            k, _, v = line.partition(":")
            if current is None or not v.strip().endswith("kB"):
                continue
            n = int(v.split()[0])
            if k == "Rss":
                current["rss"] += n
            elif k == "Pss":
                current["pss"] += n
            elif k in ("Private_Clean", "Private_Dirty"):
                current["private"] += n
            elif k == "Size":
                current["size"] += n
    return groups


# --- statistics ---------------------------------------------------------------------------------------

def pct(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    return s[min(len(s) - 1, max(0, int(-(-len(s) * p // 1)) - 1))]


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, unit="", digits=None):
    if v is None or (isinstance(v, float) and v != v):
        return "–"
    if digits == "g":  # ratios: three significant digits
        return f"{v:.3g}{unit}"
    if digits is None:
        digits = 0 if abs(v) >= 100 else (1 if abs(v) >= 10 else 2)
    return f"{v:,.{digits}f}{unit}"


def mmm(values, unit="", digits=None):
    """median (min–max)"""
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    if len(values) == 1:
        return fmt(values[0], unit, digits)
    return f"{fmt(med(values), unit, digits)} ({fmt(min(values), '', digits)}–{fmt(max(values), '', digits)})"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


# --- the notify socket ------------------------------------------------------------------------------

class Notify:
    """A datagram socket like systemd's NOTIFY_SOCKET; records (monotonic time, assignment) pairs."""

    def __init__(self, directory):
        self.path = os.path.join(directory, f"notify-{len(os.listdir(directory))}")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.2)
        self.events = []
        self.lock = threading.Lock()
        self.closed = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.closed:
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            now = time.monotonic()
            with self.lock:
                for line in data.decode(errors="replace").split("\n"):
                    self.events.append((now, line))

    def times(self, assignment, after=0.0):
        with self.lock:
            return [t for t, line in self.events if line == assignment and t >= after]

    def wait(self, assignment, after, proc, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.times(assignment, after)
            if found:
                return found[0]
            if proc.poll() is not None:
                raise RuntimeError(f"daemon exited with {proc.returncode} before {assignment}")
            time.sleep(0.002)
        raise RuntimeError(f"no {assignment} within {timeout:.0f} s")

    def close(self):
        self.closed = True
        self.sock.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass


# --- schedules ------------------------------------------------------------------------------------------

def minute_instants(count, lead, step=60):
    """`count` instants on minute boundaries, the first at least `lead` seconds from now (UTC)."""
    first = int((time.time() + lead) // 60 + 1) * 60
    return [first + i * step for i in range(count)]


def holidays_block(dates):
    """A `holidays:` section making every given date a working day (weekends as make-up days)."""
    years = sorted({d.year for d in dates})
    out = ["holidays:"]
    for y in years:
        out.append(f"  {y}:")
        out.append("    off: {}")
        weekend = sorted({d for d in dates if d.year == y and d.weekday() >= 5})
        if weekend:
            out.append("    work:")
            out += [f"      {d.isoformat()}: benchmark day" for d in weekend]
        else:
            out.append("    work: {}")
    return "\n".join(out) + "\n"


def write_nhacviec_instants(directory, stamp, instants, tasks_per_plan=1, catch_up="7d", sendmail=None):
    """A configuration with one plan per instant (UTC send-at), `tasks_per_plan` tasks due that day,
    reminded on the day only. The main file makes those days working days."""
    os.makedirs(os.path.join(directory, "plans.d"), exist_ok=True)
    days = [dt.datetime.fromtimestamp(t, UTC).date() for t in instants]
    main = (f'mail:\n  from: "Nhắc việc <nv@bench.example.gov.vn>"\n  sendmail: {sendmail or stamp}\n'
            f"  timeout: 120s\nstate: {os.path.join(directory, 'state.sqlite')}\nplans: plans.d\n"
            f"catch-up-limit: {catch_up}\n" + holidays_block(days))
    with open(os.path.join(directory, "nhacviec.yaml"), "w") as f:
        f.write(main)
    for i, t in enumerate(instants):
        when = dt.datetime.fromtimestamp(t, UTC)
        lines = [f'plan: {{id: p{i:05d}, title: Kế hoạch {i}, admin: admin@bench.example.gov.vn, '
                 f'timezone: UTC, send-at: "{when:%H:%M}"}}',
                 "departments:", f"  vp: {{name: Văn phòng, email: vp{i}@bench.example.gov.vn}}", "tasks:"]
        for k in range(tasks_per_plan):
            lines.append(f"  - {{id: t{k}, title: Việc số {k} của kế hoạch {i}, owner: vp, due: {when.date().isoformat()}, "
                         f"remind: [0d], overdue: none}}")
        with open(os.path.join(directory, "plans.d", f"p{i:05d}.yaml"), "w") as f:
            f.write("\n".join(lines) + "\n")
    return os.path.join(directory, "nhacviec.yaml")


def rem_line(t, label):
    when = dt.datetime.fromtimestamp(t, UTC)
    return f"REM {when:%Y-%m-%d} AT {when:%H:%M} MSG {label}\n"


def cron_line(t, stamp):
    when = dt.datetime.fromtimestamp(t, UTC)
    return f"{when.minute} {when.hour} {when.day} {when.month} * {stamp} </dev/null\n"


def schedule_instants(bin_path, config, env):
    """Instants (epoch seconds) of every reminder `nhacviec schedule --format json` lists, with labels."""
    out = subprocess.run([bin_path, "schedule", "--config", config, "--from", "2000-01-01", "--to", "2099-12-31",
                          "--format", "json"], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"schedule failed: {out.stderr[-500:]}")
    result = []
    for line in out.stdout.splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        result.append(d)
    return result


def json_instant(d):
    for key in ("at", "instant", "time", "when"):
        if key in d:
            v = d[key]
            return dt.datetime.fromisoformat(v.replace("Z", "+00:00")).timestamp()
    return None  # e.g. "waiting" lines: a task waiting for an event without a date


# --- the tools ----------------------------------------------------------------------------------------

class Tool:
    def __init__(self, name, proc, pid=None, notify=None, stamps=None, started=None):
        self.name, self.proc, self.notify, self.stamps = name, proc, notify, stamps
        self.pid = pid or proc.pid
        self.started = started if started is not None else time.monotonic()

    def alive(self):
        return self.proc.poll() is None

    def stop(self, timeout=30):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.notify:
            self.notify.close()
        return self.proc.returncode


def base_env(stamps):
    env = dict(os.environ)
    env["TZ"] = "UTC"
    env["STAMP_FILE"] = stamps
    env["NHACVIEC_LOG"] = "stderr"
    for k in ("WATCHDOG_USEC", "WATCHDOG_PID", "NOTIFY_SOCKET"):
        env.pop(k, None)
    return env


def start_nhacviec(args, config, work, tag, watchdog_usec=None):
    stamps = os.path.join(work, f"{tag}.stamps")
    env = base_env(stamps)
    notify = Notify(work)
    env["NOTIFY_SOCKET"] = notify.path
    if watchdog_usec:
        env["WATCHDOG_USEC"] = str(watchdog_usec)
    logf = open(os.path.join(work, f"{tag}.log"), "ab")
    t0 = time.monotonic()
    proc = subprocess.Popen([args.bin, "run", "--config", config], stdin=subprocess.DEVNULL,
                            stdout=logf, stderr=logf, env=env)
    logf.close()
    return Tool("nhacviec", proc, notify=notify, stamps=stamps, started=t0)


def start_remind(args, remfile, work, tag):
    stamps = os.path.join(work, f"{tag}.stamps")
    logf = open(os.path.join(work, f"{tag}.log"), "ab")
    proc = subprocess.Popen(["remind", "-z1", f"-k{args.stamp} %s", remfile], stdin=subprocess.DEVNULL,
                            stdout=logf, stderr=logf, env=base_env(stamps))
    logf.close()
    return Tool("remind", proc, stamps=stamps)


PRIVATE_ROOT = r"""
set -e
R=$1; shift
mount --make-rprivate /
mount --bind "$R/spool" /var/spool/cron
mount --bind "$R/cron.d" /etc/cron.d
mount --bind "$R/crontab" /etc/crontab
mount -t tmpfs tmpfs /run
"""


def private_root(work, tag):
    """A private /var/spool/cron, /etc/cron.d, /etc/crontab and /run for one cron or atd."""
    r = os.path.join(work, f"{tag}.root")
    spool = os.path.join(r, "spool")
    for d, mode, owner in (("crontabs", 0o1730, ("root", "crontab")), ("atjobs", 0o1770, ("daemon", "daemon")),
                           ("atspool", 0o1770, ("daemon", "daemon"))):
        path = os.path.join(spool, d)
        os.makedirs(path, exist_ok=True)
        shutil.chown(path, *owner)
        os.chmod(path, mode)
    os.chmod(spool, 0o755)
    os.makedirs(os.path.join(r, "cron.d"), exist_ok=True)
    open(os.path.join(r, "crontab"), "w").close()
    seq = os.path.join(spool, "atjobs", ".SEQ")
    with open(seq, "w") as f:
        f.write("0\n")
    shutil.chown(seq, "daemon", "daemon")
    os.chmod(seq, 0o600)
    return r


def start_cron(args, lines, work, tag):
    stamps = os.path.join(work, f"{tag}.stamps")
    r = private_root(work, tag)
    tab = os.path.join(r, "spool", "crontabs", "root")
    with open(tab, "w") as f:
        f.write(f'MAILTO=""\nSTAMP_FILE={stamps}\n' + "".join(lines))
    shutil.chown(tab, "root", "crontab")
    os.chmod(tab, 0o600)
    logf = open(os.path.join(work, f"{tag}.log"), "ab")
    proc = subprocess.Popen(["unshare", "-m", "sh", "-c", PRIVATE_ROOT + "exec cron -f", "sh", r],
                            stdin=subprocess.DEVNULL, stdout=logf, stderr=logf, env=base_env(stamps))
    logf.close()
    return Tool("cron", proc, stamps=stamps)


def start_atd(args, times, work, tag, now_jobs=0):
    """atd with one job per instant (at -t), or `now_jobs` jobs queued as `at now` before atd starts."""
    stamps = os.path.join(work, f"{tag}.stamps")
    r = private_root(work, tag)
    jobs = os.path.join(r, "jobs")
    with open(jobs, "w") as f:
        for t in times:
            f.write(dt.datetime.fromtimestamp(t, UTC).strftime("%Y%m%d%H%M") + "\n")
    queue = (f'while read -r when; do echo {shlex.quote(args.stamp)} \'</dev/null\' | at -t "$when" 2>/dev/null; done < "$R/jobs"\n'
             f'i=0; while [ $i -lt {now_jobs} ]; do echo {shlex.quote(args.stamp)} \'</dev/null\' | at now 2>/dev/null; i=$((i+1)); done\n')
    logf = open(os.path.join(work, f"{tag}.log"), "ab")
    proc = subprocess.Popen(["unshare", "-m", "sh", "-c", PRIVATE_ROOT + queue + "touch $R/queued; exec atd -f", "sh", r],
                            stdin=subprocess.DEVNULL, stdout=logf, stderr=logf, env=base_env(stamps))
    logf.close()
    tool = Tool("at", proc, stamps=stamps)
    tool.queued_flag = os.path.join(r, "queued")
    return tool


def read_stamps(path):
    try:
        with open(path) as f:
            return [int(x) / 1e9 for x in f.read().split()]
    except FileNotFoundError:
        return []


def lateness(stamps, instants):
    """ms from each instant to the stamp that answered it (the latest instant at or before the stamp)."""
    out = []
    for s in sorted(stamps):
        before = [t for t in instants if t <= s + 0.5]
        if before:
            out.append((s - before[-1]) * 1000)
    return out


# --- phase: idle and punctuality ----------------------------------------------------------------------

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


def baddon_config(args, work):
    """config/ copied with the stand-in as sendmail and the ledger in the work directory."""
    d = os.path.join(work, "baddon")
    shutil.copytree(os.path.join(args.root, "config"), d, dirs_exist_ok=True)
    main = os.path.join(d, "nhacviec.yaml")
    with open(main) as f:
        text = f.read()
    text = re.sub(r"(?m)^(  sendmail:).*$", rf"\1 {args.stamp}", text)
    text = re.sub(r"(?m)^state:.*$", f"state: {os.path.join(d, 'state.sqlite')}", text)
    with open(main, "w") as f:
        f.write(text)
    return main


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


# --- phase: scale ----------------------------------------------------------------------------------

def gen_data(args, work, tasks, plans_name):
    d = os.path.join(work, plans_name)
    plans = max(1, tasks // 100)
    subprocess.run([sys.executable, os.path.join(args.root, "benchmarks", "gen_plans.py"), d, "--plans", str(plans),
                    "--tasks", str(min(tasks, 100)), "--sendmail", args.stamp], check=True, stderr=subprocess.DEVNULL)
    return os.path.join(d, "nhacviec.yaml")


def rem_from_schedule(args, config, remfile):
    """One REM line per reminder `nhacviec schedule --format json` lists (streamed)."""
    env = base_env("/dev/null")
    proc = subprocess.Popen([args.bin, "schedule", "--config", config, "--from", "2000-01-01", "--to", "2099-12-31",
                             "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    n = 0
    with open(remfile, "w") as out:
        for line in proc.stdout:
            if not line.strip():
                continue
            d = json.loads(line)
            t = json_instant(d)
            if t is None:
                continue
            when = dt.datetime.fromtimestamp(t, UTC)
            label = f"{d.get('plan')} {d.get('task')} {d.get('kind')}"
            out.write(f"REM {when:%Y-%m-%d} AT {when:%H:%M} MSG {label}\n")
            n += 1
    if proc.wait() != 0:
        raise RuntimeError("schedule failed")
    return n


def timed(cmd, env=None):
    """wall seconds, max RSS (kB) and CPU seconds of a command, by GNU time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        t0 = time.monotonic()
        rc = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", tf.name] + cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env).returncode
        wall = time.monotonic() - t0
        rss, u, s = tf.read().split()[-3:]
    return rc, wall, int(rss), float(u) + float(s)


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


# --- phase: burst ------------------------------------------------------------------------------------

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


# --- phase: reload with a reminder falling due ---------------------------------------------------------

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


# --- the machine -------------------------------------------------------------------------------------------

def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        return (out.stdout + out.stderr).strip().splitlines()[0]
    except Exception as error:  # noqa: BLE001
        return f"({error})"


def deb_version(pkg):
    return version(["dpkg-query", "-W", "-f=${Version}", pkg])


def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = status_line("/proc/meminfo", "MemTotal")
    os_name = "?"
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "mem": mem, "kernel": platform.release(), "os": os_name,
            "swift": version(["swift", "--version"]), "remind": deb_version("remind"), "cron": deb_version("cron"),
            "at": deb_version("at"), "strace": deb_version("strace"),
            "load": open("/proc/loadavg").read().split()[:3]}


def status_line(path, key):
    with open(path) as f:
        for line in f:
            if line.startswith(key + ":"):
                return line.split(":", 1)[1].strip()
    return "?"


# --- the report --------------------------------------------------------------------------------------

PEERS = ("nhacviec", "remind", "cron", "at")
PEER_LABEL = {"nhacviec": "nhacviec", "remind": "`remind -z1`", "cron": "`cron -f`", "at": "`atd -f`"}


def knobs(args):
    return (f"COMPARE_RUNS={args.runs} COMPARE_IDLE={args.idle:g} COMPARE_STRACE={args.strace_window:g} "
            f"COMPARE_INSTANTS={args.instants} COMPARE_SCALE='{' '.join(map(str, args.scale))}' "
            f"COMPARE_SCALE_RUNS={args.scale_runs} COMPARE_BURST={args.burst} "
            f"COMPARE_WATCHDOG_USEC={args.watchdog_usec} COMPARE_LEAD={args.lead:g}"
            + (f" COMPARE_PHASES='{' '.join(sorted(args.phases))}' COMPARE_RESUME={args.resume}" if args.resume else "")
            + "".join(f" {k}={shlex.quote(os.environ[k])}" for k in ("NHACVIEC_BIN", "IDLE_MEMORY_BUILD", "IDLE_MEMORY_DIR",
                                                                      "IDLE_MEMORY_RUNS") if os.environ.get(k)))


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


def write_report(args, results, started, finished):
    m = results["machine"]
    head = []
    lines = ["# Performance: nhacviec side by side with Remind, cron and at", "",
             "This file replaces `docs/benchmarks.md` (kept for its history). It is written by `benchmarks/compare`; "
             "every figure below comes from the run described here. `benchmarks/run` remains as a quick self-check "
             "of `check`, `schedule` and the daemon's start on one data set (see the end of this file).", "",
             "## This run", "",
             f"- command: `{knobs(args)} benchmarks/compare`",
             f"- binary: `{args.bin}` ({results.get('commit', '?')})",
             f"- started {started:%Y-%m-%d %H:%M} UTC, took {(finished - started).total_seconds() / 60:.0f} min; "
             f"load average at the start {' '.join(m['load'])}, at the end {' '.join(open('/proc/loadavg').read().split()[:3])}",
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
    results["headline"] = head
    lines += [kept_notes(args.out), ""]
    lines += ["## benchmarks/run", "",
              "`benchmarks/run` stays as a quick self-check of one nhacviec binary on one `gen_plans.py` data set: `check`, "
              "`schedule --format json`, start to `READY=1` and idle wake-ups (`BENCH_PLANS`, `BENCH_TASKS`, `BENCH_RUNS`, "
              "`BENCH_IDLE`; `BENCH_PLANS=20 BENCH_RUNS=1 BENCH_IDLE=5 benchmarks/run` takes a minute). "
              "`benchmarks/run-daemon` measures firing latency and throughput in-process on a scaled clock. Neither compares "
              "with other tools; this file does.", ""]
    return "\n".join(lines), head


NOTES_BEGIN = "<!-- notes: written by hand; benchmarks/compare keeps this block as it is -->"
NOTES_END = "<!-- /notes -->"


def kept_notes(path):
    """The hand-written block of the previous docs/performance.md, carried over unchanged."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        text = ""
    if NOTES_BEGIN in text and NOTES_END in text:
        return text[text.index(NOTES_BEGIN):text.index(NOTES_END) + len(NOTES_END)]
    return NOTES_BEGIN + "\n" + NOTES_END


def phase_variants(args, work, results):
    """benchmarks/idle-memory: builds the variants (unless IDLE_MEMORY_BUILD=0) and measures them."""
    out = os.path.join(work, "idle-memory.md")
    env = dict(os.environ, IDLE_MEMORY_OUT=out)
    env.setdefault("IDLE_MEMORY_RUNS", str(args.runs))
    log("idle memory by build: benchmarks/idle-memory")
    subprocess.run([sys.executable, os.path.join(args.root, "benchmarks", "idle-memory")], check=True,
                   stdout=subprocess.DEVNULL, env=env)
    with open(out) as f:
        results["variants"] = f.read()


def headline_table(head):
    out = ["| | nhacviec | `remind -z1` | `cron -f` | `atd -f` |", "|---|---|---|---|---|"]
    for label, cells in head:
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main(argv):
    args = parse_args(argv)
    started = dt.datetime.now(UTC)
    work = tempfile.mkdtemp(prefix="nhacviec-compare.")
    os.chmod(work, 0o755)
    results = {"args": args, "machine": machine()}
    results["commit"] = ("sources at " + version(["git", "-C", args.root, "log", "-1", "--format=%h", "--", "Sources", "Package.swift"])
                         + ", tree at " + version(["git", "-C", args.root, "describe", "--always", "--dirty"]))
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

    def save():
        """The report so far: a phase that fails later does not lose the earlier ones."""
        report, head = write_report(args, results, started, dt.datetime.now(UTC))
        os.makedirs(os.path.dirname(args.out), exist_ok=True)
        with open(args.out, "w") as f:
            f.write(report)
        with open(os.path.join(work, "results.json"), "w") as f:
            json.dump({k: v for k, v in results.items() if k not in ("args",)}, f, default=str, indent=1)
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
        log(f"wrote {args.out}")
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
