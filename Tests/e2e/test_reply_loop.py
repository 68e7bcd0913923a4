"""The reply loop through a real postfix: reminders go out with a reply address per department, a
department's reply "Đã hoàn thành" comes back through postfix's pipe(8) to `nhacviec inbound`, and
that department gets no more reminders for the task while the other owner still does.

Also through the same postfix: a reply with a forged token reaches the admin as a forward and marks
nothing; a vacation auto-reply is kept for the admin and never acknowledged.

The test configures postfix for the domain badon.example.gov.vn the way docs/operations.md says
(recipient_delimiter, a transport map, a pipe service running as the nhacviec user), and puts the
original main.cf, master.cf and the queue state back afterwards. It runs as root; postfix must be
installed (scripts/test installs it).
"""
import contextlib
import datetime
import email
import email.policy
import mailbox
import os
import pathlib
import pwd
import re
import shutil
import sqlite3
import subprocess
import time

import pytest

from conftest import wait_for
from mailparse import parse_bytes
from vn_days import CATCH_UP_LIMIT, announced_holidays, now_hcm, reminder_day

DOMAIN = "badon.example.gov.vn"
USERS = {"vp": "nvrvp", "ca": "nvrca", "admin": "nvradmin"}
SERVICE_USER = "nhacviec"
REPLY = f"nhacviec@{DOMAIN}"

# Under libfaketime the faked clock would reach postfix's own programs through sendmail and postdrop.
pytestmark = pytest.mark.no_faketime("real postfix: the faked clock reaches its programs through sendmail")


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, **kw)


def postconf(name):
    return run(["postconf", "-h", name]).stdout.strip()


def mbox(user):
    path = pathlib.Path(postconf("mail_spool_directory") or "/var/mail") / user
    if not path.exists():
        return []
    box = mailbox.mbox(str(path), create=False)
    try:
        return [parse_bytes(box.get_bytes(key)) for key in box.keys()]
    finally:
        box.close()


def raw_mbox(user):
    path = pathlib.Path(postconf("mail_spool_directory") or "/var/mail") / user
    if not path.exists():
        return []
    box = mailbox.mbox(str(path), create=False)
    try:
        return [email.message_from_bytes(box.get_bytes(key), policy=email.policy.default) for key in box.keys()]
    finally:
        box.close()


@contextlib.contextmanager
def users():
    created = []
    for name in list(USERS.values()) + [SERVICE_USER]:
        try:
            pwd.getpwnam(name)
        except KeyError:
            args = ["useradd", "--system", "--no-create-home", "-s", "/usr/sbin/nologin", name] if name == SERVICE_USER \
                else ["useradd", "-m", "-s", "/usr/sbin/nologin", name]
            assert run(args).returncode == 0, f"useradd {name}"
            created.append(name)
    try:
        yield
    finally:
        for name in USERS.values():
            for spool in (pathlib.Path("/var/mail") / name, pathlib.Path("/var/spool/mail") / name):
                with contextlib.suppress(FileNotFoundError):
                    spool.unlink()
        for name in created:
            run(["userdel", "-r", name])


@contextlib.contextmanager
def postfix_for_replies(binary, config):
    """postfix receiving mail for DOMAIN, piping nhacviec+TOKEN@DOMAIN to `nhacviec inbound` as the nhacviec user."""
    if not shutil.which("postfix"):
        pytest.fail("postfix is not installed: apt-get install -y postfix (scripts/test does)", pytrace=False)
    etc = pathlib.Path("/etc/postfix")
    saved = {name: (etc / name).read_bytes() for name in ("main.cf", "master.cf")}
    was_running = run(["postfix", "status"]).returncode == 0
    transport = etc / "nhacviec_transport_e2e"
    try:
        transport.write_text(f"{REPLY}   nhacviec-inbound:\n")
        assert run(["postmap", str(transport)]).returncode == 0
        assert run(["postconf", "-e", f"mydestination = {DOMAIN}, localhost", "recipient_delimiter = +",
                    f"transport_maps = hash:{transport}", "inet_interfaces = loopback-only"]).returncode == 0
        with open(etc / "master.cf", "a") as f:
            f.write("nhacviec-inbound unix - n n - - pipe\n"
                    f"  flags=Rq user={SERVICE_USER} argv={binary} inbound --config {config} "
                    "--recipient ${original_recipient}\n")
        res = run(["postfix", "reload" if was_running else "start"])
        assert res.returncode == 0, res.stdout + res.stderr
        wait_for(lambda: run(["postfix", "status"]).returncode == 0, timeout=15, what="postfix")
        yield
    finally:
        for name, data in saved.items():
            (etc / name).write_bytes(data)
        for path in (transport, pathlib.Path(str(transport) + ".db")):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        run(["postfix", "reload"] if was_running else ["postfix", "stop"])


