"""The daemon against real parts: journald (and the catalog), sd_notify, msmtp + an SMTP sink, postfix.

Each test starts what it needs and stops only what it started, by pid (postfix with `postfix stop`, and
only when the test started it). Nothing is skipped: a missing package is a FAILURE that names the
command installing it (scripts/test installs them all).

Run (as root, from the repository root):
    NHACVIEC_BIN=$PWD/.build/debug/nhacviec python3 -m pytest -v Tests/e2e/test_real_parts.py

What each test proves:
  - test_journal_entry_of_a_sent_reminder_has_every_field_and_the_catalog_explains_it:
        with NHACVIEC_LOG=journal the "reminder sent" entry reaches a real journald with MESSAGE,
        PRIORITY=6, SYSLOG_IDENTIFIER, CODE_*, MESSAGE_ID and every NHACVIEC_* field the catalog
        uses, NHACVIEC_MAIL_ID equal to the Message-ID handed to sendmail; then `journalctl -x`,
        with systemd/nhacviec.catalog compiled in a private mount namespace (the host's catalog
        database is checked unchanged), explains that very entry in English and Vietnamese with
        every @FIELD@ filled in.
  - test_sd_notify_ready_watchdog_reload_stop: READY=1 with a STATUS= that counts pending reminders,
        WATCHDOG=1 every second for WATCHDOG_USEC=2000000 (WATCHDOG_PID unset or the daemon's own pid;
        none when it names another process, as sd_watchdog_enabled(3) says), RELOADING=1 with a
        CLOCK_MONOTONIC MONOTONIC_USEC then READY=1 on SIGHUP, STOPPING=1 and exit 0 on SIGTERM.
  - test_msmtp_delivers_defers_and_fails_for_good: /usr/bin/msmtp as the sendmail command against
        tools/smtp_sink.py: a normal reminder arrives and parses back (Vietnamese Subject, display
        name, Auto-Submitted, thread headers); a 451 (msmtp exit 69) is "delivery deferred" with no
        ledger record and the daemon keeps running; a 550 (exit 65) is "delivery failed for good",
        recorded as not sent, and a failure report reaches the plan's admin through the same msmtp.
  - test_postfix_local_delivery: postfix's /usr/sbin/sendmail delivers to a local user's mailbox
        (nvtest@localhost); Subject and thread headers decode back exactly.
"""
import base64
import contextlib
import datetime
import email
import email.policy
import hashlib
import json
import mailbox
import os
import pathlib
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import uuid

import pytest

from conftest import ROOT, TOOLS, wait_for, write_config
from mailparse import maildir_messages, parse, parse_bytes
from vn_days import HCM, now_hcm, reminder_day, today_hcm

# Real postfix (the faked clock would reach its daemons through sendmail and postdrop), a watchdog that runs on a
# CLOCK_MONOTONIC Dispatch timer (which libfaketime 0.9.10 breaks), a journald and an SMTP sink: scripts/test's
# pinned runs leave these out. Their plans take the day from tools/vn_days.py and hold on any day anyway.
pytestmark = pytest.mark.no_faketime("real postfix, journald and the sd_notify watchdog (a CLOCK_MONOTONIC timer)")
CATALOG = ROOT / "systemd" / "nhacviec.catalog"

REMINDER_SENT = "c23f58e8ab1c416abfd53d32c8d2a7b3"
DELIVERY_DEFERRED = "63fb73f3991a41c29692acecf12442a4"
DELIVERY_FAILED = "018abc0aae834a7b854c1101d09e469a"
DAEMON_STARTED = "4b4423e06dca40f38a3aa895bfca4435"
DAEMON_STOPPED = "dc7b368b699a49ec9dd71c4fa09da3bf"

POSTFIX_INSTALL = ("debconf-set-selections <<<'postfix postfix/main_mailer_type select Local only' && "
                   "debconf-set-selections <<<'postfix postfix/mailname string nhacviec.test' && "
                   "apt-get install -y --no-install-recommends postfix")
# Variables a test must not inherit from whatever runs pytest (e.g. a systemd unit).
MANAGER_ENV = ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "NHACVIEC_LOG",
               "NHACVIEC_CONFIG")


# --------------------------------------------------------------------------- helpers

def need(tool, install):
    """The path of a program, or a FAILURE saying how to install it."""
    path = tool if tool.startswith("/") else shutil.which(tool)
    if not path or not os.access(path, os.X_OK):
        pytest.fail(f"{tool} is missing: {install}", pytrace=False)
    return path


def need_root(why):
    if os.geteuid() != 0:
        pytest.fail(f"must run as root: {why}", pytrace=False)


