"""The daemon as a real process: real sendmail-compatible scripts, the real SQLite file, signals."""
import base64
import contextlib
import datetime
import email
import email.policy
import email.utils
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import time

import pytest

from conftest import ROOT, TOOLS, wait_for, write_config
from mailparse import maildir_messages, parse
from vn_days import HCM, reminder_day, today_hcm, working_days


def start_daemon(nhacviec, config, env=None):
    return subprocess.Popen([nhacviec, "run", "--config", str(config)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "NHACVIEC_LOG": "stderr", **(env or {})})


def records(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def test_check_reports_every_problem_with_its_place(nhacviec, tmp_path):
    config = write_config(tmp_path, "/bin/true", "2025-12-19")
    plan = tmp_path / "plans.d" / "e2e.yaml"
    plan.write_text(plan.read_text().replace("due: hop\n", "due: hopp\n").replace("owner: vp\n    due: hop + 30d", "owner: vpp\n    due: hop + 30d"))
    result = subprocess.run([nhacviec, "check", "--config", str(config)], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{plan}:17:10: error: due refers to undefined event 'hopp'; did you mean 'hop'?" in result.stderr
    assert f"{plan}:22:12: error: owner 'vpp' is not a department of this plan; did you mean 'vp'?" in result.stderr


def test_check_accepts_the_shipped_configuration(nhacviec):
    result = subprocess.run([nhacviec, "check", "--config", str(ROOT / "config/nhacviec.yaml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "OK: 1 plan" in result.stdout


def test_run_exits_78_on_a_broken_configuration(nhacviec, tmp_path):
    config = write_config(tmp_path, "/bin/true", "2025-12-19")
    (tmp_path / "plans.d" / "broken.yaml").write_text("plan: [oops\n")
    result = subprocess.run([nhacviec, "run", "--config", str(config)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 78
    assert "broken.yaml:" in result.stderr


def test_daemon_sends_what_is_due_records_it_and_survives_a_broken_reload(nhacviec, tmp_path):
    record = tmp_path / "record.jsonl"
    hop = reminder_day(nhacviec)  # the last working day on or before today: its reminder is due at start
    config = write_config(tmp_path, f"{TOOLS}/sendmail-record -oi", hop)
    daemon = start_daemon(nhacviec, config, {"RECORD_FILE": str(record)})
    try:
        wait_for(lambda: records(record), what="the due-day reminder")
        sent = records(record)
        assert len(sent) == 1
        assert sent[0]["argv"][1:] == ["-oi", "-f", "nv@example.gov.vn", "--", "vp@example.gov.vn"]
        status = subprocess.run([nhacviec, "status", "--config", str(config), "--format", "json"], capture_output=True, text=True)
        rows = {json.loads(l)["task"]: json.loads(l) for l in status.stdout.splitlines()}
        assert rows["giay-moi"]["last_sent"] == f"{hop} due", status.stdout
        assert rows["bao-cao"]["state"] == "pending"
        # A broken plan on SIGHUP is rejected; the daemon keeps running.
        plan = tmp_path / "plans.d" / "e2e.yaml"
        good = plan.read_text()
        plan.write_text(good.replace("owner: vp\n    due: hop\n", "owner: nobody\n    due: hop\n"))
        daemon.send_signal(signal.SIGHUP)
        done = subprocess.run([nhacviec, "done", "--config", str(config), "e2e", "bao-cao", "--by", "Lan"], capture_output=True, text=True)
        assert done.returncode == 1  # the broken configuration makes the CLI refuse too, naming the file
        plan.write_text(good)
        done = subprocess.run([nhacviec, "done", "--config", str(config), "e2e", "bao-cao", "--by", "Lan"], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert daemon.poll() is None, "the daemon must survive a broken reload"
    finally:
        daemon.send_signal(signal.SIGTERM)
        out, err = daemon.communicate(timeout=30)
    assert daemon.returncode == 0, err
    assert "configuration rejected" in err
    assert "owner 'nobody' is not a department" in err
    # A restart never resends what was delivered.
    daemon = start_daemon(nhacviec, config, {"RECORD_FILE": str(record)})
    try:
        wait_for(lambda: "nhacviec started" in (daemon.stderr.readline() or ""), what="restart")
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.communicate(timeout=30)
    assert len(records(record)) == 1


def test_a_corrupt_state_file_stops_the_daemon_and_is_left_alone(nhacviec, tmp_path):
    config = write_config(tmp_path, "/bin/true", "2025-12-19")
    state = tmp_path / "state.sqlite"
    state.write_bytes(b"not a database" * 1000)
    result = subprocess.run([nhacviec, "run", "--config", str(config)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert "restore the file from a backup" in result.stderr
    assert state.read_bytes() == b"not a database" * 1000


# Reads no date: it rehearses a fixed window on a virtual clock. And it cannot pass under libfaketime: the
# rehearsal stops at --until on a CLOCK_MONOTONIC Dispatch timer, which libfaketime 0.9.10 arms far in the future
# (wolfcw/libfaketime#378), so the stop waits for the next wall-clock timer and the digest of Monday 2 March goes
# out past --until (105 messages instead of 104 in 10 of 24 rehearsals under faketime here, in none of 7 without).
@pytest.mark.no_faketime("the rehearsal's stop is a CLOCK_MONOTONIC Dispatch timer, which libfaketime 0.9.10 breaks")
def test_rehearsal_delivers_the_ba_don_schedule_as_real_vietnamese_mail(nhacviec, tmp_path):
    maildir = tmp_path / "Maildir"
    result = subprocess.run([nhacviec, "run", "--config", str(ROOT / "config/nhacviec.yaml"), "--rehearse-from", "2025-11-01",
                             "--until", "2026-02-28", "--speed", "1000000", "--maildir", str(maildir)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    schedule = subprocess.run([nhacviec, "schedule", "--config", str(ROOT / "config/nhacviec.yaml"), "--from", "2025-11-01",
                               "--to", "2026-02-28", "--format", "json"], capture_output=True, text=True, check=True)
    expected = [json.loads(l) for l in schedule.stdout.splitlines() if '"waiting"' not in l]
    paths = maildir_messages(str(maildir))
    messages = [parse(p) for p in paths]
    # One mail per department and instant (issue 19): the rows that go to the same addresses at the same instant
    # share one mail; an escalation names one late task, so each is a mail of its own.
    mails = {(r.get("plan"), r["at"], tuple(r["to"]), r["task"] if r["kind"] == "escalation" else "") for r in expected}
    assert len(messages) == len(mails) < len(expected)
    assert len({m["Message-ID"] for m in messages}) == len(messages)
    subjects = [m["Subject"] for m in messages]
    # The title is lowercased after V/v, and the conference's date is tentative in the shipped plan: "(dự kiến)".
    assert "[Nhắc việc] V/v tham mưu Giấy mời Hội nghị đối thoại năm 2025 – chậm nhất ngày 12/12/2025 (dự kiến)" in subjects, subjects
    assert ("[Chậm tiến độ] Văn phòng HĐND và UBND phường chưa hoàn thành: V/v tham mưu Giấy mời Hội nghị đối thoại năm 2025"
            " – chậm nhất ngày 12/12/2025 (dự kiến)") in subjects, subjects
    # Every subject of the rehearsal fits in 150 characters (the escalation to seven units once took 363).
    assert max(len(s) for s in subjects) <= 150, max(subjects, key=len)
    assert not any("Báo cáo quá hạn" in s for s in subjects), subjects
    for m in messages:
        assert m["Auto-Submitted"] == "auto-generated"
        assert m["In-Reply-To"] and m["References"] and m["In-Reply-To"] in m["References"]
        assert "không phải văn bản chính thức" in m["body"]
        assert "\nTrân trọng./.\n" in m["body"]
        assert m["body"].startswith("Kính gửi: "), m["body"]
    for path in paths:  # every line nhacviec wrote (the Maildir writer's own Delivered-To line aside)
        lines = open(path, "rb").read().split(b"\r\n")
        ours = [l for l in lines if not l.startswith((b"Delivered-To:", b"Return-Path:"))]
        assert max(len(l) for l in ours) <= 78, path
    threads = {}
    for m in messages:
        threads.setdefault(m["In-Reply-To"], set()).add(m["Subject"].split(" V/v ")[1].split(" – ")[0])
    # A mail about one task is in that task's thread, with one title; a subject cut to 150 characters keeps the
    # beginning of its title, marked "…". A mail about several tasks is in its department's thread for the plan,
    # and a digest in the digest thread of its address.
    tasks = {r["task"] for r in expected if "task" in r}
    departments = set(re.findall(r"(?m)^  ([a-z0-9-]+):\n    name:", (ROOT / "config/plans.d/ba-don-2025.yaml").read_text()))
    assert departments, "the departments of the shipped plan"
    kinds = {"task": 0, "department": 0, "digest": 0}
    for thread, titles in threads.items():
        local = thread.strip("<>").split("@")[0]
        if local.startswith("digest."):
            kinds["digest"] += 1
            continue
        owner, plan = local.rsplit(".", 1)
        assert plan == "ba-don-2025", thread
        if owner in tasks:
            kinds["task"] += 1
            full = max(titles, key=len)
            assert all(full.startswith(t.removesuffix("…")) for t in titles), ("one thread per task", titles)
        else:
            assert owner in departments, thread
            kinds["department"] += 1
    assert all(kinds.values()), kinds
    assert "Delivered to" in result.stdout


def test_check_reports_a_broken_mail_template_in_the_plan_file(nhacviec, tmp_path):
    config = write_config(tmp_path, "/bin/true", "2025-12-19")
    plan = tmp_path / "plans.d" / "e2e.yaml"
    plan.write_text(plan.read_text() + 'templates:\n  subject: "{{#title}} thiếu đóng"\n')
    result = subprocess.run([nhacviec, "check", "--config", str(config)], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{plan}:25:1: error: subject template, line 1, column" in result.stderr, result.stderr


def test_sigterm_lets_a_sendmail_in_flight_finish_within_its_bound_then_exits_0(nhacviec, tmp_path):
    config = write_config(tmp_path, f"{TOOLS}/sendmail-hang", reminder_day(nhacviec))
    config.write_text(config.read_text().replace("timeout: 10s", "timeout: 3s"))
    pid_file = tmp_path / "hang.pid"
    daemon = start_daemon(nhacviec, config, {"PID_FILE": str(pid_file)})
    wait_for(lambda: pid_file.exists() and pid_file.read_text().strip(), what="sendmail to start")
    started = time.time()
    daemon.send_signal(signal.SIGTERM)
    out, err = daemon.communicate(timeout=30)
    elapsed = time.time() - started
    assert daemon.returncode == 0, err
    assert 2.0 <= elapsed <= 15, elapsed  # waited for the hung sendmail's 3 s timeout, not forever
    assert "did not finish within 3 s" in err
    assert "nhacviec stopped" in err
    status = subprocess.run([nhacviec, "status", "--config", str(config), "--format", "json"], capture_output=True, text=True)
    assert all(json.loads(l)["last_sent"] == "" for l in status.stdout.splitlines()), "a failed send is never recorded as sent"


def faketime():
    """The faketime wrapper (Debian package faketime). It starts the program under libfaketime with the shared
    clock set up (FAKETIME_SHARED). libfaketime preloaded by hand without it sets that variable itself when the
    program starts, and the Swift binary then sees no arguments at all (seen with libfaketime 0.9.10)."""
    path = shutil.which("faketime")
    if path is None:
        pytest.fail("faketime is missing: apt-get install -y faketime (scripts/test installs it)", pytrace=False)
    return path


def child_of(parent, name, timeout=10):
    """The pid of `parent`'s child process called `name`."""
    def find():
        try:
            kids = pathlib.Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
            return next((int(k) for k in kids if pathlib.Path(f"/proc/{k}/comm").read_text().strip() == name), None)
        except OSError:
            return None
    return wait_for(find, timeout=timeout, what=f"{name} under pid {parent}")


def cpu_seconds(pid):
    """User plus system CPU time of a process so far."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_the_wall_clock_timer_fires_at_send_at_under_a_faked_clock(nhacviec, tmp_path):
    """The daemon sleeps on one wall-clock Dispatch timer (a timerfd on CLOCK_REALTIME, TFD_TIMER_ABSTIME) until
    the next reminder. Started under libfaketime at 09:59:55 (Asia/Ho_Chi_Minh) of a working day, with send-at
    10:00, it must sleep for 5 s and then send the reminder: libfaketime has to move the absolute deadline the
    daemon computed on the faked clock back onto the real one. Without that (seen with a preloaded shim that hands
    timerfd_settime to the kernel as is), a faked instant in the real future never fires, and one in the real past
    fires at once, again and again: libdispatch re-checks its own (faked) clock and re-arms, spinning a core until
    10:00, when the reminder goes out on time after all. Hence the test demands both the send at 10:00 and a
    daemon that slept meanwhile (under 0.5 s of CPU over the 3 s before); either failure says so, loudly.

    The daemon gets a libfaketime of its own (its FAKETIME replaces any it inherits), so this holds in the normal
    run and in scripts/test's pinned runs alike. The working day is the first on or after today in the tests'
    calendar: under the pin to Saturday 2026-01-10 it is that make-up working day itself.

    libfaketime 0.9.10 moves only this wall-clock timer correctly: it takes CLOCK_MONOTONIC deadlines for wall-clock
    ones too (wolfcw/libfaketime#378), so the daemon's monotonic timers (watchdog, STATUS throttle, store probe, a
    rehearsal's stop) do not fire on their own under it; see conftest.py, marker no_faketime."""
    day = working_days(nhacviec).on_or_after(today_hcm())
    start = datetime.datetime.combine(day, datetime.time(9, 59, 55), HCM)
    record = tmp_path / "record.jsonl"
    config = write_config(tmp_path, f"{TOOLS}/sendmail-record -oi", day.isoformat())
    plan = tmp_path / "plans.d" / "e2e.yaml"
    plan.write_text(plan.read_text().replace('send-at: "00:00"', 'send-at: "10:00"'))
    # A fake clock of the daemon's own, faked as scripts/test's pinned runs fake it (-m: the thread-safe library;
    # the monotonic clock faked too): nothing inherited from a faketime around pytest (its shared clock would move
    # the start), and the '@' time read in UTC.
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAKETIME") and k != "LD_PRELOAD"}
    env.update(TZ="UTC", NHACVIEC_LOG="stderr", RECORD_FILE=str(record))
    fake = "@" + start.astimezone(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    log = tmp_path / "daemon.log"
    t0 = time.monotonic()
    with open(log, "w") as out:
        wrapper = subprocess.Popen([faketime(), "-m", "-f", fake, nhacviec, "run", "--config", str(config)],
                                   stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env)
    try:
        daemon = child_of(wrapper.pid, "nhacviec")
        started = wait_for(lambda: [l for l in log.read_text().splitlines() if "nhacviec started" in l], what="the start")
        # The daemon runs on the faked clock: its log stamps the start 09:59:5x on `day` (in UTC, TZ=UTC).
        stamp = datetime.datetime.strptime(started[0].split(" ", 1)[0], "%Y-%m-%dT%H:%M:%S%z")
        assert start <= stamp < start + datetime.timedelta(seconds=5), f"the daemon's clock is not faked: {started[0]}"
        time.sleep(max(0.0, t0 + 1.0 - time.monotonic()))
        cpu_before = cpu_seconds(daemon)
        time.sleep(max(0.0, t0 + 4.0 - time.monotonic()))
        cpu_waiting = cpu_seconds(daemon) - cpu_before
        assert not records(record), ("LIBFAKETIME DOES NOT MOVE THE DAEMON'S WALL-CLOCK TIMER: the 10:00 reminder "
                                     f"went out {time.monotonic() - t0:.1f} s after a start at 09:59:55 (faked)\n"
                                     f"{log.read_text()}")
        assert cpu_waiting < 0.5, ("LIBFAKETIME DOES NOT MOVE THE DAEMON'S WALL-CLOCK TIMER: the daemon spun "
                                   f"{cpu_waiting:.2f} s of CPU in the 3 s before 10:00 instead of sleeping")
        try:
            wait_for(lambda: records(record), timeout=15, what="the 10:00 reminder")
        except AssertionError:
            raise AssertionError("LIBFAKETIME DOES NOT MOVE THE DAEMON'S WALL-CLOCK TIMER: no reminder 19 s after "
                                 f"a start at 09:59:55 (faked) with send-at 10:00\n{log.read_text()}") from None
        sent_after = time.monotonic() - t0
        assert wrapper.poll() is None, log.read_text()
        os.kill(daemon, signal.SIGTERM)
        assert wrapper.wait(timeout=30) == 0, log.read_text()  # faketime exits with the daemon's status
    finally:
        if wrapper.poll() is None:  # a failure: the daemon first (SIGKILL to faketime would orphan it)
            for kid in pathlib.Path(f"/proc/{wrapper.pid}/task/{wrapper.pid}/children").read_text().split():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(kid), signal.SIGKILL)
            wrapper.wait(timeout=30)
    (sent,) = records(record)
    mail = email.message_from_bytes(base64.b64decode(sent["stdin"]), policy=email.policy.default)
    at = email.utils.parsedate_to_datetime(mail["Date"])
    assert 4.5 <= sent_after <= 9, f"sent {sent_after:.2f} s after the start, not at 10:00 (5 s)\n{log.read_text()}"
    assert start + datetime.timedelta(seconds=5) <= at <= start + datetime.timedelta(seconds=8), mail["Date"]
    assert mail["Message-ID"] == f"<due.{day:%Y%m%d}.giay-moi.e2e@example.gov.vn>", mail["Message-ID"]
    assert "gửi muộn" not in mail["Subject"], mail["Subject"]  # on time, not a catch-up
    print(f"\nstarted at {stamp.astimezone(HCM):%Y-%m-%d %H:%M:%S} (faked), {cpu_waiting:.2f} s CPU while waiting, "
          f"reminder sent {sent_after:.2f} s after the start, Date: {mail['Date']}")
