"""The schedules every tool is given: nhacviec configurations (minute instants, the Ba Đồn plan, gen_plans.py data
sets) and the same instants as Remind's REM lines and crontab lines."""
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from .common import UTC
from .peers import base_env


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

