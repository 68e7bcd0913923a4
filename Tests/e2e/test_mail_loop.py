"""Mail about mail, through a real postfix: no loop, and a reminder that does not arrive is known.

Both tests set postfix up for badon.example.gov.vn as docs/operations.md says (the helpers of
test_reply_loop.py), with the pipe to `nhacviec inbound` wrapped in a script that counts its runs.

1. The postmaster address bounces (a local user that does not exist). A message with a forged reply token
   is forwarded to it; the forward goes out with the null envelope sender (`sendmail -f ''`), so its bounce
   is discarded instead of coming back to the reply address. In 60 seconds `inbound` runs once and there is
   exactly one forward: before this change the two fed each other 1,441 times a minute.
2. A department's address is a local user that does not exist. The reminder goes out with its copy's signed
   bounce address as envelope sender; postfix's delivery report comes back to `inbound`, which marks the
   address: `status` shows it next to its department with 5.1.1, and the plan's admin gets one notice, sent
   with the null sender (its Return-Path is <>).

The plans are independent of the kind of day the machine's date is: the task is due on the last working
day before today (`hop - 1wd`, counted on the plan's own calendar), and the catch-up limit is a month, so
its reminder goes out at start on any day, Sundays and Tết included.
"""
import contextlib
import os
import pathlib
import pwd
import shutil
import sqlite3
import subprocess
import time

import pytest

from conftest import wait_for
from test_reply_loop import DOMAIN, REPLY, SERVICE_USER, USERS, postfix_for_replies, raw_mbox, run, sendmail_as, users
import vn_days

pytestmark = pytest.mark.no_faketime("real postfix: the faked clock reaches its programs through sendmail")

GHOST = f"nvrghost@{DOMAIN}"  # never created: postfix's local delivery bounces it with 5.1.1


def write_config(work, postmaster, department_email):
    (work / "plans.d").mkdir(exist_ok=True)
    (work / "state").mkdir(exist_ok=True)
    (work / "nhacviec.yaml").write_text(
        "mail:\n"
        f"  from: \"Nhắc việc UBND phường <{REPLY}>\"\n"
        f"  reply-to: {REPLY}\n"
        f"  postmaster: {postmaster}\n"
        "  sendmail: /usr/sbin/sendmail -oi\n"
        "catch-up-limit: 30d\n"
        f"state: {work}/state/state.sqlite\n"
        "plans: plans.d\n")
    (work / "plans.d" / "loop.yaml").write_text(f"""plan: {{id: loop, title: Kế hoạch thử thư lỗi, admin: {USERS['admin']}@{DOMAIN}, send-at: "00:00"}}
events: {{hop: {vn_days.today_hcm().isoformat()}}}
departments:
  vp: {{name: Văn phòng HĐND và UBND phường, email: {department_email}}}
tasks:
  # The last working day before today, whatever today is; its reminder is caught up at start.
  - {{id: tra-loi, title: Trả lời kiến nghị bằng văn bản, owner: vp, due: hop - 1wd, remind: [0d], overdue: none}}
""")
    uid, gid = pwd.getpwnam(SERVICE_USER).pw_uid, pwd.getpwnam(SERVICE_USER).pw_gid
    os.chown(work / "state", uid, gid)
    return work / "nhacviec.yaml"


def counting_wrapper(work, binary):
    """A pipe(8) target that counts its runs, then runs `nhacviec inbound`."""
    counter = work / "inbound-runs"
    counter.touch()
    os.chmod(counter, 0o666)
    script = work / "inbound-counted"
    script.write_text(f"#!/bin/sh\necho run >> {counter}\nexec {binary} \"$@\"\n")
    os.chmod(script, 0o755)
    return script, counter