def need_aiosmtpd():
    try:
        import aiosmtpd  # noqa: F401
    except ImportError:
        pytest.fail("the Python package aiosmtpd is missing: python3 -m pip install -r Tests/e2e/requirements.txt",
                    pytrace=False)


def plan_day():
    """The day of the plan's event `hop`: the last working day on or before today, so that its due-day
    reminders are due at start whatever kind of day today is (tools/vn_days.py)."""
    return reminder_day(NV["bin"])


def plan_config(tmp_path, sendmail, plan_id, edit=lambda text: text):
    """write_config's main file and plan, with a plan id unique to this test run (old journal entries and
    Message-IDs of earlier runs then cannot match) and an optional edit of the plan text."""
    config = write_config(tmp_path, sendmail, plan_day().isoformat())
    plan = tmp_path / "plans.d" / "e2e.yaml"
    text = plan.read_text()
    assert "  id: e2e\n" in text
    plan.write_text(edit(text.replace("  id: e2e\n", f"  id: {plan_id}\n")))
    check = subprocess.run([NV["bin"], "check", "--config", str(config)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr
    return config


def new_plan_id():
    return f"e2e-{uuid.uuid4().hex[:12]}"


NV = {}


@pytest.fixture(autouse=True)
def _binary(nhacviec):
    NV["bin"] = nhacviec


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in MANAGER_ENV}
    env.update({k: str(v) for k, v in extra.items()})
    return env


@contextlib.contextmanager
def running_daemon(config, log_path, env, prefix=()):
    """`nhacviec run` with stdout and stderr in log_path; SIGTERM (then SIGKILL) on the way out if still running."""
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([*prefix, NV["bin"], "run", "--config", str(config)], stdin=subprocess.DEVNULL,
                                stdout=log, stderr=log, env=env)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def while_running(daemon, log, predicate):
    """predicate, but a test waiting on it fails at once, showing the daemon's output, if the daemon died."""
    def check():
        value = predicate()
        if not value and daemon.poll() is not None:
            raise AssertionError(f"the daemon exited with {daemon.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
        return value
    return check


def stop_daemon(proc, timeout=40):
    proc.send_signal(signal.SIGTERM)
    return proc.wait(timeout=timeout)


def status_rows(config, plan_id):
    res = subprocess.run([NV["bin"], "status", "--config", str(config), "--plan", plan_id, "--format", "json"],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    return {row["task"]: row for row in map(json.loads, res.stdout.splitlines())}


def scheduled(config, task):
    """The reminder of `task` that `nhacviec schedule` puts between the plan's day and today (the catch-up the
    daemon sends)."""
    res = subprocess.run([NV["bin"], "schedule", "--config", str(config), "--from", plan_day().isoformat(),
                          "--to", today_hcm().isoformat(), "--format", "json"],
                         capture_output=True, text=True, timeout=60, check=True)
    rows = [r for r in map(json.loads, res.stdout.splitlines()) if r.get("task") == task and "at" in r]
    assert len(rows) == 1, res.stdout
    row = rows[0]
    row["at_dt"] = datetime.datetime.fromisoformat(row["at"])
    return row


def expected_subjects(title, row, sent_between):
    """The default subject of a due-day reminder sent now; ' (gửi muộn)' when sent over 600 s after its
    instant (Scheduler lateAfter). Both forms only if the sending window straddles that limit."""
    due = datetime.date.fromisoformat(row["due"])
    base = f"[Đến hạn hôm nay] V/v {title} – chậm nhất ngày {due:%d/%m/%Y}"
    lates = {(t - row["at_dt"]).total_seconds() > 600 for t in sent_between}
    return {base + (" (gửi muộn)" if late else "") for late in lates}


def thread_ids(row, plan_id, task, domain="example.gov.vn"):
    day = row["at_dt"].astimezone(HCM).date()
    return (f"<{row['kind']}.{day:%Y%m%d}.{task}.{plan_id}@{domain}>", f"<{task}.{plan_id}@{domain}>")


def journal(*matches):
    res = subprocess.run(["journalctl", "-o", "json", "--all", "--no-pager", *matches],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode in (0, 1), res.stderr  # 1: no journal files yet
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


def read_records(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- 1. journald

@pytest.fixture(scope="module")
def vi_locale(tmp_path_factory):
    """Env additions for a working vi_VN.UTF-8 locale, compiled into a temporary LOCPATH when the
    system lacks it (the host is left alone)."""
    have = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower().split()
    if "vi_vn.utf8" in have:
        return {}
    localedef = need("localedef", "apt-get install -y locales")
    if not pathlib.Path("/usr/share/i18n/locales/vi_VN").exists():
        pytest.fail("no vi_VN locale source: apt-get install -y locales", pytrace=False)
    locpath = tmp_path_factory.mktemp("locale")
    res = subprocess.run([localedef, "-i", "vi_VN", "-f", "UTF-8", str(locpath / "vi_VN.UTF-8")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    return {"LOCPATH": str(locpath)}


def catalog_explanations(tmp_path, vi_env, matches):
    """`journalctl -x` of the entries matching `matches`, in English and in Vietnamese, with
    systemd/nhacviec.catalog compiled into the catalog database, all inside a private mount namespace:
    tmpfs over the catalog source and database directories, so the host's database is never rewritten.
    The journal itself (/run/log/journal, /var/log/journal) is the host's, read as is."""
    need("unshare", "apt-get install -y util-linux")
    dirs = ("/var/lib/systemd/catalog", "/usr/lib/systemd/catalog")
    for d in dirs:
        if not os.path.isdir(d):
            pytest.fail(f"{d} is missing: apt-get install --reinstall -y systemd", pytrace=False)
    query = " ".join(f"'{m}'" for m in matches)
    script = tmp_path / "catalog.sh"
    script.write_text(textwrap.dedent(f"""\
        #!/bin/bash
        set -euo pipefail
        mount -t tmpfs tmpfs {dirs[0]}
        mount -t tmpfs tmpfs {dirs[1]}
        cp {CATALOG} {dirs[1]}/nhacviec.catalog
        journalctl --update-catalog
        echo '=== en'
        LANG=C.UTF-8 journalctl --no-pager -x {query}
        echo '=== vi'
        LANG=vi_VN.UTF-8 journalctl --no-pager -x {query}
    """))
    script.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(vi_env)
    res = subprocess.run(["unshare", "-m", "--propagation", "private", str(script)], capture_output=True,
                         text=True, env=env, timeout=60)
    assert res.returncode == 0, f"{res.stdout}\n{res.stderr}"
    en, _, vi = res.stdout.partition("=== vi\n")
    return en.partition("=== en\n")[2], vi


def host_catalog_state():
    db = pathlib.Path("/var/lib/systemd/catalog/database")
    return (hashlib.sha256(db.read_bytes()).hexdigest() if db.exists() else None,
            sorted(os.listdir("/usr/lib/systemd/catalog")))


def explanation_lines(text):
    return [line[2:].strip() for line in text.splitlines() if line.startswith("░░")]


def test_journal_entry_of_a_sent_reminder_has_every_field_and_the_catalog_explains_it(journald, tmp_path, vi_locale):
    need_root("systemd-journald and unshare -m")
    need("journalctl", "apt-get install -y systemd")
    plan_id = new_plan_id()
    record = tmp_path / "record.jsonl"
    config = plan_config(tmp_path, f"{TOOLS}/sendmail-record -oi", plan_id)
    due = plan_day().isoformat()
    log = tmp_path / "daemon.log"
    started = time.monotonic()
    with running_daemon(config, log, clean_env(NHACVIEC_LOG="journal", RECORD_FILE=record)) as daemon:
        matches = [f"NHACVIEC_PLAN={plan_id}", "NHACVIEC_TASK=giay-moi", f"MESSAGE_ID={REMINDER_SENT}",
                   f"_PID={daemon.pid}"]
        entries = wait_for(while_running(daemon, log, lambda: journal(*matches)), timeout=30, what="the reminder-sent journal entry")
        seen_after = time.monotonic() - started
        sent = read_records(record)
        assert daemon.poll() is None
        rc = stop_daemon(daemon)
    assert rc == 0, log.read_text()
    assert log.read_text() == "", "with NHACVIEC_LOG=journal nothing goes to stderr"

    assert len(entries) == 1, entries
    e = entries[0]
    assert len(sent) == 1
    mail = parse_bytes(base64.b64decode(sent[0]["stdin"]))
    assert e["MESSAGE"].startswith("due reminder sent to vp@example.gov.vn"), e["MESSAGE"]
    assert e["PRIORITY"] == "6"
    assert e["SYSLOG_IDENTIFIER"] == "nhacviec"
    # The caller's place in the daemon (its delivery code), not the logging helper's.
    assert e["CODE_FILE"] == "NhacViecDaemon/Daemon+Outcomes.swift", e["CODE_FILE"]
    assert e["CODE_LINE"].isdigit() and int(e["CODE_LINE"]) > 0
    assert e["CODE_FUNC"]
    assert e["MESSAGE_ID"] == REMINDER_SENT
    ours = {k: v for k, v in e.items() if k.startswith("NHACVIEC_")}
    assert ours == {
        "NHACVIEC_PLAN": plan_id,
        "NHACVIEC_TASK": "giay-moi",
        "NHACVIEC_KIND": "due",
        "NHACVIEC_DUE": due,
        "NHACVIEC_RECIPIENTS": "vp@example.gov.vn",
        "NHACVIEC_MAIL_ID": mail["Message-ID"],
        "NHACVIEC_ATTEMPT": "1",
        "NHACVIEC_DEPARTMENT": "vp",
    }
    assert mail["Message-ID"].startswith("<due.") and plan_id in mail["Message-ID"]
    assert e["_PID"] == str(daemon.pid)
    assert e["_COMM"] == "nhacviec"
    # Started and stopped entries of the same process, with their own MESSAGE_IDs.
    def lifecycle_entries():
        found = journal(f"_PID={daemon.pid}", "SYSLOG_IDENTIFIER=nhacviec")
        return found if found and found[-1].get("MESSAGE_ID") == DAEMON_STOPPED else None
    lifecycle = wait_for(lifecycle_entries, timeout=10, what="the daemon-stopped entry")
    ids = [x.get("MESSAGE_ID") for x in lifecycle]
    assert ids[0] == DAEMON_STARTED and ids[-1] == DAEMON_STOPPED, ids
    assert lifecycle[0]["PRIORITY"] == "5" and lifecycle[0]["MESSAGE"].startswith("nhacviec started: 1 plans")

    # The catalog explains that very entry, every field filled in.
    before = host_catalog_state()
    catalog_started = time.monotonic()
    en, vi = catalog_explanations(tmp_path, vi_locale, matches)
    catalog_took = time.monotonic() - catalog_started
    assert host_catalog_state() == before, "the host's catalog must be left as it was"
    mid = mail["Message-ID"]
    en_lines, vi_lines = explanation_lines(en), explanation_lines(vi)
    assert 'Subject: Reminder for "giay-moi" sent (due)' in en_lines, en
    for line in ("Reminder kind: due", "Responsible department: vp", f"Due: {due}",
                 "Recipients: vp@example.gov.vn", f"Message-ID: {mid}", f'"{plan_id}" to the mail submission program '
                 "(sendmail), which"):
        assert line in en_lines, (line, en)
    assert 'Subject: Đã gửi thư nhắc việc "giay-moi" (due)' in vi_lines, vi
    for line in ("Loại lời nhắc: due", "Bộ phận phụ trách: vp", f"Thời hạn: {due}",
                 "Người nhận: vp@example.gov.vn", f"Mã thư (Message-ID): {mid}"):
        assert line in vi_lines, (line, vi)
    for text in (en_lines, vi_lines):
        assert not [line for line in text if "NHACVIEC_" in line], "a catalog field the entry lacks"
    print(f"\njournal entry seen {seen_after:.2f} s after start; catalog check {catalog_took:.2f} s")


# --------------------------------------------------------------------------- 2. sd_notify

class NotifyListener:
    """tools/notify_listener.py on a socket in tmp_path; a thread collects its JSON lines."""

    def __init__(self, tmp_path):
        self.path = tmp_path / "notify.sock"
        self.err = open(tmp_path / "listener.err", "wb")
        self.proc = subprocess.Popen([sys.executable, str(TOOLS / "notify_listener.py"), str(self.path)],
                                     stdout=subprocess.PIPE, stderr=self.err, text=True, encoding="utf-8")
        self.messages = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()
        wait_for(lambda: self.path.exists() or self.proc.poll() is not None, timeout=10, what="the notify socket")
        assert self.path.exists(), (tmp_path / "listener.err").read_text()

    def _read(self):
        for line in self.proc.stdout:
            with self.lock:
                self.messages.append(json.loads(line))

    def snapshot(self):
        with self.lock:
            return list(self.messages)

    def wait(self, predicate, after=0, timeout=20, what="a notification"):
        """The index and message of the first message at index >= after that satisfies predicate."""
        def find():
            for i, m in enumerate(self.snapshot()[after:], start=after):
                if predicate(m["fields"]):
                    return (i, m)
            return None
        return wait_for(find, timeout=timeout, what=what)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(timeout=10)
        self.thread.join(timeout=10)
        self.proc.stdout.close()
        self.err.close()
        return rc


@pytest.mark.parametrize("watchdog_pid", ["unset", "daemon", "other"])
def test_sd_notify_ready_watchdog_reload_stop(tmp_path, watchdog_pid):
    listener = NotifyListener(tmp_path)
    record = tmp_path / "record.jsonl"
    config = plan_config(tmp_path, f"{TOOLS}/sendmail-record -oi", new_plan_id())
    env = clean_env(NHACVIEC_LOG="stderr", RECORD_FILE=record, NOTIFY_SOCKET=listener.path, WATCHDOG_USEC=2000000)
    prefix = ()
    if watchdog_pid == "daemon":  # the pid of the process that execs nhacviec is the daemon's own
        prefix = ("/bin/sh", "-c", 'WATCHDOG_PID=$$; export WATCHDOG_PID; exec "$@"', "sh")
    elif watchdog_pid == "other":
        env["WATCHDOG_PID"] = str(os.getpid())
    log = tmp_path / "daemon.log"
    try:
        t0 = time.monotonic()
        with running_daemon(config, log, env, prefix) as daemon:
            wait_for(while_running(daemon, log, lambda: any(m["fields"].get("READY") for m in listener.snapshot())),
                     what="READY=1")
            i_ready, ready = listener.wait(lambda f: f.get("READY") == "1", what="READY=1")
            assert "pending" in ready["fields"].get("STATUS", ""), ready
            ready_after = ready["t"] - t0
            # Watch the watchdog for 3.5 s after READY: pings at about 1, 2 and 3 s (half of WATCHDOG_USEC).
            time.sleep(max(0.0, ready["t"] + 3.5 - time.monotonic()))
            window = [m for m in listener.snapshot() if ready["t"] - 1.5 <= m["t"] <= ready["t"] + 3.5]
            pings = [m["t"] for m in window if m["fields"].get("WATCHDOG") == "1"]
            if watchdog_pid == "other":
                assert pings == [], "WATCHDOG_PID names another process: sd_watchdog_enabled says no"
            else:
                assert len(pings) == 3, pings
                gaps = [b - a for a, b in zip(pings, pings[1:])]
                assert all(0.75 <= g <= 1.35 for g in gaps), gaps
                assert 0.5 <= pings[0] - ready["t"] <= 1.35, pings[0] - ready["t"]

            # SIGHUP: RELOADING=1 with MONOTONIC_USEC (CLOCK_MONOTONIC, as systemd requires), then READY=1.
            n = len(listener.snapshot())
            before_hup = time.monotonic()
            daemon.send_signal(signal.SIGHUP)
            i_rel, reloading = listener.wait(lambda f: f.get("RELOADING") == "1", after=n, what="RELOADING=1")
            mono = int(reloading["fields"]["MONOTONIC_USEC"]) / 1e6
            assert before_hup - 0.001 <= mono <= reloading["t"] + 0.001, (before_hup, mono, reloading["t"])
            _, ready2 = listener.wait(lambda f: f.get("READY") == "1", after=i_rel + 1, what="READY=1 after reload")
            assert "pending" in ready2["fields"].get("STATUS", "")
            reload_took = ready2["t"] - reloading["t"]
            if watchdog_pid != "other":  # the watchdog keeps going across a reload
                listener.wait(lambda f: f.get("WATCHDOG") == "1", after=i_rel + 1, timeout=3, what="WATCHDOG after reload")

            # SIGTERM: STOPPING=1 and a clean exit.
            n = len(listener.snapshot())
            before_term = time.monotonic()
            daemon.send_signal(signal.SIGTERM)
            i_stop, stopping = listener.wait(lambda f: f.get("STOPPING") == "1", after=n, what="STOPPING=1")
            rc = daemon.wait(timeout=40)
            exit_took = time.monotonic() - before_term
        assert rc == 0, log.read_text()
        time.sleep(0.2)
        after_stop = listener.snapshot()[i_stop + 1:]
        assert not [m for m in after_stop if m["fields"].get("WATCHDOG")], after_stop
        everything = listener.snapshot()
        assert all(m["pid"] == daemon.pid for m in everything), [m["pid"] for m in everything]
        assert all(m["uid"] == os.getuid() for m in everything)
        assert i_ready == 0, "READY=1 is the first thing the manager hears"
        # The due-day reminder went out once, at start; the reload did not send it again.
        assert len(read_records(record)) == 1
        print(f"\nREADY {ready_after:.2f} s after exec; reload {reload_took * 1000:.1f} ms; "
              f"SIGTERM to exit {exit_took:.2f} s; datagrams: {[m['raw'].split(chr(10))[0] for m in everything]}")
    finally:
        listener_rc = listener.stop()
    assert listener_rc == 0


# --------------------------------------------------------------------------- 3. msmtp + SMTP sink

@contextlib.contextmanager
def smtp_sink(tmp_path):
    need_aiosmtpd()
    port = free_port()
    maildir = tmp_path / "sink"
    err = tmp_path / "sink.err"
    with open(err, "wb") as f:
        proc = subprocess.Popen([sys.executable, str(TOOLS / "smtp_sink.py"), "--port", str(port),
                                 "--maildir", str(maildir)], stdout=subprocess.PIPE, stderr=f, text=True)
    try:
        line = proc.stdout.readline()
        assert line == "READY\n", (line, err.read_text())
        yield {"port": port, "maildir": maildir, "err": err}
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=15)
        proc.stdout.close()
    assert rc == 0, err.read_text()


EXTRA_DEPARTMENTS = """departments:
  vhxh: {{name: Phòng Văn hóa - Xã hội, email: tempfail.vhxh@{domain}}}
  kt: {{name: Phòng Kinh tế, email: reject.kt@{domain}}}
"""
EXTRA_TASKS = """  - id: tam-hoan
    title: Nộp báo cáo văn hóa
    owner: vhxh
    due: hop
    remind: [0d]
    overdue: none
  - id: tu-choi
    title: Nộp báo cáo kinh tế
    owner: kt
    due: hop
    remind: [0d]
    overdue: none
"""


def log_lines(path, needle):
    return [line for line in path.read_text(errors="replace").splitlines() if needle in line]


def log_entries(path, needle):
    """The stderr log entries containing needle, each with its continuation lines (a sendmail's own
    multi-line error is kept in the entry's message)."""
    entries = []
    for line in path.read_text(errors="replace").splitlines():
        if re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", line) or not entries:
            entries.append(line)
        else:
            entries[-1] += "\n" + line
    return [e for e in entries if needle in e]


def test_msmtp_delivers_defers_and_fails_for_good(tmp_path):
    msmtp = need("/usr/bin/msmtp", "apt-get install -y msmtp (not msmtp-mta, which conflicts with postfix)")
    plan_id = new_plan_id()
    with smtp_sink(tmp_path) as sink:
        rc_file = tmp_path / "msmtprc"
        rc_file.write_text(f"account default\nhost 127.0.0.1\nport {sink['port']}\nauth off\ntls off\n"
                           "from nhacviec@localhost\n")
        rc_file.chmod(0o600)
        config = plan_config(tmp_path, f"{msmtp} -C {rc_file} -oi", plan_id,
                             lambda t: t.replace("departments:\n", EXTRA_DEPARTMENTS.format(domain="example.gov.vn"))
                             + EXTRA_TASKS)
        log = tmp_path / "daemon.log"
        start = now_hcm()
        t0 = time.monotonic()
        with running_daemon(config, log, clean_env(NHACVIEC_LOG="stderr")) as daemon:
            files = wait_for(while_running(daemon, log, lambda: len(maildir_messages(sink["maildir"])) >= 2),
                             timeout=30, what="the reminder and the failure report in the sink")
            both_after = time.monotonic() - t0
            wait_for(lambda: log_lines(log, "delivery deferred"), timeout=20, what="'delivery deferred'")
            wait_for(lambda: log_lines(log, "delivery failed for good"), timeout=20, what="'delivery failed for good'")
            end = now_hcm()
            time.sleep(0.5)  # nothing else arrives
            rows = status_rows(config, plan_id)
            assert daemon.poll() is None, "the daemon keeps running after a deferral and a permanent failure"
            rc = stop_daemon(daemon)
        assert rc == 0, log.read_text()
        files = maildir_messages(sink["maildir"])
        sink_log = sink["err"].read_text()

    assert len(files) == 2, (files, sink_log)
    paths = {parse(p)["Delivered-To"]: p for p in files}
    mails = {rcpt: parse(p) for rcpt, p in paths.items()}
    assert set(mails) == {"vp@example.gov.vn", "admin@example.gov.vn"}, sink_log

    # The reminder that went through.
    m = mails["vp@example.gov.vn"]
    row = scheduled(config, "giay-moi")
    assert m["Subject"] in expected_subjects("gửi Giấy mời Hội nghị", row, (start, end)), m["Subject"]
    assert "V/v gửi Giấy mời Hội nghị" in m["Subject"]  # the title is lowercased after V/v
    message_id, root = thread_ids(row, plan_id, "giay-moi")
    assert (m["Message-ID"], m["In-Reply-To"], m["References"]) == (message_id, root, root)
    assert m["Auto-Submitted"] == "auto-generated"
    assert m["Return-Path"] == "<nv@example.gov.vn>"
    msg = email.message_from_bytes(pathlib.Path(paths["vp@example.gov.vn"]).read_bytes(), policy=email.policy.default)
    (to,) = msg["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Văn phòng HĐND và UBND phường", "vp@example.gov.vn")
    (sender,) = msg["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Nhắc việc thử", "nv@example.gov.vn")
    assert m["addresses"]["Reply-To"] == ["admin@example.gov.vn"]
    assert (f"thực hiện nhiệm vụ gửi Giấy mời Hội nghị, hoàn thành chậm nhất ngày "
            f"{datetime.date.fromisoformat(row['due']):%d/%m/%Y}.") in m["body"], m["body"]
    assert m["defects"] == []

    # 451 -> msmtp 69 -> deferred, not recorded, retried later.
    deferred = log_entries(log, "delivery deferred")
    assert len(deferred) == 1 and "task=tam-hoan" in deferred[0], deferred
    assert "msmtp exited 69" in deferred[0] and "451 4.3.0 Try again later" in deferred[0], deferred[0]
    assert f"message_id={DELIVERY_DEFERRED}" in deferred[0]
    assert rows["tam-hoan"]["last_sent"] in (None, ""), rows["tam-hoan"]
    assert rows["tam-hoan"]["state"] == "pending"
    assert "RCPT tempfail.vhxh@example.gov.vn: 451" in sink_log

    # 550 -> msmtp 65 -> failed for good, not recorded as sent, a report to the admin.
    failed = log_entries(log, "delivery failed for good")
    assert len(failed) == 1 and "task=tu-choi" in failed[0], failed
    assert "msmtp refused the recipients (exit 65)" in failed[0] and "550 5.1.1 No such user" in failed[0], failed[0]
    assert f"message_id={DELIVERY_FAILED}" in failed[0]
    assert not log_lines(log, "failure report to the admins could not be sent")
    assert rows["tu-choi"]["last_sent"] in (None, ""), rows["tu-choi"]
    assert rows["giay-moi"]["last_sent"], rows["giay-moi"]
    report = mails["admin@example.gov.vn"]
    due = plan_day()
    assert report["Subject"] == (f"[Lỗi gửi thư] Không gửi được nhắc việc V/v nộp báo cáo kinh tế – chậm nhất ngày "
                                 f"{due:%d/%m/%Y}"), report["Subject"]
    failed_id, failed_root = thread_ids(scheduled(config, "tu-choi"), plan_id, "tu-choi")
    assert report["Message-ID"] == "<failed." + failed_id[1:]
    assert report["In-Reply-To"] == failed_id
    assert report["References"].split() == [failed_root, failed_id]
    assert report["Auto-Submitted"] == "auto-generated"
    assert "Nhiệm vụ: Nộp báo cáo kinh tế (mã tu-choi)" in report["body"]
    assert "Người nhận: reject.kt@example.gov.vn" in report["body"]
    assert "550 5.1.1 No such user" in report["body"], report["body"]
    print(f"\nreminder and failure report in the sink {both_after:.2f} s after start")


# --------------------------------------------------------------------------- 4. postfix

POSTFIX_USER = "nvtest"


def postconf(name):
    return subprocess.run(["postconf", "-h", name], capture_output=True, text=True, timeout=30,
                          check=True).stdout.strip()


def postfix_running():
    return subprocess.run(["postfix", "status"], capture_output=True, timeout=30).returncode == 0


def mailbox_messages(user):
    """(raw bytes of) the messages in the user's mailbox, as postfix's local(8) delivers them here."""
    home = pathlib.Path(pwd.getpwnam(user).pw_dir)
    home_mailbox = postconf("home_mailbox")
    if home_mailbox.endswith("/"):
        return [pathlib.Path(p).read_bytes() for p in maildir_messages(str(home / home_mailbox))]
    path = home / home_mailbox if home_mailbox else pathlib.Path(postconf("mail_spool_directory")) / user
    if not path.exists():
        return []
    box = mailbox.mbox(str(path), create=False)
    try:
        return [box.get_bytes(key) for key in box.keys()]
    finally:
        box.close()


def test_postfix_local_delivery(tmp_path):
    need_root("postfix, useradd")
    need("/usr/sbin/postfix", POSTFIX_INSTALL)
    owner = subprocess.run(["dpkg-query", "-S", "/usr/sbin/sendmail"], capture_output=True, text=True)
    if not owner.stdout.startswith("postfix:"):
        pytest.fail(f"/usr/sbin/sendmail is not postfix's ({owner.stdout.strip() or owner.stderr.strip()}): "
                    f"{POSTFIX_INSTALL}", pytrace=False)
    destinations = [d.strip() for d in postconf("mydestination").replace(",", " ").split()]
    if "localhost" not in destinations:
        pytest.fail(f"postfix does not deliver @localhost locally (mydestination = {destinations}): "
                    "postconf -e 'mydestination = $myhostname, localhost'", pytrace=False)
    if postconf("mailbox_command") or postconf("mailbox_transport"):
        pytest.fail("postfix hands local mail to mailbox_command/mailbox_transport; this test reads the mailbox "
                    "local(8) writes itself", pytrace=False)

    created_user = False
    started_postfix = False
    try:
        try:
            pwd.getpwnam(POSTFIX_USER)
        except KeyError:
            subprocess.run(["useradd", "-m", "-s", "/usr/sbin/nologin", POSTFIX_USER], check=True,
                           capture_output=True, timeout=30)
            created_user = True
        if not postfix_running():
            t = time.monotonic()
            res = subprocess.run(["postfix", "start"], capture_output=True, text=True, timeout=60)
            assert res.returncode == 0, res.stdout + res.stderr
            started_postfix = True
            postfix_start = time.monotonic() - t
            wait_for(postfix_running, timeout=10, what="postfix master")
        else:
            postfix_start = 0.0

        plan_id = new_plan_id()
        config = plan_config(tmp_path, "/usr/sbin/sendmail -oi", plan_id,
                             lambda t: t.replace("vp@example.gov.vn", f"{POSTFIX_USER}@localhost"))
        row = scheduled(config, "giay-moi")
        message_id, root = thread_ids(row, plan_id, "giay-moi")
        log = tmp_path / "daemon.log"
        start = now_hcm()
        t0 = time.monotonic()
        with running_daemon(config, log, clean_env(NHACVIEC_LOG="stderr")) as daemon:
            def arrived():
                ours = [parse_bytes(raw) for raw in mailbox_messages(POSTFIX_USER)]
                # Complete messages only: local(8) may be appending to the mbox while we read it.
                return [m for m in ours if m["Message-ID"] == message_id
                        and "không phải văn bản chính thức" in (m["body"] or "")]
            try:
                found = wait_for(while_running(daemon, log, arrived), timeout=30, what=f"{message_id} in {POSTFIX_USER}'s mailbox")
            except AssertionError:
                queue = subprocess.run(["postqueue", "-p"], capture_output=True, text=True).stdout
                raise AssertionError(f"not delivered; daemon log:\n{log.read_text()}\npostfix queue:\n{queue}")
            delivered_after = time.monotonic() - t0
            end = now_hcm()
            rows = status_rows(config, plan_id)
            rc = stop_daemon(daemon)
        assert rc == 0, log.read_text()
        assert len(found) == 1
        m = found[0]
        assert m["Subject"] in expected_subjects("gửi Giấy mời Hội nghị", row, (start, end)), m["Subject"]
        assert (m["Message-ID"], m["In-Reply-To"], m["References"]) == (message_id, root, root)
        assert m["Delivered-To"] == f"{POSTFIX_USER}@localhost"
        assert m["Return-Path"] == "<nv@example.gov.vn>"
        assert m["Auto-Submitted"] == "auto-generated"
        assert m["addresses"]["To"] == [f"{POSTFIX_USER}@localhost"]
        assert "Văn phòng HĐND và UBND phường" in m["To"]
        assert (f"thực hiện nhiệm vụ gửi Giấy mời Hội nghị, hoàn thành chậm nhất ngày "
                f"{datetime.date.fromisoformat(row['due']):%d/%m/%Y}.") in m["body"], m["body"]
        assert m["defects"] == []
        # Every header line nhacviec wrote is still plain ASCII after postfix (RFC 2047 kept as written).
        assert all(line.isascii() for line in m["raw_headers"]), m["raw_headers"]
        assert any(line.lower().startswith("subject: =?utf-8?") for line in m["raw_headers"]), m["raw_headers"]
        assert rows["giay-moi"]["last_sent"].endswith(" due"), rows["giay-moi"]
        assert log_lines(log, f"reminder sent to {POSTFIX_USER}@localhost")
        print(f"\npostfix start {postfix_start:.2f} s (0 = already running); delivered {delivered_after:.2f} s "
              f"after the daemon started")
    finally:
        if started_postfix:
            subprocess.run(["postfix", "stop"], capture_output=True, timeout=60)
        if created_user:
            subprocess.run(["userdel", "-r", POSTFIX_USER], capture_output=True, timeout=30)
            spool = pathlib.Path(postconf("mail_spool_directory")) / POSTFIX_USER
            if spool.exists():
                spool.unlink()
