"""Shared fixtures for the end-to-end tests: the built binary, scratch configs, real journald.

"Today" and the working days around it come from one helper, tools/vn_days.py (issue 17): no test may depend
on the kind of day the machine's date is. scripts/test runs the suite once on the real clock, then reruns
every test not marked `no_faketime` under libfaketime, pinned in turn to a Sunday, a Tết day off and the
make-up Saturday 2026-01-10.

The marker `no_faketime(REASON)` keeps a test (or, as `pytestmark`, a module) out of those pinned runs; the
reason is required and says why, for example: the test drives real postfix (the faked clock reaches its
daemons through sendmail), a container or the .deb under systemd (libfaketime cannot reach PID 1), or waits
on a CLOCK_MONOTONIC Dispatch timer of the daemon. libfaketime 0.9.10 moves the daemon's wall-clock timer
right (test_daemon.py proves it), but its timerfd_settime takes every absolute deadline for a CLOCK_REALTIME
one (wolfcw/libfaketime#378), so a monotonic timer (the watchdog, the STATUS throttle, the store probe, a
rehearsal's stop) is armed far in the future and fires only when something else wakes the daemon.

In those pinned runs the monotonic clock is faked too (without that, Python's time.sleep fails with EINVAL,
wolfcw/libfaketime#426). A Python wait with a timeout on a lock (threading.Event.wait(t), Thread.join(t)) then
never times out, because it waits with sem_clockwait, which libfaketime does not intercept: test code run there
sleeps with time.sleep and waits for processes with Popen.wait/communicate, which are fine.
"""
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TOOLS = ROOT / "Tests" / "e2e" / "tools"
sys.path.insert(0, str(TOOLS))

from vn_days import CATCH_UP_LIMIT, announced_holidays  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "no_faketime(reason): not rerun under libfaketime by scripts/test; the "
                                       "reason says why (see Tests/e2e/conftest.py)")


def pytest_collection_modifyitems(items):
    for item in items:
        for mark in item.iter_markers("no_faketime"):
            if not (mark.args and isinstance(mark.args[0], str) and mark.args[0].strip()):
                raise pytest.UsageError(f"{item.nodeid}: no_faketime needs a reason, e.g. "
                                        "pytest.mark.no_faketime(\"real postfix\")")


@pytest.fixture(scope="session")
def nhacviec():
    path = os.environ.get("NHACVIEC_BIN") or str(ROOT / ".build" / "debug" / "nhacviec")
    if not os.access(path, os.X_OK):
        pytest.fail(f"nhacviec binary not found at {path}: run `swift build` first (scripts/test does)")
    return path


JOURNAL_SOCKET = pathlib.Path("/run/systemd/journal/socket")


def journal_socket_live():
    """Whether a journald listens on the socket; a socket file left by a stopped journald refuses."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        s.connect(str(JOURNAL_SOCKET))
        return True
    except OSError:
        return False
    finally:
        s.close()


@pytest.fixture(scope="session")
def journald():
    """A journal socket: the system's, or a standalone systemd-journald started (and stopped) here."""
    if journal_socket_live():
        yield None
        return
    binary = "/lib/systemd/systemd-journald"
    if not os.access(binary, os.X_OK):
        pytest.fail("systemd-journald is missing: apt-get install -y systemd")
    if not pathlib.Path("/etc/machine-id").exists():
        subprocess.run(["systemd-machine-id-setup"], check=True, capture_output=True)
    for d in ("/run/systemd/journal", "/run/log/journal"):
        os.makedirs(d, exist_ok=True)
    proc = subprocess.Popen([binary], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(250):
        if journal_socket_live() or proc.poll() is not None:
            break
        time.sleep(0.02)
    if not journal_socket_live():
        proc.kill()
        proc.wait(timeout=10)
        pytest.fail("systemd-journald did not create its socket")
    yield proc
    proc.terminate()
    proc.wait(timeout=10)
    # journald leaves its sockets behind; a stale one would make the next session, and the daemon's
    # automatic choice of log target, believe that a journal listens.
    for name in ("socket", "stdout", "dev-log", "io.systemd.journal"):
        path = JOURNAL_SOCKET.parent / name
        if path.is_socket():
            path.unlink()


# The e2e main file. It carries the shipped file's announced days (so that Saturday 2026-01-10 is a working day
# here too) and a catch-up window longer than any run of days off (tools/vn_days.py, CATCH_UP_LIMIT).
MAIN = """mail:
  from: "Nhắc việc thử <nv@example.gov.vn>"
  sendmail: {sendmail}
  timeout: 10s
state: {state}
plans: plans.d
catch-up-limit: """ + CATCH_UP_LIMIT + "\n" + announced_holidays().replace("{", "{{").replace("}", "}}")

# The e2e plan. Tests that want a reminder due at start put `hop` on reminder_day(nhacviec), the last working
# day on or before today in Vietnam: a due day that is a day off would send its reminder on the working day
# before (shift: none, the default of `due: hop`, keeps only the due day there), so "today" would be right on
# some days and wrong on others. With send-at 00:00 the giay-moi reminder is then due at start, every day.
PLAN = """plan:
  id: e2e
  title: Kế hoạch kiểm thử
  authority: UBND phường Thử
  timezone: Asia/Ho_Chi_Minh
  send-at: "00:00"
  admin: admin@example.gov.vn
events:
  hop: {hop}
departments:
  vp: {{name: Văn phòng HĐND và UBND phường, email: vp@example.gov.vn}}
  ld: {{name: Chủ tịch UBND phường, email: ld@example.gov.vn}}
tasks:
  - id: giay-moi
    title: Gửi Giấy mời Hội nghị
    owner: vp
    due: hop
    remind: [0d]
    overdue: none
  - id: bao-cao
    title: Báo cáo kết quả
    owner: vp
    due: hop + 30d
    remind: [1wd, 0d]
"""


def write_config(tmp, sendmail, hop):
    """The e2e main file and plan in tmp, with the event `hop` on the date `hop` (a fixed date, or
    reminder_day(nhacviec) for a reminder due at start)."""
    (tmp / "plans.d").mkdir(exist_ok=True)
    (tmp / "nhacviec.yaml").write_text(MAIN.format(sendmail=sendmail, state=tmp / "state.sqlite"))
    (tmp / "plans.d" / "e2e.yaml").write_text(PLAN.format(hop=hop))
    return tmp / "nhacviec.yaml"


@pytest.fixture(scope="module")
def nspawn_boot(request, tmp_path_factory):
    """Boots containers for a module: `nspawn_boot(machine=…, prepare=…, …)` returns a booted tools/nspawn.py
    `Container` (the arguments are nspawn.boot's). Each is powered off when the module ends, unless the test powered
    it off itself (c.poweroff(), to look at the host afterwards), and systemd-nspawn must then have exited 0."""
    import nspawn

    booted = []

    def boot(**settings):
        container = nspawn.boot(request, tmp_path_factory.mktemp(settings["machine"]), **settings)
        booted.append(container)
        return container

    yield boot
    for container in booted:
        rc = container.poweroff()
        assert rc == 0, f"systemd-nspawn ({container.name}) exited {rc} after poweroff:\n{container.log_tail()}"


def wait_for(predicate, timeout=20.0, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
