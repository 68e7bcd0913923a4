"""nhacviec under real systemd 252 as PID 1, in a throw-away container.

What it does
------------
Boots `systemd-nspawn --boot` on a root that is an overlay of the host's /
with an upper directory on a tmpfs, all inside a private mount namespace
(`unshare -m --propagation private`). Everything the test writes (the
installed files, the nhacviec user, /var/lib/nhacviec, the journal) lands in
that tmpfs and vanishes with the namespace when the container powers off: the
host's /etc, /usr/local, users and journal are untouched (checked at the end).

Inside the container, through `nsenter -t <container PID 1> -a`:
  1. scripts/install from this repository, as root, DESTDIR empty,
     PREFIX=/usr/local, NHACVIEC_BINARY=<the binary under test>;
  2. a plan /etc/nhacviec/plans.d/e2e.yaml with a task due on the last
     working day on or before today, as the installed `nhacviec holidays`
     counts them (send-at 00:00 Asia/Ho_Chi_Minh, so it is sent at start as a
     catch-up on any day of the year: the test cannot fake PID 1's clock),
     catch-up-limit raised to cover the longest run of days off,
     and mail.sendmail pointed at /usr/local/share/nhacviec/test-sendmail,
     which keeps each message in /var/lib/nhacviec/outbox (the unit's
     StateDirectory, the one place ProtectSystem=strict lets it write).
     The shipped ba-don-2025 plan stays installed: its reminders are months
     in the past, beyond catch-up-limit, and are only logged as skipped;
  3. systemctl start / reload / status, journalctl -u -o json (and -x, for
     the installed catalog), `nhacviec status` and `nhacviec done` run by an
     office user in group nhacviec (runuser), a restart with a short
     WatchdogSec= drop-in, and systemctl stop, which must end in a clean
     "inactive (dead)" with Result=success;
  4. systemctl poweroff: systemd-nspawn exits 0, and the host is as before.

The boot and the end are tools/nspawn.py's, shared with test_debian_package.py (the fixture nspawn_boot in
conftest.py); this module gives the root (an overlay of /), what it binds and its own checks.

The binary: $NHACVIEC_BIN, or .build/debug/nhacviec (conftest's `nhacviec`
fixture). A debug build is fine here; it runs the same code paths and the same
runtime checks (exclusivity checking is on in release builds too).

Time box: the container is up in about 3-10 s; the module takes well under a
minute. Each command inside has its own timeout.

Needs: root, systemd-container (systemd-nspawn), util-linux (unshare,
nsenter, runuser), passwd (useradd, usermod). scripts/test installs
systemd-container. A missing tool is a FAILURE saying what to install. The
module SKIPS only if this machine cannot run a container at all (not root,
mount/unshare not permitted, overlayfs on / impossible, nspawn refused by
the kernel), and then says exactly why.

Run (as root, from the repository root):
    NHACVIEC_BIN=$PWD/.build/debug/nhacviec python3 -m pytest -v Tests/e2e/test_systemd_container.py
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from conftest import PLAN as CONFTEST_PLAN, ROOT  # conftest also puts Tests/e2e/tools on sys.path
from nspawn import CANNOT, Container, SENDMAIL_SCRIPT, OUTBOX, fetch_mail, loud, need, outbox, wait_active
from vn_days import CATCH_UP_LIMIT, WorkingDays

# Real systemd 252 as PID 1 in a container: libfaketime cannot reach it (scripts/test's pinned runs skip this);
# the plan takes its day from the installed `nhacviec holidays` instead, so it holds on any day.
pytestmark = pytest.mark.no_faketime("a container under systemd as PID 1, whose clock libfaketime cannot reach")

MACHINE = "nhacviec-e2e"
BOOT_TIMEOUT = 45.0          # seen: about 3 s; the recipe says about 10 s
CMD_TIMEOUT = 30.0

MSG_REMINDER_SENT = "c23f58e8ab1c416abfd53d32c8d2a7b3"
MSG_CONFIG_RELOADED = "6bfb60255c6040ec98f356fc32b9ec0e"
MSG_TASK_DONE = "cc3a092e93b14c1d82aa917e37a2693e"
MSG_DAEMON_STARTED = "4b4423e06dca40f38a3aa895bfca4435"
MSG_DAEMON_STOPPED = "dc7b368b699a49ec9dd71c4fa09da3bf"

SENDMAIL = "/usr/local/share/nhacviec/test-sendmail"   # nspawn.SENDMAIL_SCRIPT, which keeps each message in OUTBOX
CALENDARS = "/var/cache/nhacviec/calendar"

# The same plan as the other end-to-end tests, under its own title.
PLAN = CONFTEST_PLAN.replace("title: Kế hoạch kiểm thử\n", "title: Kế hoạch kiểm thử systemd\n", 1)
# Added before `systemctl reload`: due on the same day, so the reloaded daemon sends it at once.
RELOAD_TASK = """\
  - id: hop-mat
    title: Họp mặt sau Hội nghị
    owner: ld
    due: hop
    remind: [0d]
    overdue: none
