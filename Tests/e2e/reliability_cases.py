"""The reliability cases as functions, shared by Tests/e2e/test_reliability.py (short settings, run by
.ci/run) and scripts/dev/reliability-suite (long settings, prints the figures table of docs/reliability.md).

Each case runs the real daemon binary as a whole process, with the fast sendmail stand-in
Tests/e2e/tools/sendmail-msgid, and asserts the outcome: what was sent (the Message-IDs in the
stand-in's log), what the ledger holds (SQLite queries), the exit status and the message. A case
raises AssertionError with the details on a failure, and otherwise returns its figures:
{"trials", "lost", "duplicates", "recover_s", "note"}.
"""
import contextlib
import datetime
import errno
import json
import os
import pathlib
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
TOOLS = ROOT / "Tests" / "e2e" / "tools"
sys.path.insert(0, str(TOOLS))
from vn_days import CATCH_UP_LIMIT, announced_holidays, reminder_day  # noqa: E402

STANDIN = TOOLS / "sendmail-msgid"
ADMIN = "admin@example.gov.vn"


def event_day(binary, offset_days=0):
    """The day of the plan's event `hop`: the last working day on or before today in Vietnam (tools/vn_days.py),
    whose reminders, at send-at 00:00, are all due at start whatever kind of day today is; plus offset_days
    calendar days for an event still to come."""
    return (reminder_day(binary) + datetime.timedelta(days=offset_days)).isoformat()


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.02)


# ---------------------------------------------------------------------------------------------
# A scratch office: main file, one plan with N tasks whose only reminder falls on event `hop`.

def write_office(work, *, reminders, event, sendmail=None, timeout="10s", state_dir=None, send_at="00:00"):
    """Writes nhacviec.yaml and plans.d/rel.yaml under work; `event` is a date or "tbd".

    With event = event_day(binary) and send-at 00:00, every reminder is already due at start (a burst). The
    main file carries the shipped announced days and a catch-up-limit that covers the longest run of days off."""
    work.mkdir(parents=True, exist_ok=True)
    state_dir = state_dir or work
    (work / "plans.d").mkdir(exist_ok=True)
    (work / "nhacviec.yaml").write_text(
        "mail:\n"
        '  from: "Nhắc việc thử <nv@example.gov.vn>"\n'
        f"  sendmail: {sendmail or STANDIN} -oi\n"
        f"  timeout: {timeout}\n"
        f"state: {state_dir / 'state.sqlite'}\n"
        "plans: plans.d\n"
        f"catch-up-limit: {CATCH_UP_LIMIT}\n" + announced_holidays())
    set_event(work, event, reminders=reminders, send_at=send_at)
    return work / "nhacviec.yaml"


def set_event(work, event, *, reminders=None, send_at="00:00"):
    plan = work / "plans.d" / "rel.yaml"
    if reminders is None:
        text = plan.read_text()
        head, rest = text.split("events:\n  hop: ", 1)
        plan.write_text(head + f"events:\n  hop: {event}\n" + rest.split("\n", 1)[1])
        return
    lines = [
        "plan:",
        "  id: rel",
        "  title: Kế hoạch thử độ tin cậy",
        "  authority: UBND phường Thử",
        "  timezone: Asia/Ho_Chi_Minh",
        f'  send-at: "{send_at}"',
        f"  admin: {ADMIN}",
        "events:",
        f"  hop: {event}",
        "departments:",
    ]
    # One department per task: reminders to one department at one instant go out as one grouped mail (issue 19),
    # and these cases are about a burst of sendmail runs, one per reminder.
    lines += [f"  d{i:04d}: {{name: Phòng số {i}, email: {owner(i)}}}" for i in range(1, reminders + 1)]
    lines.append("tasks:")
    for i in range(1, reminders + 1):
        lines.append(f"  - {{id: t{i:04d}, title: Việc số {i}, owner: d{i:04d}, due: hop, remind: [0d], overdue: none}}")
    plan.write_text("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------
# The daemon as a process; its log (NHACVIEC_LOG=stderr) goes to a file, never to a pipe that
# could fill up during a burst.

class Daemon:
    count = 0

    def __init__(self, binary, config, work, env=None, args=()):
        Daemon.count += 1
        self.log_path = work / f"daemon-{Daemon.count}.log"
        self.started = time.monotonic()
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen([binary, "run", "--config", str(config), *args], stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=subprocess.STDOUT,
                                         env={**os.environ, "NHACVIEC_LOG": "stderr", **(env or {})})

    def log(self):
        return self.log_path.read_text(errors="replace")

    def wait_log(self, text, timeout=30):
        def seen():
            if text in self.log():
                return True
            if self.proc.poll() is not None:
                raise AssertionError(f"the daemon exited {self.proc.returncode} before logging {text!r}:\n{self.tail()}")
            return False
        wait_for(seen, timeout, f"{text!r} in {self.log_path}")

    def tail(self, n=30):
        return "\n".join(self.log().splitlines()[-n:])

    def term(self, timeout=60):
        """SIGTERM; returns (exit status, seconds to exit)."""
        t = time.monotonic()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"the daemon did not stop within {timeout} s of SIGTERM:\n{self.tail()}")
        return rc, time.monotonic() - t

    def kill(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def ensure_gone(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def run_once(binary, config, *args, timeout=60, env=None):
    """`nhacviec run` expected to refuse: returns the CompletedProcess."""
    return subprocess.run([binary, "run", "--config", str(config), *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "NHACVIEC_LOG": "stderr", **(env or {})})


def standin_env(work, **extra):
    env = {"MSGID_LOG": str(work / "sent.log"), "ATTEMPT_LOG": str(work / "attempts.log")}
    env.update({k: str(v) for k, v in extra.items()})
    return env


def log_lines(path):
    try:
        return [l.split(" ", 1) for l in path.read_text().splitlines() if l.strip()]
    except FileNotFoundError:
        return []


def owner(i):
    """The address of task number i's own department."""
    return f"d{i:04d}@example.gov.vn"


def sent_ids(work, to=None):
    """Message-IDs the stand-in accepted for `to`, or for every department when None, in order, duplicates kept."""
    return [mid for mid, rcpt in log_lines(work / "sent.log") if (rcpt == to if to else rcpt != ADMIN)]


def ledger(state, sql, args=()):
    con = sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=10)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def ledger_sent(state):
    """key -> (Message-ID, attempts) of every row that says sent; {} before the schema exists."""
    try:
        rows = ledger(state, "SELECT key, mailID, attempts FROM delivery WHERE outcome = 'sent'")
    except sqlite3.OperationalError as e:
        if "no such table" in str(e) or "unable to open" in str(e):
            return {}
        raise
    return {key: (mail_id, attempts) for key, mail_id, attempts in rows}


def ledger_attempts(state):
    return [row[0] for row in ledger(state, "SELECT key FROM attempt")]


def count_figures(work, expected):
    """lost = expected reminders never sent; duplicates = extra copies (same Message-ID)."""
    ids = sent_ids(work)
    distinct = set(ids)
    return {"sent": len(ids), "distinct": len(distinct), "lost": expected - len(distinct),
            "duplicates": len(ids) - len(distinct), "ids": ids}


def processes_in_group(pgid):
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(entry))
        except (OSError, IndexError, ValueError):
            pass
    return found