def sql(work, query):
    con = sqlite3.connect(f"file:{work}/state/state.sqlite?mode=ro", uri=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def count(work, table):
    """The rows of a table of the state file, or 0 while the daemon has not yet created the file or its tables."""
    try:
        return sql(work, f"SELECT count(*) FROM {table}")[0][0]
    except sqlite3.OperationalError:   # no file yet (mode=ro), or the migrations have not run yet
        return 0


@contextlib.contextmanager
def workspace(nhacviec, name):
    if os.geteuid() != 0:
        pytest.fail("this test runs as root (users, postfix configuration)", pytrace=False)
    work = pathlib.Path(f"/var/tmp/nhacviec-{name}-{os.getpid()}")
    work.mkdir(mode=0o755)
    binary = work / "nhacviec"
    shutil.copy(nhacviec, binary)
    os.chmod(binary, 0o755)
    try:
        yield work, binary
    finally:
        shutil.rmtree(work, ignore_errors=True)


def start_daemon(binary, config, log):
    with open(log, "wb") as out:
        return subprocess.Popen([str(binary), "run", "--config", str(config)], stdout=out, stderr=subprocess.STDOUT,
                                user=SERVICE_USER, env={"PATH": "/usr/bin:/bin:/usr/sbin", "NHACVIEC_LOG": "stderr"})


def stop(daemon):
    if daemon and daemon.poll() is None:
        daemon.terminate()
        daemon.wait(timeout=60)


def test_a_forward_to_a_bouncing_postmaster_makes_no_loop(nhacviec):
    with workspace(nhacviec, "mail-loop") as (work, binary):
        config = write_config(work, postmaster=GHOST, department_email=f"{USERS['vp']}@{DOMAIN}")
        wrapper, counter = counting_wrapper(work, binary)
        daemon = start_daemon(binary, config, work / "daemon.log")  # migrates the state file, as in production
        try:
            with users(), postfix_for_replies(wrapper, config):
                wait_for(lambda: (work / "state" / "state.sqlite").exists(), what="the state file")
                sendmail_as(USERS["vp"], (
                    f"From: {USERS['vp']}@{DOMAIN}\nTo: nhacviec+aaaaaaaaaaaaaaaa@{DOMAIN}\nSubject: Re: nhắc việc\n"
                    "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                    "Đã hoàn thành\n").encode())
                wait_for(lambda: count(work, "forward") >= 1, timeout=60, what="the forward")
                time.sleep(60)  # a loop, if there were one, goes round many times a second
                runs = counter.read_text().split()
                forwards = sql(work, "SELECT address, held FROM forward")
                assert len(runs) == 1, f"inbound ran {len(runs)} times: the forward's bounce came back"
                assert forwards == [(GHOST, 0)], forwards
                assert sql(work, "SELECT count(*) FROM completion") == [(0,)]
        finally:
            stop(daemon)


def test_a_reminder_to_an_unknown_user_comes_back_as_a_report_and_shows_in_status(nhacviec):
    with workspace(nhacviec, "bounce") as (work, binary):
        config = write_config(work, postmaster=f"{USERS['admin']}@{DOMAIN}", department_email=GHOST)
        wrapper, counter = counting_wrapper(work, binary)
        daemon = None
        try:
            with users(), postfix_for_replies(wrapper, config):
                daemon = start_daemon(binary, config, work / "daemon.log")
                try:
                    wait_for(lambda: count(work, "address_failure") == 1, timeout=90, what="the delivery report recorded")
                except AssertionError:
                    raise AssertionError(f"daemon log:\n{(work / 'daemon.log').read_text()}\n"
                                         f"queue:\n{run(['postqueue', '-p']).stdout}")
                envelope = sql(work, "SELECT id FROM envelope")
                assert len(envelope) == 1
                status = run([str(binary), "status", "--config", str(config)])
                assert status.returncode == 0, status.stderr
                assert "Undeliverable department addresses" in status.stdout, status.stdout
                line = next(l for l in status.stdout.splitlines() if GHOST in l)
                assert "vp (Văn phòng HĐND và UBND phường)" in line and "5.1.1" in line, line
                notices = lambda: [m for m in raw_mbox(USERS["admin"]) if str(m["Subject"]).startswith("[Không gửi được]")]
                notice = wait_for(notices, timeout=60, what="the admin's notice")[0]
                assert notice["Return-Path"] == "<>", notice["Return-Path"]
                assert "5.1.1" in notice.get_body(preferencelist=("plain",)).get_content()
                # The report was recorded, not forwarded as a person's reply.
                assert not [m for m in raw_mbox(USERS["admin"]) if str(m["Subject"]).startswith("[Chuyển tiếp]")]
                assert sql(work, "SELECT count(*) FROM forward") == [(0,)]
                assert len(counter.read_text().split()) == 1
        finally:
            stop(daemon)