"""

OFFICE_USER = "lan"


# --------------------------------------------------------------------------- the container

# The repository as the container sees it. It is always bound here, because the container's own systemd
# mounts a fresh tmpfs on /tmp at boot, which hides a checkout under /tmp (as CI's clone may be).
SRC = "/srv/nhacviec-e2e-src"


def inside(path) -> str:
    """A host path under the repository, as the container sees it."""
    path = os.path.realpath(str(path))
    return SRC + path[len(str(ROOT)):] if path == str(ROOT) or path.startswith(str(ROOT) + "/") else path


def _bind_options(binary: str) -> list[str]:
    """--bind-ro= for what the container needs but the overlay of / would not
    show: overlayfs does not descend into other mounts, so the binary or its
    Swift runtime (RUNPATH) on a separate file system are bound in read-only,
    and the repository always is, at SRC."""
    dirs = {os.path.dirname(os.path.realpath(binary))}
    ldd = subprocess.run(["ldd", binary], capture_output=True, text=True, timeout=30)
    for m in re.finditer(r"=> (/\S+)", ldd.stdout):
        dirs.add(os.path.dirname(os.path.realpath(m.group(1))))
    root_dev = os.stat("/").st_dev
    outside = [d for d in dirs if not inside(d).startswith(SRC)]
    return [f"--bind-ro={os.path.realpath(ROOT)}:{SRC}"] + sorted(
        f"--bind-ro={d}" for d in outside if os.path.isdir(d) and os.stat(d).st_dev != root_dev)


# The root (tools/nspawn.py's PREPARE): an overlay of the host's /, its upper directory on a tmpfs.
OVERLAY_OF_ROOT = """
if ! err=$(mount -t tmpfs -o size=2g,mode=0755 nhacviec-e2e "$W" 2>&1); then
    echo "CANNOT: mount -t tmpfs failed in a private mount namespace: $err"; exit {cannot}
fi
mkdir -p "$W/upper" "$W/work" "$W/root"
if ! err=$(mount -t overlay overlay -o lowerdir=/,upperdir="$W/upper",workdir="$W/work" "$W/root" 2>&1); then
    echo "CANNOT: overlay of / (lowerdir=/, upper on tmpfs) failed: $err"; exit {cannot}