def check_delivered_once(work, state, expected, max_duplicates=0, what=""):
    """Every one of `expected` reminders was sent, with at most `max_duplicates` extra copies, and the
    ledger says sent for each with the Message-ID that went out; no attempt row is left."""
    figures = count_figures(work, expected)
    sent = ledger_sent(state)
    assert figures["lost"] == 0, f"{what}: {figures['lost']} of {expected} reminders never sent"
    assert figures["distinct"] == expected, f"{what}: {figures['distinct']} distinct Message-IDs, expected {expected}"
    assert figures["duplicates"] <= max_duplicates, \
        f"{what}: {figures['duplicates']} duplicates, at most {max_duplicates} allowed: " \
        f"{sorted(i for i in set(figures['ids']) if figures['ids'].count(i) > 1)}"
    assert len(sent) == expected, f"{what}: the ledger holds {len(sent)} sent rows, expected {expected}"
    assert {m for m, _ in sent.values()} == set(figures["ids"]), f"{what}: the ledger's Message-IDs differ from those sent"
    assert ledger_attempts(state) == [], f"{what}: attempt rows left: {ledger_attempts(state)}"
    return figures, sent


# ---------------------------------------------------------------------------------------------
# Cases

def crash_trials(binary, base, trials, reminders=1000, seed=None, max_kills=2, report=print, keep=False):
    """SIGKILL at random points of a burst of `reminders` due reminders, restart, let it finish."""
    seed = seed if seed is not None else random.SystemRandom().randrange(1, 2**31)
    report(f"crash trials: base seed {seed} (trial i uses seed {seed}+i)")
    lost = dups = kills_total = 0
    recover = []
    seeds = []
    failures = []
    for i in range(trials):
        rng = random.Random(seed + i)
        seeds.append(seed + i)
        work = base / f"crash-{i}"
        config = write_office(work, reminders=reminders, event=event_day(binary))
        state = work / "state.sqlite"
        env = standin_env(work)
        kills = rng.randint(1, max_kills)
        points = sorted(rng.sample(range(1, reminders), kills))
        daemon = Daemon(binary, config, work, env)
        try:
            for point in points:
                wait_for(lambda: len(log_lines(work / "sent.log")) >= point or daemon.proc.poll() is not None,
                         240, f"{point} sends (trial {i}, seed {seed + i})")
                time.sleep(rng.uniform(0, 0.01))
                daemon.kill()
                kills_total += 1
                before = len(log_lines(work / "sent.log"))
                time.sleep(0.05)  # an orphaned sendmail finishes its few ms
                daemon = Daemon(binary, config, work, env)
                wait_for(lambda: len(log_lines(work / "sent.log")) > before or daemon.proc.poll() is not None,
                         120, f"the first send after restart (trial {i})")
                recover.append(time.monotonic() - daemon.started)
            wait_for(lambda: len(ledger_sent(state)) >= reminders if state.exists() else False, 300,
                     f"all {reminders} reminders recorded (trial {i}, seed {seed + i})")
            time.sleep(0.1)
            rc, _ = daemon.term()
            assert rc == 0, f"trial {i}: exit {rc}\n{daemon.tail()}"
        finally:
            daemon.ensure_gone()
        figures = count_figures(work, reminders)
        reported = []  # keys each restart logged as interrupted (MESSAGE_ID deliveryInterrupted)
        for path in sorted(work.glob("daemon-*.log")):
            for line in path.read_text(errors="replace").splitlines():
                if "were interrupted by a crash or kill" in line:
                    reported.append(line.rsplit("(at-least-once): ", 1)[-1].split(", "))
        interrupted_logged = len(reported)
        by_id = {mail_id: key for key, (mail_id, _) in ledger_sent(state).items()}
        reported_keys = {k for keys in reported for k in keys}
        for dup in {m for m in figures["ids"] if figures["ids"].count(m) > 1}:
            assert by_id.get(dup) in reported_keys, \
                f"trial {i} (seed {seed + i}): duplicate {dup} was not reported as an interrupted send at restart: {reported}"
        report(f"  trial {i}: seed {seed + i}, {kills} kill(s) after {points} sends: "
               f"lost {figures['lost']}, duplicates {figures['duplicates']}, "
               f"interrupted sends reported at {interrupted_logged} restart(s): {reported}")
        try:
            check_delivered_once(work, state, reminders, max_duplicates=kills, what=f"trial {i} (seed {seed + i})")
        except AssertionError as e:  # counted, and the other trials still run
            failures.append(str(e))
            report(f"  FAILED {e}")
        lost += figures["lost"]
        dups += figures["duplicates"]
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    return {"trials": trials, "lost": lost, "duplicates": dups, "recover_s": max(recover, default=0),
            "note": f"{kills_total} kills, {reminders} reminders each; base seed {seed}", "seeds": seeds,
            "failures": failures}