def write_config(work, plan_text):
    (work / "plans.d").mkdir(exist_ok=True)
    (work / "state").mkdir(exist_ok=True)
    (work / "nhacviec.yaml").write_text(
        "mail:\n"
        f"  from: \"Nhắc việc UBND phường <{REPLY}>\"\n"
        f"  reply-to: {REPLY}\n"
        f"  postmaster: {USERS['admin']}@{DOMAIN}\n"
        "  sendmail: /usr/sbin/sendmail -oi\n"
        f"state: {work}/state/state.sqlite\n"
        f"calendar-dir: {work}/state/calendar\n"
        "plans: plans.d\n"
        f"catch-up-limit: {CATCH_UP_LIMIT}\n" + announced_holidays())
    (work / "plans.d" / "loop.yaml").write_text(plan_text)
    uid, gid = pwd.getpwnam(SERVICE_USER).pw_uid, pwd.getpwnam(SERVICE_USER).pw_gid
    os.chown(work / "state", uid, gid)


def plan(send_at, due, remind):
    return f"""plan: {{id: loop, title: Kế hoạch thử vòng trả lời, admin: {USERS['admin']}@{DOMAIN}, send-at: "{send_at}"}}
events: {{hop: {due}}}
departments:
  vp: {{name: Văn phòng HĐND và UBND phường, email: {USERS['vp']}@{DOMAIN}}}
  ca: {{name: Công an phường, email: {USERS['ca']}@{DOMAIN}}}
tasks:
  - {{id: tra-loi, title: Trả lời kiến nghị bằng văn bản, owner: [vp, ca], due: hop, remind: {remind}, overdue: none}}
"""


def sendmail_as(user, message: bytes):
    res = subprocess.run(["/usr/sbin/sendmail", "-oi", "-f", f"{user}@{DOMAIN}", "-t"], input=message,
                         capture_output=True, timeout=60, user=user)
    assert res.returncode == 0, res.stderr


def completions(work):
    con = sqlite3.connect(f"file:{work}/state/state.sqlite?mode=ro", uri=True)
    try:
        return con.execute("SELECT department, doneBy, note FROM completion ORDER BY department").fetchall()
    finally:
        con.close()


def queue_dump():
    return run(["postqueue", "-p"]).stdout