fi
""".format(cannot=CANNOT)

# What the test creates in the container and must not appear on (or change) the host. Whole-file hashes
# of /etc/passwd would be wrong: other jobs on the machine may add users meanwhile (apt-get install postfix).
HOST_WATCH = ["/etc/systemd/system/nhacviec.service", "/etc/systemd/system/nhacviec.service.d",
              "/usr/local/bin/nhacviec", "/usr/local/share/nhacviec", "/usr/lib/systemd/catalog/nhacviec.catalog",
              "/usr/lib/sysusers.d/nhacviec.conf", "/usr/lib/tmpfiles.d/nhacviec.conf", "/etc/nhacviec",
              "/var/lib/nhacviec"]


def _host_snapshot() -> dict[str, str]:
    snap = {}
    for p in HOST_WATCH:
        path = Path(p)
        if path.is_file():
            snap[p] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            snap[p] = "dir" if path.is_dir() else "absent"
    for db in ("/etc/passwd", "/etc/group"):
        lines = Path(db).read_text().splitlines()
        snap[db] = " ".join(sorted(l for l in lines if l.split(":")[0] in ("nhacviec", OFFICE_USER)))
    return snap


@pytest.fixture(scope="module")
def container(request, nhacviec, nspawn_boot):
    t0 = time.monotonic()
    if os.geteuid() != 0:
        reason = (f"CANNOT RUN systemd-nspawn HERE: not root (euid {os.geteuid()}); mounting a tmpfs and an "
                  f"overlay and booting a container need root")
        loud(request, "SKIPPED test_systemd_container: " + reason, red=True)
        pytest.skip(reason)
    need("ldd", "libc-bin")
    host_before = _host_snapshot()
    timings: dict[str, float] = {}
    c = nspawn_boot(machine=MACHINE, prepare=OVERLAY_OF_ROOT, options=_bind_options(nhacviec),
                    boot_timeout=BOOT_TIMEOUT, cmd_timeout=CMD_TIMEOUT, journal_timeout=10.0, timings=timings,
                    may_skip=True)

    yield c

    rc = c.poweroff()     # before the host's snapshot; nspawn_boot checks rc == 0 afterwards
    timings["total"] = time.monotonic() - t0
    host_after = _host_snapshot()
    loud(request, "test_systemd_container timings: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
         + f"; nspawn exit {rc}")
    assert host_after == host_before, f"the host changed: before {host_before}, after {host_after}"


def e2e_mails(mails):
    return [m for m in mails if m[0][-1] in ("vp@example.gov.vn", "ld@example.gov.vn")]


def wait_outbox(c: Container, count: int, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    mails = []
    while time.monotonic() < deadline:
        mails = outbox(c)
        if len(mails) >= count:
            return mails
        time.sleep(0.1)
    raise AssertionError(f"expected {count} message(s) in {OUTBOX}, got {len(mails)}\n{c.diagnostics()}")


# --------------------------------------------------------------------------- install and start

@pytest.fixture(scope="module")
def service(container, nhacviec):
    c = container
    # Hermetic even if the host had nhacviec installed: its files are hidden (whiteouts in the upper tmpfs).
    c.sh("rm -rf /etc/nhacviec /var/lib/nhacviec /etc/systemd/system/nhacviec.service.d "
         "/usr/local/share/nhacviec /usr/local/bin/nhacviec")
    t = time.monotonic()
    install = c.run("bash", inside(ROOT / "scripts/install"),
                    env={"NHACVIEC_BINARY": inside(nhacviec), "PREFIX": "/usr/local", "DESTDIR": ""},
                    timeout=60)
    c.timings["install"] = time.monotonic() - t

    c.put(SENDMAIL, SENDMAIL_SCRIPT, mode="0755")
    main = c.read("/etc/nhacviec/nhacviec.yaml")
    patched, n = re.subn(r"(?m)^  sendmail: .*$", f"  sendmail: {SENDMAIL} -oi", main)
    assert n == 1, f"no 'mail.sendmail:' line to point at the test sendmail in the shipped nhacviec.yaml:\n{main}"
    # The calendar files, where the docs put them: in the unit's CacheDirectory=.
    patched, n = re.subn(r"(?m)^# calendar-dir: (.*)$", r"calendar-dir: \1", patched)
    assert n == 1 and f"calendar-dir: {CALENDARS}" in patched, "no commented calendar-dir in the shipped nhacviec.yaml"
    # Long enough for the reminder of the last working day before the longest run of days off (tools/vn_days.py).
    patched, n = re.subn(r"(?m)^catch-up-limit: .*$", f"catch-up-limit: {CATCH_UP_LIMIT}", patched)
    assert n == 1, f"no catch-up-limit in the shipped nhacviec.yaml:\n{patched}"
    c.put("/etc/nhacviec/nhacviec.yaml", patched, mode="0640", owner="root:nhacviec")
    # The day of the e2e plan's event, from the installed binary over the installed main file (the daemon's
    # calendar): the last working day on or before today, whose due-day reminder is due at start.
    day = WorkingDays(lambda year: c.run("nhacviec", "holidays", str(year), "--format", "json").stdout).reminder_day()
    c.put("/etc/nhacviec/plans.d/e2e.yaml", PLAN.format(hop=day), mode="0640", owner="root:nhacviec")
    check = c.run("nhacviec", "check", check=False)
    assert check.returncode == 0, f"nhacviec check:\n{check.stdout}\n{check.stderr}"

    t = time.monotonic()
    start = c.run("systemctl", "start", "nhacviec", check=False, timeout=60)
    assert start.returncode == 0, f"systemctl start nhacviec failed: {start.stderr}\n{c.diagnostics()}"
    props = wait_active(c, "after systemctl start")
    c.timings["start"] = time.monotonic() - t
    # As the installer tells the admin. It also keeps the unit loaded once stopped: an unreferenced
    # inactive unit is garbage-collected, and `systemctl show` would then report fresh defaults
    # (Result=success, ExecMainCode=0) whatever happened.
    c.run("systemctl", "enable", "nhacviec")
    return {"day": day.isoformat(), "install": install, "props": props, "invocation": props["InvocationID"]}


def test_installer_ran_live(container, service):
    c = container
    out = service["install"].stdout
    for step in ("+ systemd-sysusers", "+ systemd-tmpfiles --create", "+ journalctl --update-catalog",
                 "+ systemctl daemon-reload"):
        assert step in out, f"installer did not run {step!r}:\n{out}"
    assert c.run("getent", "passwd", "nhacviec").stdout.split(":")[6].strip().endswith("nologin")
    shipped = [f"/etc/nhacviec/plans.d/{p.name}" for p in sorted((ROOT / "config/plans.d").glob("*.yaml"))]
    stat = c.run("stat", "-c", "%a %U:%G %n", "/etc/nhacviec", "/etc/nhacviec/plans.d", "/etc/nhacviec/nhacviec.yaml",
                 *shipped).stdout.splitlines()
    assert stat == ["750 root:nhacviec /etc/nhacviec", "750 root:nhacviec /etc/nhacviec/plans.d",
                    "640 root:nhacviec /etc/nhacviec/nhacviec.yaml", *[f"640 root:nhacviec {p}" for p in shipped]], stat
    unit = c.show("nhacviec", "FragmentPath", "ExecStart", "User", "Type")
    assert unit["FragmentPath"] == "/etc/systemd/system/nhacviec.service"
    assert "path=/usr/local/bin/nhacviec" in unit["ExecStart"] and unit["User"] == "nhacviec"
    assert unit["Type"] == "notify"
    catalog = c.run("journalctl", "--no-pager", "--list-catalog", MSG_REMINDER_SENT).stdout
    assert MSG_REMINDER_SENT in catalog, catalog


def test_start_sends_the_due_reminder(container, service, tmp_path):
    c = container
    wait_outbox(c, 1)
    # Only the e2e plan's mail is due. (The shipped plans' reminders are long past and only logged
    # as skipped; the filter keeps this true on a machine whose clock says otherwise.)
    mails = e2e_mails(outbox(c))
    assert len(mails) == 1, f"one e2e reminder is due at start; got {[m[0] for m in mails]}"
    argv, path = mails[0]
    assert argv == ["-oi", "-f", "nhacviec@badon.example.gov.vn", "--", "vp@example.gov.vn"], argv
    mail = fetch_mail(c, path, tmp_path / "giay-moi.eml")
    assert mail["addresses"]["To"] == ["vp@example.gov.vn"]
    assert "V/v gửi Giấy mời Hội nghị" in mail["Subject"], mail["Subject"]  # lowercased after V/v
    assert mail["Message-ID"].endswith(f".giay-moi.e2e@badon.example.gov.vn>"), mail["Message-ID"]
    # The state file staff write to: group nhacviec, 0660 (the daemon chmods it itself, see the unit's UMask note).
    st = c.run("stat", "-c", "%a %U:%G", "/var/lib/nhacviec", "/var/lib/nhacviec/state.sqlite").stdout.split("\n")
    assert st[:2] == ["770 nhacviec:nhacviec", "660 nhacviec:nhacviec"], st

    # The journal: the structured reminder-sent entry, from this invocation of the unit.
    sent = c.wait_journal("-u", "nhacviec", f"MESSAGE_ID={MSG_REMINDER_SENT}", "NHACVIEC_PLAN=e2e")
    assert len(sent) == 1, sent
    e = sent[0]
    assert e["_SYSTEMD_INVOCATION_ID"] == service["invocation"]
    assert (e["NHACVIEC_TASK"], e["NHACVIEC_KIND"], e["NHACVIEC_DUE"]) == ("giay-moi", "due", service["day"]), e
    assert e["NHACVIEC_RECIPIENTS"] == "vp@example.gov.vn" and e["NHACVIEC_DEPARTMENT"] == "vp", e
    assert e["NHACVIEC_MAIL_ID"] == mail["Message-ID"], (e["NHACVIEC_MAIL_ID"], mail["Message-ID"])
    assert e["NHACVIEC_ATTEMPT"] == "1" and e["PRIORITY"] == "6" and e["SYSLOG_IDENTIFIER"] == "nhacviec", e
    assert e["_UID"] != "0" and e["_COMM"] == "nhacviec", e
    started = c.wait_journal("-u", "nhacviec", f"MESSAGE_ID={MSG_DAEMON_STARTED}",
                        f"_SYSTEMD_INVOCATION_ID={service['invocation']}")
    assert len(started) == 1, started
    # ... and the catalog entry the installer put in, with the fields filled in.
    explained = c.run("journalctl", "--no-pager", "-x", "-u", "nhacviec", f"MESSAGE_ID={MSG_REMINDER_SENT}",
                      "NHACVIEC_PLAN=e2e").stdout
    assert 'Reminder for "giay-moi" sent (due)' in explained, explained
    assert f"Message-ID: {mail['Message-ID']}" in explained, explained


def test_status_line(container, service):
    c = container
    status = c.run("systemctl", "status", "--no-pager", "nhacviec", check=False)
    assert status.returncode == 0, status.stdout
    m = re.search(r'^\s*Status: "(.*)"$', status.stdout, re.M)
    assert m, f"no Status: line in systemctl status:\n{status.stdout}"
    assert re.search(r"\d+ pending, \d+ overdue$", m.group(1)), m.group(1)
    assert re.match(r"next: \S+/\S+ \S+ at \d{4}-\d\d-\d\dT", m.group(1)), m.group(1)   # e2e/bao-cao at the latest
    assert c.show("nhacviec", "StatusText")["StatusText"] == m.group(1)


def test_reload_applies_the_new_plan_and_stays_active(container, service, tmp_path):
    c = container
    before = wait_active(c, "before reload")
    plan = c.read("/etc/nhacviec/plans.d/e2e.yaml")
    if "id: hop-mat" not in plan:
        c.put("/etc/nhacviec/plans.d/e2e.yaml", plan + RELOAD_TASK, mode="0640", owner="root:nhacviec")
    t = time.monotonic()
    c.run("systemctl", "reload", "nhacviec", timeout=30)
    after = wait_active(c, "after systemctl reload")
    c.timings["reload"] = time.monotonic() - t
    assert after["MainPID"] == before["MainPID"], "reload must not restart the daemon"
    reloaded = c.wait_journal("-u", "nhacviec", f"MESSAGE_ID={MSG_CONFIG_RELOADED}",
                         f"_SYSTEMD_INVOCATION_ID={service['invocation']}")
    assert len(reloaded) == 1, reloaded
    assert "configuration reloaded: 2 plans" in reloaded[0]["MESSAGE"], reloaded[0]["MESSAGE"]
    # The task added before the reload is due on the same day: the reloaded daemon sends it.
    deadline = time.monotonic() + 20
    while len(mails := e2e_mails(outbox(c))) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(mails) == 2, f"the reloaded plan's new task was not sent: {[m[0] for m in mails]}\n{c.diagnostics()}"
    assert mails[1][0][-1] == "ld@example.gov.vn", mails[1][0]
    assert "V/v họp mặt sau Hội nghị" in fetch_mail(c, mails[1][1], tmp_path / "hop-mat.eml")["Subject"]


def test_calendar_files_in_the_cache_directory(container, service):
    """CacheDirectory= gives the sandboxed daemon /var/cache/nhacviec (0755); it creates calendar/ 0775 and writes
    every plan's and department's file 0644, readable by a web server."""
    c = container
    names = ["e2e.ics", "e2e.vp.ics", "e2e.ld.ics", "ba-don-2025.ics", "ba-don-2025.cong-an.ics"]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and c.run("test", "-f", f"{CALENDARS}/e2e.ld.ics", check=False).returncode != 0:
        time.sleep(0.1)
    st = c.run("stat", "-c", "%a %U:%G %n", "/var/cache/nhacviec", CALENDARS,
               *[f"{CALENDARS}/{n}" for n in names], check=False)
    assert st.returncode == 0, f"{st.stderr}\n{c.diagnostics()}"
    assert st.stdout.splitlines() == ["755 nhacviec:nhacviec /var/cache/nhacviec", f"775 nhacviec:nhacviec {CALENDARS}",
                                      *[f"644 nhacviec:nhacviec {CALENDARS}/{n}" for n in names]], st.stdout
    text = c.read(f"{CALENDARS}/e2e.ics")
    assert "BEGIN:VEVENT" in text and "UID:e2e/bao-cao@nhacviec" in text, text
    assert "could not be written" not in c.run("journalctl", "--no-pager", "-u", "nhacviec").stdout


def test_office_user_status_and_done(container, service):
    c = container
    if c.run("getent", "passwd", OFFICE_USER, check=False).returncode != 0:
        c.run("useradd", "--create-home", "--shell", "/bin/bash", OFFICE_USER)
        c.run("usermod", "-aG", "nhacviec", OFFICE_USER)      # as the sysusers file tells the admin to
    assert "nhacviec" in c.run("id", "-nG", OFFICE_USER).stdout.split()
    uid = c.run("id", "-u", OFFICE_USER).stdout.strip()

    def as_office(*args):
        return c.run("runuser", "-u", OFFICE_USER, "--", "nhacviec", *args, check=False)

    status = as_office("status", "--format", "json")
    assert status.returncode == 0, f"nhacviec status as {OFFICE_USER}: {status.stderr}"
    rows = {(r["plan"], r["task"]): r for r in map(json.loads, status.stdout.splitlines())}
    assert rows[("e2e", "giay-moi")]["last_sent"] == f"{service['day']} due", rows[("e2e", "giay-moi")]
    assert rows[("e2e", "bao-cao")]["state"] == "pending", rows[("e2e", "bao-cao")]
    table = as_office("status")
    assert table.returncode == 0 and "e2e" in table.stdout and "bao-cao" in table.stdout, table.stdout + table.stderr

    done = as_office("done", "e2e", "bao-cao", "--note", "số 12/BC-UBND")
    assert done.returncode == 0, (f"`nhacviec done e2e bao-cao` as {OFFICE_USER} (group nhacviec) exited "
                                  f"{done.returncode}:\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr[-4000:]}")
    assert "e2e/bao-cao: done" in done.stdout, done.stdout
    rows = {(r["plan"], r["task"]): r for r in map(json.loads, as_office("status", "--format", "json").stdout.splitlines())}
    assert rows[("e2e", "bao-cao")]["state"] == "done", rows[("e2e", "bao-cao")]
    assert rows[("e2e", "bao-cao")]["done_by"] == OFFICE_USER, rows[("e2e", "bao-cao")]
    # The staff member rewrote the calendar files in the daemon's cache directory (calendar/ is 0775).
    assert "warning" not in done.stderr, done.stderr
    assert "SUMMARY:✓ Báo cáo kết quả" in c.read(f"{CALENDARS}/e2e.vp.ics")
    assert "SUMMARY:✓ Báo cáo kết quả" in c.read(f"{CALENDARS}/e2e.ics")
    marked = c.wait_journal(f"MESSAGE_ID={MSG_TASK_DONE}", "NHACVIEC_PLAN=e2e", "NHACVIEC_TASK=bao-cao")
    assert len(marked) == 1 and marked[0]["_UID"] == uid, marked
    # The staff's write went through WAL next to the daemon's connection; the daemon did not mind.
    wait_active(c, "after the office commands")
    st = c.run("stat", "-c", "%a %U:%G", "/var/lib/nhacviec/state.sqlite").stdout.strip()
    assert st == "660 nhacviec:nhacviec", st


def test_restart_with_a_short_watchdog(container, service):
    """WATCHDOG=1 pings from the sandboxed daemon reach PID 1 (NotifyAccess=main):
    with WatchdogSec=2s it must still be the same process after 5 s. The restart
    also must not resend what the ledger already holds."""
    c = container
    sent_before = len(outbox(c))
    c.put("/etc/systemd/system/nhacviec.service.d/e2e-watchdog.conf", "[Service]\nWatchdogSec=2s\n")
    c.run("systemctl", "daemon-reload")
    c.run("systemctl", "restart", "nhacviec", timeout=60)
    props = wait_active(c, "after restart")
    time.sleep(5)
    later = wait_active(c, "5 s after restart with WatchdogSec=2s")
    assert later["MainPID"] == props["MainPID"], "killed by the watchdog?\n" + c.diagnostics()
    wd = c.show("nhacviec", "WatchdogUSec", "WatchdogTimestampMonotonic")
    assert wd["WatchdogUSec"] == "2s", wd
    assert int(wd["WatchdogTimestampMonotonic"]) > 0, wd
    assert len(outbox(c)) == sent_before, "a restart resent reminders that the ledger records as sent"
    c.run("rm", "-f", "/etc/systemd/system/nhacviec.service.d/e2e-watchdog.conf")
    c.run("systemctl", "daemon-reload")


def test_stop_is_clean(container, service):
    c = container
    running = wait_active(c, "before stop")
    invocation, pid = running["InvocationID"], running["MainPID"]
    t = time.monotonic()
    c.run("systemctl", "stop", "nhacviec", timeout=120)
    c.timings["stop"] = time.monotonic() - t
    props = c.show("nhacviec", "ActiveState", "SubState", "Result", "ExecMainCode", "ExecMainStatus", "NRestarts")
    assert props == {"ActiveState": "inactive", "SubState": "dead", "Result": "success", "ExecMainCode": "1",
                     "ExecMainStatus": "0", "NRestarts": "0"}, f"{props}\n{c.diagnostics()}"
    assert c.run("systemctl", "is-failed", "nhacviec", check=False).stdout.strip() == "inactive"
    # "nhacviec stopped" is the daemon's last entry, sent just before exit(0). journald 252 adds _SYSTEMD_UNIT and
    # _SYSTEMD_INVOCATION_ID from /proc/PID when it reads the datagram, or from its cache of the sender if that is
    # under 5 s old. This daemon last logged over 5 s before (the restart test above waits 5 s), so when journald
    # reads the entry after the process has gone, the entry has no unit fields and `journalctl -u nhacviec` cannot
    # find it: the one unexplained failure of this test (seen again in 1 stop of 20 under load, and in every stop
    # with journald held by SIGSTOP meanwhile). _PID comes with the datagram itself (SCM_CREDENTIALS) and is never
    # lost: find the entry by the invocation's main PID, tied to the invocation by the same process's start entry.
    began = c.wait_journal(f"_PID={pid}", f"MESSAGE_ID={MSG_DAEMON_STARTED}")
    assert [e.get("_SYSTEMD_INVOCATION_ID") for e in began] == [invocation], began
    stopped = c.wait_journal(f"_PID={pid}", f"MESSAGE_ID={MSG_DAEMON_STOPPED}")
    assert len(stopped) == 1 and stopped[0]["SYSLOG_IDENTIFIER"] == "nhacviec", stopped
    assert stopped[0].get("_SYSTEMD_INVOCATION_ID", invocation) == invocation, stopped
    # PID 1's own word on it: "Deactivated successfully" (UNIT_SUCCESS), no failure or exit-code entries.
    c.wait_journal("_PID=1", "UNIT=nhacviec.service", f"INVOCATION_ID={invocation}",
                   "MESSAGE_ID=7ad2d189f7e94e70a38c781354912448")
    manager = c.journal("_PID=1", "UNIT=nhacviec.service", f"INVOCATION_ID={invocation}")
    ids = {e.get("MESSAGE_ID") for e in manager}
    assert "7ad2d189f7e94e70a38c781354912448" in ids, [e["MESSAGE"] for e in manager]
    bad = [e["MESSAGE"] for e in manager if e.get("MESSAGE_ID") in (
        "d9b373ed55a64feb8242e02dbe79a49c",     # UNIT_FAILURE_RESULT
        "98e322203f7a4ed290d09fe03c09fe15",     # UNIT_PROCESS_EXIT (main process killed / non-zero)
        "5eb03494b6584870a536b337290809b3")]    # UNIT_RESTART_SCHEDULED
    assert not bad, bad
    assert c.timings["stop"] < 10, f"stop took {c.timings['stop']:.1f} s (no sendmail was in flight)"
