"""The four tools under test, started the same way: nhacviec (with its notify socket), Remind, and cron and atd
in private mount namespaces; each delivers through the sendmail stand-in, which stamps STAMP_FILE."""
import datetime as dt
import glob
import os
import shlex
import shutil
import signal
import subprocess
import time

from .common import UTC
from .notify import Notify


def fresh_ledger(directory):
    """Removes a ledger and its marker, so that the next start is a true first start: without the marker,
    a missing ledger next to it is a lost one, and the daemon refuses to start (exit 78)."""
    for f_ in glob.glob(os.path.join(directory, "state.sqlite*")) + [os.path.join(directory, ".state.sqlite.created")]:
        if os.path.lexists(f_):
            if os.path.isdir(f_):
                shutil.rmtree(f_)
            else:
                os.unlink(f_)


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