def _figures(trials=1, lost=0, duplicates=0, recover_s=None, note=""):
    return {"trials": trials, "lost": lost, "duplicates": duplicates, "recover_s": recover_s, "note": note}


def mta_down_up(binary, base, reminders=20, down_s=0.0):
    """The stand-in exits 75 (EX_TEMPFAIL) while a flag file exists, then accepts: each reminder is
    delivered once, after the retry, and the ledger says sent with attempts > 1."""
    work = base / "mta-down-up"
    flag = work / "mta-down"
    config = write_office(work, reminders=reminders, event=event_day(binary))
    flag.touch()
    state = work / "state.sqlite"
    daemon = Daemon(binary, config, work, standin_env(work, STANDIN_DOWN_FLAG=flag))
    try:
        wait_for(lambda: len(log_lines(work / "attempts.log")) >= reminders, 60, "a first (failing) attempt of each reminder")
        daemon.wait_log("delivery deferred, retry at")
        time.sleep(down_s)
        assert sent_ids(work) == [], "nothing is accepted while the MTA is down"
        up = time.monotonic()
        flag.unlink()
        wait_for(lambda: len(ledger_sent(state)) >= reminders, down_s + 200, f"all {reminders} delivered after the MTA is back")
        recover = time.monotonic() - up
        rc, _ = daemon.term()
        assert rc == 0, daemon.tail()
    finally:
        daemon.ensure_gone()
    figures, sent = check_delivered_once(work, state, reminders, what="MTA down and up")
    assert all(attempts > 1 for _, attempts in sent.values()), f"attempts: {sorted({a for _, a in sent.values()})}"
    attempts = len(log_lines(work / "attempts.log"))
    return _figures(lost=figures["lost"], duplicates=figures["duplicates"], recover_s=recover,
                    note=f"{reminders} reminders, MTA down {down_s:.0f} s after the first round, "
                         f"{attempts} sendmail runs; recovery is bounded by the 1-min retry")


def hung_sendmail(binary, base):
    """A sendmail that hangs is killed at mail.timeout (its whole process group), and the retry delivers."""
    work = base / "hung-sendmail"
    flag, pid_file = work / "hang", work / "standin.pid"
    config = write_office(work, reminders=1, event=event_day(binary), timeout="2s")
    flag.touch()
    state = work / "state.sqlite"
    daemon = Daemon(binary, config, work, standin_env(work, STANDIN_HANG_FLAG=flag, STANDIN_PID_FILE=pid_file))
    try:
        wait_for(lambda: pid_file.exists() and pid_file.read_text().strip(), 30, "the hung sendmail to start")
        pid, pgid = map(int, pid_file.read_text().split())
        daemon.wait_log("did not finish within 2 s and was killed", 30)
        killed = time.monotonic()
        wait_for(lambda: processes_in_group(pgid) == [], 5, f"the hung sendmail's process group {pgid} to be gone")
        assert sent_ids(work) == []
        flag.unlink()
        wait_for(lambda: len(ledger_sent(state)) >= 1, 200, "the retry after the hung sendmail")
        recover = time.monotonic() - killed
        rc, _ = daemon.term()
        assert rc == 0, daemon.tail()
    finally:
        daemon.ensure_gone()
    figures, sent = check_delivered_once(work, state, 1, what="hung sendmail")
    assert [a for _, a in sent.values()] == [2], sent
    return _figures(lost=figures["lost"], duplicates=figures["duplicates"], recover_s=recover,
                    note="mail.timeout 2 s; killed, then sent by the 1-min retry")


def missing_sendmail(binary, base):
    """A sendmail path that does not exist: a permanent failure, in the ledger and the journal, at once."""
    work = base / "missing-sendmail"
    missing = work / "no-such" / "sendmail"
    config = write_office(work, reminders=1, event=event_day(binary), sendmail=missing)
    state = work / "state.sqlite"
    daemon = Daemon(binary, config, work, standin_env(work))
    try:
        started = time.monotonic()
        daemon.wait_log("delivery failed for good", 30)
        reported = time.monotonic() - started
        wait_for(lambda: "could not be sent" in daemon.log(), 30, "the admins' report failing the same way")
        rc, _ = daemon.term()
        assert rc == 0, daemon.tail()
    finally:
        daemon.ensure_gone()
    log = daemon.log()
    assert f"cannot run {missing}: No such file or directory" in log, daemon.tail()
    rows = ledger(state, "SELECT outcome, attempts, detail FROM delivery")
    assert len(rows) == 1 and rows[0][0] == "failed" and rows[0][1] == 1, rows
    assert "No such file or directory" in rows[0][2]
    assert ledger_attempts(state) == []
    return _figures(recover_s=reported, note="permanent failure recorded and logged at the first send, not retried; "
                                             "time is start → failure reported")