def test_a_reply_closes_one_department_and_forged_or_automatic_mail_marks_nothing(nhacviec):
    if os.geteuid() != 0:
        pytest.fail("this test runs as root (users, postfix configuration)", pytrace=False)
    work = pathlib.Path(f"/var/tmp/nhacviec-reply-loop-{os.getpid()}")
    work.mkdir(mode=0o755)
    binary = work / "nhacviec"
    shutil.copy(nhacviec, binary)
    os.chmod(binary, 0o755)
    now = now_hcm()
    if now.hour == 0 and now.minute < 2:
        time.sleep(150)  # send-at a minute ago must be today
        now = now_hcm()
    a_minute_ago = (now - datetime.timedelta(minutes=1)).strftime("%H:%M")
    # Reminders go out on working days only (one due on a day off goes out on the working day before), so the
    # plan's days count from the last working day on or before today: its reminders are due now, at once, on a
    # working day, and as a catch-up of that day on a day off.
    day = reminder_day(nhacviec)
    next_day = day + datetime.timedelta(days=1)
    config = work / "nhacviec.yaml"
    log = work / "daemon.log"
    daemon = None
    try:
        with users(), postfix_for_replies(binary, config):
            # Run 1: an advance reminder due now (the task is due the day after `day`, reminded one day before).
            write_config(work, plan(a_minute_ago, next_day.isoformat(), "[1d]"))
            with open(log, "wb") as out:
                daemon = subprocess.Popen([str(binary), "run", "--config", str(config)], stdout=out, stderr=subprocess.STDOUT,
                                          user=SERVICE_USER, env={"PATH": "/usr/bin:/bin:/usr/sbin", "NHACVIEC_LOG": "stderr"})

            def reminders(key):
                return [m for m in mbox(USERS[key]) if "trả lời kiến nghị" in (m["Subject"] or "").lower()
                        and not (m["Subject"] or "").startswith("V/v ghi nhận")]
            try:
                wait_for(lambda: reminders("vp") and reminders("ca"), timeout=60, what="a reminder in each owner's mailbox")
            except AssertionError:
                raise AssertionError(f"daemon log:\n{log.read_text()}\nqueue:\n{queue_dump()}")
            vp, ca = reminders("vp")[0], reminders("ca")[0]
            # One copy per department, each with its own reply address and Message-ID, threaded under the task.
            assert vp["Message-ID"] != ca["Message-ID"]
            assert vp["In-Reply-To"] == ca["In-Reply-To"] == f"<tra-loi.loop@{DOMAIN}>"
            vp_reply, ca_reply = vp["addresses"]["Reply-To"][0], ca["addresses"]["Reply-To"][0]
            assert re.fullmatch(rf"nhacviec\+[a-z2-7]{{16}}@{re.escape(DOMAIN)}", vp_reply), vp_reply
            assert vp_reply != ca_reply
            assert vp["addresses"]["To"] == [f"{USERS['vp']}@{DOMAIN}"]

            # vp answers the way a mail client does: quoting the reminder under its own first line.
            quoted = "\n".join("> " + line for line in (vp["body"] or "").splitlines()[:5])
            sendmail_as(USERS["vp"], (
                f"From: Văn phòng <{USERS['vp']}@{DOMAIN}>\nTo: {vp_reply}\nSubject: Re: {vp['Subject']}\n"
                f"In-Reply-To: {vp['Message-ID']}\nMessage-ID: <reply-vp@{DOMAIN}>\n"
                "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                "Content-Transfer-Encoding: 8bit\n\n"
                f"Đã hoàn thành.\n\nVào lúc 07:30, Nhắc việc đã viết:\n{quoted}\n").encode())
            try:
                wait_for(lambda: completions(work), timeout=60, what="vp's completion in the ledger")
            except AssertionError:
                raise AssertionError(f"queue:\n{queue_dump()}\nlog:\n{log.read_text()}")
            assert [row[:2] for row in completions(work)] == [("vp", f"{USERS['vp']}@{DOMAIN}")], completions(work)
            acks = lambda: [m for m in mbox(USERS["vp"]) if (m["Subject"] or "").startswith("V/v ghi nhận")]
            ack = wait_for(acks, timeout=60, what="the acknowledgement in vp's mailbox")[0]
            # Threaded under the department's reply, inside the task's thread.
            assert ack["In-Reply-To"] == f"<reply-vp@{DOMAIN}>"
            assert f"<tra-loi.loop@{DOMAIN}>" in ack["References"]
            assert f"{USERS['admin']}@{DOMAIN}" in ack["addresses"]["Cc"]
            assert "đã ghi nhận Văn phòng HĐND và UBND phường báo cáo hoàn thành" in (ack["body"] or ""), ack["body"]
            assert "Công an phường" in (ack["body"] or ""), "the acknowledgement names the owner still to report"
            # inbound (as the service's user) rewrote vp's calendar file: done there, not yet in ca's or the plan's.
            calendars = work / "state" / "calendar"
            assert "SUMMARY:✓ Trả lời kiến nghị" in (calendars / "loop.vp.ics").read_text()
            assert "X-NHACVIEC-DONE:FALSE" in (calendars / "loop.ca.ics").read_text()
            assert "X-NHACVIEC-DONE:FALSE" in (calendars / "loop.ics").read_text()

            # A forged token: forwarded to the admin, nothing recorded.
            forged = f"nhacviec+aaaaaaaaaaaaaaaa@{DOMAIN}"
            sendmail_as(USERS["ca"], (
                f"From: {USERS['ca']}@{DOMAIN}\nTo: {forged}\nSubject: Re: nhắc việc\nMIME-Version: 1.0\n"
                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nĐã hoàn thành\n").encode())
            # A vacation auto-reply from ca to its own reply address: kept for the admin, not acknowledged.
            sendmail_as(USERS["ca"], (
                f"From: {USERS['ca']}@{DOMAIN}\nTo: {ca_reply}\nSubject: Trả lời tự động: vắng mặt\n"
                "Auto-Submitted: auto-replied\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                "Content-Transfer-Encoding: 8bit\n\nĐã hoàn thành kỳ nghỉ, tôi sẽ trả lời sau ngày 20/12.\n").encode())
            forwards = lambda: [m for m in raw_mbox(USERS["admin"]) if str(m["Subject"]).startswith("[Chuyển tiếp]")]
            found = wait_for(lambda: len(forwards()) >= 2 and forwards(), timeout=60, what="two forwards in the admin's mailbox")
            reasons = " | ".join(m.get_body(preferencelist=("plain",)).get_content() for m in found)
            assert "forged" in reasons and "automatic" in reasons, reasons
            attached = [part for m in found for part in m.iter_attachments() if part.get_content_type() == "message/rfc822"]
            assert len(attached) == 2
            assert [row[0] for row in completions(work)] == ["vp"], completions(work)
            assert not [m for m in mbox(USERS["ca"]) if (m["Subject"] or "").startswith("V/v ghi nhận")]

            # Run 2: the task is due on `day` (reload): its due-day reminder goes to ca only.
            before_vp = len(reminders("vp"))
            write_config(work, plan(a_minute_ago, day.isoformat(), "[0d]"))
            daemon.send_signal(1)
            wait_for(lambda: len(reminders("ca")) >= 2, timeout=60, what="the next reminder in ca's mailbox")
            time.sleep(3)  # give a wrong second copy to vp time to arrive, so its absence means something
            assert len(reminders("vp")) == before_vp, [m["Subject"] for m in reminders("vp")]
            assert "Công an phường" in reminders("ca")[-1]["To"]
    finally:
        if daemon and daemon.poll() is None:
            daemon.terminate()
            daemon.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)