# ---------------------------------------------------------------------------------------------
# Filesystems

@contextlib.contextmanager
def tmpfs(path, size):
    path.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise AssertionError(f"cannot mount a tmpfs at {path} (the suite needs root with CAP_SYS_ADMIN): {r.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(path)], capture_output=True)
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def fill(path):
    """Writes `path` until the filesystem says ENOSPC; returns its size."""
    size = 0
    chunk = b"\0" * 65536
    with open(path, "wb", buffering=0) as f:
        while True:
            try:
                n = f.write(chunk)
                size += n
                if n < len(chunk):
                    chunk = chunk[:max(1, len(chunk) - n)]
            except OSError as e:
                if e.errno != errno.ENOSPC:
                    raise
                if len(chunk) == 1:
                    return size
                chunk = chunk[:len(chunk) // 2]


class NotifySocket:
    """A NOTIFY_SOCKET: with read=True a thread collects the datagrams; with read=False nobody ever reads it."""

    def __init__(self, path, read=True):
        self.path = str(path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.messages = []
        if read:
            import threading
            self.thread = threading.Thread(target=self._loop, daemon=True)
            self.thread.start()

    def _loop(self):
        while True:
            try:
                data = self.sock.recv(65536)
            except OSError:
                return
            self.messages.append(dict(l.split("=", 1) for l in data.decode(errors="replace").split("\n") if "=" in l))

    def statuses(self):
        return [m["STATUS"] for m in list(self.messages) if "STATUS" in m]

    def fill(self):
        """Fills the socket's queue from another socket; returns how many datagrams it took."""
        sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sender.connect(self.path)
        n = 0
        try:
            while True:
                sender.send(b"STATUS=filler", socket.MSG_DONTWAIT)
                n += 1
        except BlockingIOError:
            return n
        finally:
            sender.close()

    def close(self):
        self.sock.close()
        with contextlib.suppress(OSError):
            os.unlink(self.path)


def full_filesystem(binary, base, reminders=20):
    """The state file's filesystem fills up while the daemon runs and reminders fall due: nothing is sent,
    STATUS and the journal say why; space comes back: each is sent once and recorded, the admins are told."""
    work = base / "full-fs"
    work.mkdir(parents=True, exist_ok=True)
    # Room for the WAL of every send once the filler is gone (about 30 kB a reminder before a checkpoint);
    # a tmpfs too small for it fills up again by itself and keeps sending paused, as it should.
    size_mb = max(2, reminders // 8 + 2)
    with tmpfs(work / "state", f"{size_mb}m") as state_dir:
        config = write_office(work, reminders=reminders, event="tbd", state_dir=state_dir)
        state = state_dir / "state.sqlite"
        (work / "mail").mkdir()
        notify = NotifySocket(work / "notify.sock")
        daemon = Daemon(binary, config, work, {**standin_env(work, STANDIN_SAVE_DIR=work / "mail"),
                                               "NOTIFY_SOCKET": notify.path})
        try:
            wait_for(lambda: any(m.get("READY") == "1" for m in notify.messages), 60, "READY=1")
            filler = state_dir / "filler"
            fill(filler)
            set_event(work, event_day(binary))
            daemon.proc.send_signal(signal.SIGHUP)
            daemon.wait_log("the state file cannot be written; sending is paused", 30)
            wait_for(lambda: any(s.startswith("STATE FILE NOT WRITABLE since ") and "sending paused" in s
                                 for s in notify.statuses()), 30, "STATUS=STATE FILE NOT WRITABLE since …")
            time.sleep(3)
            assert sent_ids(work) == [] and sent_ids(work, ADMIN) == [], "nothing may be sent while the ledger is full"
            assert daemon.log().count("the state file cannot be written; sending is paused") == 1, "said once"
            freed = time.monotonic()
            filler.unlink()
            wait_for(lambda: len(ledger_sent(state)) >= reminders, 200, f"all {reminders} reminders once space is back")
            recover = time.monotonic() - freed
            daemon.wait_log("the state file can be written again; sending resumes", 30)
            wait_for(lambda: sent_ids(work, ADMIN), 30, "the admins' mail that writes work again")
            time.sleep(1.5)
            assert not notify.statuses()[-1].startswith("STATE FILE"), notify.statuses()[-1]
            rc, _ = daemon.term()
            assert rc == 0, daemon.tail()
        finally:
            daemon.ensure_gone()
            notify.close()
        figures, _ = check_delivered_once(work, state, reminders, what="full filesystem")
    assert len(sent_ids(work, ADMIN)) == 1, sent_ids(work, ADMIN)
    sys.path.insert(0, str(TOOLS))
    from mailparse import parse
    subjects = [parse(p)["Subject"] for p in (work / "mail").glob("*.eml")]
    assert any("Hệ thống đã ghi được trạng thái trở lại" in (s or "") for s in subjects), subjects
    return _figures(lost=figures["lost"], duplicates=figures["duplicates"], recover_s=recover,
                    note=f"{reminders} reminders fall due (reload) on a full {size_mb} MB tmpfs; recovery ≤ the 1-min retry")


def readonly_filesystem(binary, base, reminders=5):
    """A read-only state filesystem: the daemon refuses to start with its own message, nothing is sent;
    remounted read-write, everything is sent once. (The kernel refuses a read-only remount while the
    daemon holds the file open for writing, so a live remount cannot happen; that is checked too.)"""
    work = base / "readonly-fs"
    work.mkdir(parents=True, exist_ok=True)
    with tmpfs(work / "state", "8m") as state_dir:
        config = write_office(work, reminders=reminders, event="tbd", state_dir=state_dir)
        state = state_dir / "state.sqlite"
        daemon = Daemon(binary, config, work, standin_env(work))
        try:
            daemon.wait_log("nhacviec started", 60)
            live = subprocess.run(["mount", "-o", "remount,ro", str(state_dir)], capture_output=True, text=True)
            assert live.returncode != 0, "a read-only remount under the running daemon was expected to be refused (busy)"
            rc, _ = daemon.term()
            assert rc == 0, daemon.tail()
        finally:
            daemon.ensure_gone()
        set_event(work, event_day(binary))
        subprocess.run(["mount", "-o", "remount,ro", str(state_dir)], check=True)
        refused = run_once(binary, config, env=standin_env(work))
        assert refused.returncode == 1, (refused.returncode, refused.stderr)
        assert f"the filesystem holding {state_dir} is mounted read-only" in refused.stderr, refused.stderr
        assert sent_ids(work) == []
        subprocess.run(["mount", "-o", "remount,rw", str(state_dir)], check=True)
        back = time.monotonic()
        daemon = Daemon(binary, config, work, standin_env(work))
        try:
            wait_for(lambda: len(ledger_sent(state)) >= reminders, 60, "delivery after the remount")
            recover = time.monotonic() - back
            rc, _ = daemon.term()
            assert rc == 0, daemon.tail()
        finally:
            daemon.ensure_gone()
        figures, _ = check_delivered_once(work, state, reminders, what="read-only filesystem")
    return _figures(lost=figures["lost"], duplicates=figures["duplicates"], recover_s=recover,
                    note="start refused (exit 1) while read-only; time is the restart after remount rw → all sent")


LEDGER_DAMAGE = {
    # variant: (exit status, words the message must hold)
    "lost": (78, ["is missing, but this directory has held nhacviec's ledger since", "nhacviec run --new-ledger"]),
    "empty": (78, ["is empty, but this directory has held nhacviec's ledger since", "nhacviec run --new-ledger"]),
    "half": (1, ["the file is damaged", "database disk image is malformed", "restore the file from a backup"]),
    "corrupt": (1, ["the file is damaged", "file is not a database", "restore the file from a backup"]),
}


def damaged_ledgers(binary, base, reminders=5, seed=1):
    """A lost, empty, half-truncated and corrupt ledger: each refuses with its own message and exit status,
    sends nothing and leaves the file as it was; then `run --new-ledger` starts afresh without resending."""
    work = base / "damaged-ledgers"
    config = write_office(work, reminders=reminders, event=event_day(binary))
    state = work / "state.sqlite"
    daemon = Daemon(binary, config, work, standin_env(work))
    try:
        wait_for(lambda: state.exists() and len(ledger_sent(state)) >= reminders, 60, "the first deliveries")
        rc, _ = daemon.term()
        assert rc == 0, daemon.tail()
    finally:
        daemon.ensure_gone()
    con = sqlite3.connect(state)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    good = state.read_bytes()
    rng = random.Random(seed)
    variants = {"lost": None, "empty": b"", "half": good[:len(good) // 2],
                "corrupt": bytes(rng.randrange(256) for _ in range(len(good)))}
    messages = {}
    for name, content in variants.items():
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{state}{suffix}")
        if content is not None:
            state.write_bytes(content)
        result = run_once(binary, config, env=standin_env(work))
        status, words = LEDGER_DAMAGE[name]
        assert result.returncode == status, f"{name} ledger: exit {result.returncode}, expected {status}: {result.stderr}"
        for w in words:
            assert w in result.stderr, f"{name} ledger: {w!r} missing from: {result.stderr}"
        assert len(sent_ids(work)) == reminders, f"{name} ledger: something was sent"
        if content is None:
            assert not state.exists(), "a lost ledger must not be recreated"
        else:
            assert state.read_bytes() == content, f"the {name} ledger was changed"
        messages[name] = [l for l in result.stderr.splitlines() if str(state) in l][-1]
    assert len(set(messages.values())) == len(messages), f"each damage needs its own message: {messages}"
    # Starting afresh on purpose sends nothing from before the fresh start.
    state.unlink()
    daemon = Daemon(binary, config, work, standin_env(work), args=["--new-ledger"])
    try:
        daemon.wait_log("fell due before the ledger was started afresh", 60)
        time.sleep(1)
        rc, _ = daemon.term()
        assert rc == 0, daemon.tail()
    finally:
        daemon.ensure_gone()
    assert len(sent_ids(work)) == reminders, "--new-ledger must not resend what fell due before it"
    skipped = ledger(state, "SELECT count(*) FROM delivery WHERE outcome = 'skipped'")[0][0]
    assert skipped == reminders, skipped
    return _figures(trials=len(variants), note="lost/empty: exit 78 naming run --new-ledger; half/corrupt: exit 1, "
                                                "restore from backup; file untouched; --new-ledger resends nothing",
                    recover_s=None) | {"messages": messages}


# ---------------------------------------------------------------------------------------------
# Reloads, notify, stop

def reloads_while_sending(binary, base, reminders=300, reloads=100):
    work = base / "reloads"
    config = write_office(work, reminders=reminders, event=event_day(binary))
    state = work / "state.sqlite"
    daemon = Daemon(binary, config, work, standin_env(work))
    try:
        wait_for(lambda: log_lines(work / "sent.log"), 60, "the burst to begin")
        at_first = len(log_lines(work / "sent.log"))
        for _ in range(reloads):
            daemon.proc.send_signal(signal.SIGHUP)
            time.sleep(0.02)
        during = len(log_lines(work / "sent.log")) - at_first
        assert daemon.proc.poll() is None, daemon.tail()
        wait_for(lambda: len(ledger_sent(state)) >= reminders, 240, f"all {reminders} sent")
        time.sleep(0.5)
        rc, _ = daemon.term()
        assert rc == 0, daemon.tail()
    finally:
        daemon.ensure_gone()
    figures, _ = check_delivered_once(work, state, reminders, what="100 reloads while sending")
    applied = daemon.log().count("configuration reloaded")
    assert applied >= 1 and "configuration rejected" not in daemon.log(), daemon.tail()
    return _figures(lost=figures["lost"], duplicates=figures["duplicates"],
                    note=f"{reminders} reminders, {reloads} SIGHUPs 20 ms apart ({during} sends meanwhile), "
                         f"{applied} reloads applied (the rest coalesced)")


def reload_moves_date(binary, base):
    """A reload moves the event into the past: the reminder goes out once, at once, not labelled late."""
    work = base / "reload-moves-date"
    config = write_office(work, reminders=1, event=event_day(binary, 30))
    (work / "mail").mkdir()
    state = work / "state.sqlite"
    daemon = Daemon(binary, config, work, standin_env(work, STANDIN_SAVE_DIR=work / "mail"))
    try:
        daemon.wait_log("nhacviec started", 60)
        time.sleep(0.5)
        assert sent_ids(work) == []
        set_event(work, event_day(binary))
        moved = time.monotonic()
        daemon.proc.send_signal(signal.SIGHUP)
        wait_for(lambda: sent_ids(work), 30, "the reminder moved into the past")
        recover = time.monotonic() - moved
        daemon.wait_log("a reload moved its date", 10)
        rc, _ = daemon.term()
        assert rc == 0, daemon.tail()
    finally:
        daemon.ensure_gone()
    figures, _ = check_delivered_once(work, state, 1, what="reload moves a date")
    log = daemon.log()
    assert "LATE" not in log and "missed while the daemon was down" not in log, daemon.tail()
    sys.path.insert(0, str(TOOLS))
    from mailparse import parse
    (message,) = [parse(p) for p in (work / "mail").glob("*.eml")]
    assert "gửi muộn" not in message["Subject"], message["Subject"]
    detail = ledger(state, "SELECT detail FROM delivery")[0][0]
    assert detail != "late", detail
    return _figures(lost=figures["lost"], duplicates=figures["duplicates"], recover_s=recover,
                    note="sent at once after SIGHUP; journal says a reload moved its date, no LATE, no (gửi muộn)")


def notify_unread(binary, base, reminders=3):
    """NOTIFY_SOCKET is a socket nobody reads, its queue already full: reminders are still sent and
    recorded, a reload still applies, and SIGTERM still stops the daemon at once."""
    work = base / "notify-unread"
    config = write_office(work, reminders=reminders, event=event_day(binary))
    state = work / "state.sqlite"
    notify = NotifySocket(work / "notify.sock", read=False)
    queued = notify.fill()
    daemon = Daemon(binary, config, work, {**standin_env(work), "NOTIFY_SOCKET": notify.path})
    try:
        wait_for(lambda: state.exists() and len(ledger_sent(state)) >= reminders, 60, "the reminders despite the full socket")
        daemon.proc.send_signal(signal.SIGHUP)
        daemon.wait_log("configuration reloaded", 20)
        time.sleep(2.5)  # a few STATUS updates more would each block a blocking sd_notify
        rc, took = daemon.term(timeout=60)
        assert rc == 0, daemon.tail()
        assert took < 5, f"SIGTERM took {took:.1f} s with an unread notify socket"
    finally:
        daemon.ensure_gone()
        notify.close()
    figures, _ = check_delivered_once(work, state, reminders, what="unread notify socket")
    return _figures(lost=figures["lost"], duplicates=figures["duplicates"], recover_s=took,
                    note=f"socket pre-filled with {queued} datagrams, never read; time is SIGTERM → exit")


def sigterm_in_burst(binary, base, reminders=20):
    """SIGTERM while the first send of a burst hangs in a sendmail that ignores SIGTERM: the queued sends are
    dropped unsent and unrecorded, the hung one is killed with its process group, the daemon exits 0 within
    the grace (timeout + 5 s) plus a few seconds, and the next start sends every reminder once."""
    work = base / "sigterm-burst"
    flag, pid_file = work / "hang", work / "standin.pid"
    config = write_office(work, reminders=reminders, event=event_day(binary), timeout="2s")
    flag.touch()
    state = work / "state.sqlite"
    env = standin_env(work, STANDIN_HANG_FLAG=flag, STANDIN_PID_FILE=pid_file, STANDIN_IGNORE_TERM=1)
    daemon = Daemon(binary, config, work, env)
    try:
        wait_for(lambda: pid_file.exists() and pid_file.read_text().strip(), 30, "the hung sendmail to start")
        pid, pgid = map(int, pid_file.read_text().split())
        rc, took = daemon.term(timeout=60)
    finally:
        daemon.ensure_gone()
    left = processes_in_group(pgid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
    assert rc == 0, daemon.tail()
    assert took <= 2 + 5 + 7, f"the stop took {took:.1f} s"
    assert left == [], f"processes of the sendmail's group {pgid} outlived the daemon: {left}"
    assert "nhacviec stopped" in daemon.log()
    assert sent_ids(work) == [], "nothing was accepted"
    assert len(log_lines(work / "attempts.log")) == 1, "the queued sends must be dropped, not started"
    assert ledger(state, "SELECT count(*) FROM delivery WHERE outcome = 'sent'")[0][0] == 0
    flag.unlink()
    restarted = time.monotonic()
    daemon = Daemon(binary, config, work, env)
    try:
        wait_for(lambda: len(ledger_sent(state)) >= reminders, 60, "every reminder after the restart")
        recover = time.monotonic() - restarted
        rc2, _ = daemon.term()
        assert rc2 == 0, daemon.tail()
    finally:
        daemon.ensure_gone()
    figures, _ = check_delivered_once(work, state, reminders, what="SIGTERM in a burst")
    return _figures(lost=figures["lost"], duplicates=figures["duplicates"], recover_s=recover,
                    note=f"mail.timeout 2 s (grace 7 s); stop took {took:.1f} s, no child left; "
                         f"time is restart → all sent")


# ---------------------------------------------------------------------------------------------
# Clock jumps, in a User-Mode-Linux guest: it has a clock of its own, so `date -s` there never
# touches the host's. The guest's root is the host's / (hostfs); its state directory is a tmpfs of
# the guest's own. Reminder A is at 09:00 and B at 09:30 (Asia/Ho_Chi_Minh) on 2027-03-10.

GUEST_DAY = "2027-03-10"
GUEST_STEPS = '''
import json, os, signal, subprocess, sys, time
work, binary = sys.argv[1], sys.argv[2]
result = {"steps": []}
def step(name, **kw):
    result["steps"].append(dict(name=name, **kw)); save()
def save():
    with open(os.path.join(work, "result.json"), "w") as f: json.dump(result, f)
def sent():
    try:
        return [l.split()[0] for l in open(os.path.join(work, "sent.log")) if l.strip()]
    except FileNotFoundError:
        return []
def setclock(iso):
    subprocess.run(["date", "-u", "-s", iso], check=True, stdout=subprocess.DEVNULL)
    return time.monotonic()
def wait(pred, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred(): return True
        time.sleep(0.02)
    return False
try:
    setclock("DAYT01:00:00Z")  # 08:00 in Vietnam
    # TMPDIR on the guest's tmpfs: the message file is unlinked after spawning, which hostfs cannot read back.
    env = dict(os.environ, NHACVIEC_LOG="stderr", MSGID_LOG=os.path.join(work, "sent.log"), PATH="/usr/sbin:/usr/bin:/sbin:/bin",
               TMPDIR=os.path.join(work, "state"), STANDIN_HANG_FLAG=os.path.join(work, "hang"),
               STANDIN_PID_FILE=os.path.join(work, "hang.pid"))
    log = open(os.path.join(work, "guest-daemon.log"), "w")
    d = subprocess.Popen([binary, "run", "--config", os.path.join(work, "nhacviec.yaml")], stdout=log, stderr=log, env=env)
    ok = wait(lambda: "nhacviec started" in open(os.path.join(work, "guest-daemon.log")).read(), 120)
    time.sleep(1)
    step("started", ok=ok, sent=sent())
    t = setclock("DAYT02:00:05Z")  # forward 1 h past A's 09:00
    ok = wait(lambda: len(sent()) >= 1, 20)
    step("forward", ok=ok, latency=time.monotonic() - t, sent=sent())
    setclock("DAYT00:00:00Z")  # backward 2 h: nothing may be resent, B must not come early
    time.sleep(3)
    step("backward", sent=sent())
    t = setclock("DAYT02:29:55Z")  # 5 s before B's 09:30
    ok = wait(lambda: len(sent()) >= 2, 30)
    step("forward-to-B", ok=ok, latency=time.monotonic() - t, sent=sent())
    open(os.path.join(work, "hang"), "w").close()  # C's sendmail (10:00) hangs; mail.timeout is 2 s
    setclock("DAYT02:59:58Z")
    ok = wait(lambda: os.path.exists(os.path.join(work, "hang.pid")), 20)
    t = setclock("DAYT01:59:58Z")  # back 1 h while it hangs: the timeout must still be 2 s, not 1 h
    killed = wait(lambda: "did not finish within 2 s" in open(os.path.join(work, "guest-daemon.log")).read(), 20)
    step("hung-backward", started=ok, killed=killed, latency=time.monotonic() - t)
    d.send_signal(signal.SIGTERM)
    step("stopped", rc=d.wait(timeout=60))
except Exception as e:
    step("error", error=repr(e))
result["done"] = True
save()
'''.replace("DAY", GUEST_DAY)

GUEST_INIT = '''#!/bin/sh
# PID 1 of the User-Mode-Linux guest (see reliability_cases.clock_jumps_uml).
exec >"{work}/guest-console.log" 2>&1
mount -t proc proc /proc
mount -t tmpfs tmpfs "{work}/state"
/usr/bin/python3 "{work}/guest_steps.py" "{work}" "{binary}"
sync
echo o > /proc/sysrq-trigger
sleep 10
'''


def clock_jumps_uml(binary, base):
    linux = shutil.which("linux.uml")
    if linux is None:
        raise AssertionError("linux.uml is missing: apt-get install user-mode-linux (scripts/test installs it); "
                             "the clock-jump test needs a guest with a clock of its own")
    work = (base / "clock-jumps").resolve()
    (work / "state").mkdir(parents=True, exist_ok=True)
    config = write_office(work, reminders=1, event=GUEST_DAY, send_at="09:00", state_dir=work / "state", timeout="2s")
    plan = (work / "plans.d" / "rel.yaml").read_text()
    for plan_id, at in (("relb", "09:30"), ("relc", "10:00")):
        (work / "plans.d" / f"{plan_id}.yaml").write_text(plan.replace("id: rel", f"id: {plan_id}").replace('"09:00"', f'"{at}"'))
    (work / "guest_steps.py").write_text(GUEST_STEPS)
    init = work / "init.sh"
    init.write_text(GUEST_INIT.format(work=work, binary=os.path.abspath(binary)))
    init.chmod(0o755)
    cmd = [linux, "mem=1G", "rootfstype=hostfs", "rootflags=/", "rw", f"init={init}", "con0=null,fd:1", "con=null"]
    try:
        uml = subprocess.run(cmd, capture_output=True, text=True, timeout=240, cwd=work)
    except subprocess.TimeoutExpired as e:
        raise AssertionError(f"the User-Mode-Linux guest did not finish within 240 s: {' '.join(cmd)}\n"
                             f"{(work / 'guest-console.log').read_text() if (work / 'guest-console.log').exists() else ''}")
    result_file = work / "result.json"
    if not result_file.exists():
        console = (work / "guest-console.log").read_text() if (work / "guest-console.log").exists() else "(no console log)"
        raise AssertionError(f"User-Mode-Linux could not run the clock-jump test here: `{' '.join(cmd)}` exited "
                             f"{uml.returncode}\nkernel stdout (tail): {uml.stdout[-1500:]}\nstderr: {uml.stderr[-1500:]}\n"
                             f"guest console: {console[-1500:]}")
    result = json.loads(result_file.read_text())
    steps = {s["name"]: s for s in result["steps"]}
    log = (work / "guest-daemon.log").read_text(errors="replace") if (work / "guest-daemon.log").exists() else ""
    assert "error" not in steps, f"the guest failed: {steps['error']}\n{log[-2000:]}"
    assert result.get("done"), f"the guest stopped half-way: {result}\n{log[-2000:]}"
    assert steps["started"]["ok"] and steps["started"]["sent"] == [], steps["started"]
    assert steps["forward"]["ok"], f"a forward jump past A's instant did not send it within 20 s: {steps}\n{log[-2000:]}"
    assert steps["forward"]["latency"] < 5, steps["forward"]
    a = steps["forward"]["sent"]
    assert len(a) == 1 and ".rel@" in a[0], a
    assert steps["backward"]["sent"] == a, f"after a backward jump something was sent: {steps['backward']}"
    assert steps["forward-to-B"]["ok"], f"B was not sent at its wall-clock instant after the jumps: {steps}"
    assert 3 <= steps["forward-to-B"]["latency"] <= 12, f"B must go out at 09:30, about 5 s after the jump: {steps['forward-to-B']}"
    b = steps["forward-to-B"]["sent"]
    assert len(b) == 2 and len(set(b)) == 2, b
    hung = steps["hung-backward"]
    assert hung["started"], f"C's sendmail did not start: {hung}"
    assert hung["killed"], (f"a sendmail hanging while the clock went back 1 h was not killed within 20 s "
                            f"(mail.timeout is 2 s): {hung}\n{log[-1500:]}")
    assert steps["stopped"]["rc"] == 0, (steps["stopped"], log[-2000:])
    return _figures(trials=1, recover_s=steps["forward"]["latency"],
                    note=f"UML guest: +1 h jump sent A after {steps['forward']['latency']:.2f} s; −2 h jump: nothing "
                         f"resent or early; B sent {steps['forward-to-B']['latency']:.1f} s after a jump to 5 s before it; "
                         f"a hung sendmail killed {hung['latency']:.1f} s after a −1 h jump")


def unrecorded_sends_during_burst(binary, base, reminders=1000):
    """The ground of "at most one duplicate per kill": at any moment at most one send may be started and not
    yet recorded, i.e. the ledger's `attempt` table holds at most one row. Polls it through a burst; every
    row there is a reminder a SIGKILL at that moment would send twice."""
    work = base / "unrecorded-sends"
    config = write_office(work, reminders=reminders, event=event_day(binary))
    state = work / "state.sqlite"
    daemon = Daemon(binary, config, work, standin_env(work, STANDIN_SLEEP=0))
    seen = {}
    try:
        wait_for(lambda: ledger_sent(state) or None, 60, "the burst to begin")
        con = sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=10)
        try:
            while con.execute("SELECT count(*) FROM delivery").fetchone()[0] < reminders:
                n = con.execute("SELECT count(*) FROM attempt").fetchone()[0]
                seen[n] = seen.get(n, 0) + 1
                time.sleep(0.0005)
                if daemon.proc.poll() is not None:
                    raise AssertionError(f"the daemon exited {daemon.proc.returncode}:\n{daemon.tail()}")
        finally:
            con.close()
        rc, _ = daemon.term()
        assert rc == 0, daemon.tail()
    finally:
        daemon.ensure_gone()
    check_delivered_once(work, state, reminders, what="burst watched for unrecorded sends")
    polls = sum(seen.values())
    worst = max(seen)
    over = sum(v for k, v in seen.items() if k > 1)
    assert worst <= 1, (f"up to {worst} sends were started and not yet recorded at once ({over} of {polls} polls saw "
                        f"more than one; counts seen {dict(sorted(seen.items()))}): a SIGKILL at such a moment sends "
                        f"each of them twice, more than one duplicate per kill. The delivery queue starts the next "
                        f"sendmail before the scheduler queue has recorded the previous outcome.")
    return _figures(note=f"{polls} polls of the attempt table, at most {worst} unrecorded send at once")
