"""Tests of the end-to-end test tools themselves (Tests/e2e/tools) and of the
rehearsal scripts (scripts/rehearsal/maildir-sendmail, scripts/rehearsal/maildir-summary).

Run:  python3 -m pytest -p no:cacheprovider Tests/e2e/test_tools.py
Needs msmtp (apt-get install -y msmtp) and aiosmtpd
(pip install -r Tests/e2e/requirements.txt); without them the tests that
use them FAIL with that advice, they never skip.

Like nhacviec, the tests hand the message to each sendmail on standard input
as a regular file, not a pipe: after the child exits, the file offset shows
whether the child read its input.
"""

import base64
import contextlib
import email.policy
import importlib.util
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
TOOLS = HERE / "tools"
REPO = HERE.parent.parent
SCRIPTS = REPO / "scripts" / "rehearsal"

sys.path.insert(0, str(TOOLS))
import mailparse  # noqa: E402

PY = sys.executable
TIMEOUT = 20

VI_SUBJECT = "Nhắc việc: nộp báo cáo thuế quý 4 (hạn 30/01)"
VI_BODY = "Kính gửi chị Hương,\nHạn nộp tờ khai là thứ Năm, ngày 30/01.\nTrân trọng.\n"


def make_message(subject=VI_SUBJECT, body=VI_BODY, date="Mon, 06 Jan 2025 08:00:00 +0700",
                 to="a@y.example", crlf=True):
    msg = EmailMessage(policy=email.policy.SMTP if crlf else email.policy.default)
    msg["From"] = "Nhắc việc <nhacviec@x.example>"
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = date
    msg["Message-ID"] = "<r1.20250106@x.example>"
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(body, cte="quoted-printable")
    return msg.as_bytes()


def run_with_file_stdin(cmd, data, tmp_path, env=None, timeout=TIMEOUT):
    """Run cmd with data on stdin as a regular file. Returns (CompletedProcess, offset)."""
    path = tmp_path / f"stdin-{time.monotonic_ns()}.eml"
    path.write_bytes(data)
    full_env = dict(os.environ)
    full_env.update(env or {})
    with open(path, "rb") as f:
        proc = subprocess.run(cmd, stdin=f, capture_output=True, env=full_env, timeout=timeout)
        offset = os.lseek(f.fileno(), 0, os.SEEK_CUR)
    return proc, offset


def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require_msmtp():
    path = shutil.which("msmtp")
    if path is None:
        pytest.fail("msmtp is not installed: install it with `apt-get install -y msmtp` "
                    "(Debian package msmtp; msmtp-mta also provides /usr/sbin/sendmail)",
                    pytrace=False)
    return path


def require_aiosmtpd():
    if importlib.util.find_spec("aiosmtpd") is None:
        pytest.fail(f"the Python package aiosmtpd is missing for {PY}: install it with "
                    "`pip install -r Tests/e2e/requirements.txt`", pytrace=False)


def read_line_with_timeout(stream, timeout):
    deadline = time.monotonic() + timeout
    buf = b""
    fd = stream.fileno()
    while not buf.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None
        chunk = os.read(fd, 1)
        if not chunk:
            return buf.decode() or None
        buf += chunk
    return buf.decode()


def stop(proc, sig=signal.SIGTERM, timeout=10):
    if proc.poll() is None:
        proc.send_signal(sig)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise


# ---------------------------------------------------------------- maildir-sendmail

MAILDIR_SENDMAIL = str(SCRIPTS / "maildir-sendmail")
MAILDIR_SUMMARY = str(SCRIPTS / "maildir-summary")


def test_scripts_are_executable_with_python_shebang():
    for path in [SCRIPTS / "maildir-sendmail", SCRIPTS / "maildir-summary",
                 *(TOOLS / n for n in ("sendmail-record", "sendmail-tempfail", "sendmail-hang",
                                       "sendmail-early-exit", "smtp_sink.py",
                                       "notify_listener.py", "mailparse.py"))]:
        assert os.access(path, os.X_OK), f"{path} is not executable"
        assert path.read_bytes().startswith(b"#!/usr/bin/env python3\n"), path


def test_maildir_sendmail_delivers_parseable_message(tmp_path):
    md = tmp_path / "rehearsal"
    data = make_message()
    proc, offset = run_with_file_stdin(
        [MAILDIR_SENDMAIL, "--maildir", str(md), "-oi", "-f", "nhacviec@x.example", "--",
         "a@y.example", "b@y.example"], data, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert offset == len(data)
    for sub in ("cur", "new", "tmp"):
        assert (md / sub).is_dir()
    assert list((md / "tmp").iterdir()) == []
    files = mailparse.maildir_messages(md)
    assert len(files) == 1 and Path(files[0]).parent.name == "new"

    raw = Path(files[0]).read_bytes()
    assert raw == (b"Return-Path: <nhacviec@x.example>\r\n"
                   b"Delivered-To: a@y.example, b@y.example\r\n" + data)
    m = mailparse.parse(files[0])
    assert m["Delivered-To"] == "a@y.example, b@y.example"
    assert m["Return-Path"] == "<nhacviec@x.example>"
    assert m["Subject"] == VI_SUBJECT
    assert m["body"] == VI_BODY
    assert m["addresses"]["From"] == ["nhacviec@x.example"]
    assert m["Auto-Submitted"] == "auto-generated"
    assert m["line_endings"] == "CRLF"
    assert m["max_raw_line_length"] <= 78
    assert all(line.isascii() for line in m["raw_headers"])
    assert any(line.startswith("Subject: =?utf-8?") for line in m["raw_headers"])
    assert m["defects"] == []


def test_maildir_sendmail_keeps_lf_messages_lf_and_unique_names(tmp_path):
    md = tmp_path / "md"
    data = make_message(crlf=False)
    assert b"\r\n" not in data
    for _ in range(3):
        proc, _ = run_with_file_stdin(
            [MAILDIR_SENDMAIL, "-i", "--maildir", str(md), "-fnhacviec@x.example", "--",
             "a@y.example"], data, tmp_path)
        assert proc.returncode == 0, proc.stderr
    files = mailparse.maildir_messages(md)
    assert len(set(files)) == 3
    raw = Path(files[0]).read_bytes()
    assert raw.startswith(b"Return-Path: <nhacviec@x.example>\nDelivered-To: a@y.example\nFrom:")
    assert mailparse.parse(files[0])["line_endings"] == "LF"


@pytest.mark.parametrize("args, why", [
    (["--maildir", "MD", "-t", "-oi", "-f", "s@x.example"], "-t"),
    (["--maildir", "MD", "-oi", "-f", "s@x.example", "-t", "--", "a@y.example"], "-t"),
    (["-oi", "-f", "s@x.example", "--", "a@y.example"], "--maildir"),
    (["--maildir", "MD", "-oi", "-f", "s@x.example", "--"], "no recipients"),
    (["--maildir", "MD", "-oi", "-f", "s@x.example", "--", "a@y.example\r\nBcc: x@z.example"],
     "recipient"),
    (["--maildir", "MD", "-oi", "-f", "s@x.example\nBcc: x@z.example", "--", "a@y.example"],
     "sender"),
    (["--maildir", "MD", "-bp"], "-bp"),
    (["--maildir", "MD", "-oi", "-f"], "-f"),
])
def test_maildir_sendmail_refuses_bad_usage(tmp_path, args, why):
    md = tmp_path / "md"
    args = [str(md) if a == "MD" else a for a in args]
    proc, _ = run_with_file_stdin([MAILDIR_SENDMAIL, *args], make_message(), tmp_path)
    assert proc.returncode == 64, (proc.returncode, proc.stderr)
    assert why.encode() in proc.stderr
    assert mailparse.maildir_messages(md) == []


def test_maildir_sendmail_cannot_write_exits_73(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory\n")
    proc, _ = run_with_file_stdin(
        [MAILDIR_SENDMAIL, "--maildir", str(blocker / "md"), "-oi", "-f", "s@x.example", "--",
         "a@y.example"], make_message(), tmp_path)
    assert proc.returncode == 73, proc.stderr
    assert b"cannot write" in proc.stderr


def test_maildir_summary_lists_in_date_order_with_vietnamese(tmp_path):
    md = tmp_path / "md"
    later = make_message(subject="Thứ hai: họp giao ban", body="Họp lúc 9 giờ.\n",
                         date="Mon, 13 Jan 2025 08:00:00 +0700", to="b@y.example")
    earlier = make_message(date="Mon, 06 Jan 2025 08:00:00 +0700")
    undated = make_message(subject="Không ngày", date="not a date")
    for data, rcpt in ((later, "b@y.example"), (undated, "c@y.example"), (earlier, "a@y.example")):
        proc, _ = run_with_file_stdin(
            [MAILDIR_SENDMAIL, "--maildir", str(md), "-oi", "-f", "nhacviec@x.example", "--", rcpt],
            data, tmp_path)
        assert proc.returncode == 0, proc.stderr

    env = dict(os.environ, LC_ALL="C", LANG="C", PYTHONIOENCODING="ascii")
    out = subprocess.run([MAILDIR_SUMMARY, str(md)], capture_output=True, env=env,
                         timeout=TIMEOUT, check=True).stdout.decode("utf-8")
    assert out.startswith(f"3 messages in {md}\n")
    i_early = out.index(VI_SUBJECT)
    i_late = out.index("Thứ hai: họp giao ban")
    i_undated = out.index("Không ngày")
    assert i_early < i_late < i_undated
    assert "2025-01-06 08:00:00 +0700" in out
    assert "To:      a@y.example" in out
    assert "Kính gửi" not in out

    out = subprocess.run([MAILDIR_SUMMARY, "--body", str(md)], capture_output=True, env=env,
                         timeout=TIMEOUT, check=True).stdout.decode("utf-8")
    assert "   | Kính gửi chị Hương," in out
    assert "   | Họp lúc 9 giờ." in out
    assert out.index("Kính gửi") < out.index("Họp lúc")


def test_maildir_summary_empty_and_missing(tmp_path):
    (tmp_path / "md" / "new").mkdir(parents=True)
    (tmp_path / "md" / "cur").mkdir()
    proc = subprocess.run([MAILDIR_SUMMARY, str(tmp_path / "md")], capture_output=True,
                          timeout=TIMEOUT)
    assert proc.returncode == 0 and b"No messages" in proc.stdout
    proc = subprocess.run([MAILDIR_SUMMARY, str(tmp_path / "nowhere")], capture_output=True,
                          timeout=TIMEOUT)
    assert proc.returncode == 66 and b"not a Maildir" in proc.stderr


# ---------------------------------------------------------------- sendmail doubles

def test_sendmail_record(tmp_path):
    rec = tmp_path / "rec.jsonl"
    data = make_message()
    args = ["-oi", "-f", "nhacviec@x.example", "--", "a@y.example"]
    for code in ("0", "75"):
        proc, offset = run_with_file_stdin([str(TOOLS / "sendmail-record"), *args], data,
                                           tmp_path, env={"RECORD_FILE": str(rec), "EXIT_CODE": code})
        assert proc.returncode == int(code)
        assert offset == len(data)
    lines = read_jsonl(rec)
    assert len(lines) == 2
    for line in lines:
        assert line["argv"][1:] == args
        assert base64.b64decode(line["stdin"]) == data
        assert line["stdin_type"] == "regular"
        assert isinstance(line["pid"], int) and line["pid"] > 0
    assert lines[0]["pid"] != lines[1]["pid"]


def test_sendmail_tempfail_fails_twice_then_succeeds(tmp_path):
    rec = tmp_path / "rec.jsonl"
    env = {"RECORD_FILE": str(rec), "COUNTER_FILE": str(tmp_path / "count")}
    codes = []
    for n in range(4):
        data = make_message(subject=f"attempt {n}")
        proc, offset = run_with_file_stdin(
            [str(TOOLS / "sendmail-tempfail"), "-oi", "-f", "s@x.example", "--", "a@y.example"],
            data, tmp_path, env=env)
        codes.append(proc.returncode)
        assert offset == len(data), "sendmail-tempfail must read its input, also when failing"
    assert codes == [75, 75, 0, 0]
    assert (tmp_path / "count").read_text().strip() == "4"
    lines = read_jsonl(rec)
    assert [mailparse.parse_bytes(base64.b64decode(x["stdin"]))["Subject"] for x in lines] == \
        ["attempt 2", "attempt 3"]


def test_sendmail_tempfail_failures_setting(tmp_path):
    env = {"RECORD_FILE": str(tmp_path / "rec.jsonl"), "COUNTER_FILE": str(tmp_path / "count"),
           "FAILURES": "1"}
    codes = [run_with_file_stdin([str(TOOLS / "sendmail-tempfail"), "--", "a@y.example"],
                                 b"Subject: x\n\nx\n", tmp_path, env=env)[0].returncode
             for _ in range(2)]
    assert codes == [75, 0]


def test_sendmail_early_exit_does_not_read_stdin(tmp_path):
    data = make_message() * 50
    for code in ("0", "75", "1"):
        proc, offset = run_with_file_stdin(
            [str(TOOLS / "sendmail-early-exit"), "-oi", "-f", "s@x.example", "--", "a@y.example"],
            data, tmp_path, env={"EXIT_CODE": code})
        assert proc.returncode == int(code)
        assert offset == 0, "sendmail-early-exit must not read its input"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_sendmail_hang_hangs_until_killed(tmp_path, sig):
    pid_file = tmp_path / "hang.pid"
    data = make_message()
    path = tmp_path / "in.eml"
    path.write_bytes(data)
    with open(path, "rb") as f:
        # start_new_session: like a daemon's child, it must not inherit our signal state.
        proc = subprocess.Popen([str(TOOLS / "sendmail-hang"), "--", "a@y.example"], stdin=f,
                                env=dict(os.environ, PID_FILE=str(pid_file)),
                                start_new_session=True)
        try:
            deadline = time.monotonic() + 10
            while os.lseek(f.fileno(), 0, os.SEEK_CUR) != len(data) and time.monotonic() < deadline:
                time.sleep(0.02)
            assert os.lseek(f.fileno(), 0, os.SEEK_CUR) == len(data), "input was not read"
            assert int(pid_file.read_text()) == proc.pid
            with pytest.raises(subprocess.TimeoutExpired):
                proc.wait(timeout=0.5)
        finally:
            rc = stop(proc, sig)
    assert rc == -sig


def test_sendmail_hang_ignore_sigterm_needs_sigkill(tmp_path):
    proc = subprocess.Popen([str(TOOLS / "sendmail-hang")], stdin=subprocess.DEVNULL,
                            env=dict(os.environ, IGNORE_SIGTERM="1",
                                     PID_FILE=str(tmp_path / "pid")))
    try:
        deadline = time.monotonic() + 10
        while not (tmp_path / "pid").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=0.5)
    finally:
        rc = stop(proc, signal.SIGKILL)
    assert rc == -signal.SIGKILL


# ---------------------------------------------------------------- smtp_sink + msmtp

@contextlib.contextmanager
def running_sink(tmp_path):
    """Start smtp_sink.py on a free loopback port; stop it (and check it stopped cleanly)."""
    require_aiosmtpd()
    port = free_port()
    md = tmp_path / "sink-maildir"
    with open(tmp_path / "sink.err", "wb") as err:
        proc = subprocess.Popen([PY, str(TOOLS / "smtp_sink.py"), "--port", str(port),
                                 "--maildir", str(md)], stdout=subprocess.PIPE, stderr=err)
    try:
        line = read_line_with_timeout(proc.stdout, 15)
        assert line == "READY\n", (line, (tmp_path / "sink.err").read_text())
        yield {"port": port, "maildir": md, "proc": proc}
    finally:
        rc = stop(proc)
        proc.stdout.close()
    assert rc == 0, (tmp_path / "sink.err").read_text()


def msmtp_config(tmp_path, port):
    cfg = tmp_path / "msmtprc"
    cfg.write_text(f"account default\nhost 127.0.0.1\nport {port}\nauth off\ntls off\n"
                   "from nhacviec@localhost\n")
    cfg.chmod(0o600)
    return cfg


def test_smtp_sink_with_real_msmtp(tmp_path):
    msmtp = require_msmtp()
    with running_sink(tmp_path) as sink:
        check_sink_with_msmtp(tmp_path, sink, msmtp)


def check_sink_with_msmtp(tmp_path, sink, msmtp):
    cfg = msmtp_config(tmp_path, sink["port"])
    cmd = [msmtp, "-C", str(cfg), "-oi", "-f", "nhacviec@x.example", "--"]
    data = make_message()

    proc, offset = run_with_file_stdin(cmd + ["a@y.example", "b@y.example"], data, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert offset == len(data)
    files = mailparse.maildir_messages(sink["maildir"])
    assert len(files) == 1
    m = mailparse.parse(files[0])
    assert m["Delivered-To"] == "a@y.example, b@y.example"
    assert m["Return-Path"] == "<nhacviec@x.example>"
    assert m["Subject"] == VI_SUBJECT
    assert m["body"] == VI_BODY
    assert m["Message-ID"] == "<r1.20250106@x.example>"

    # Measured with msmtp 1.8.23: 451 at RCPT -> 69 (EX_UNAVAILABLE), 550 -> 65 (EX_DATAERR).
    proc, _ = run_with_file_stdin(cmd + ["tempfail.user@y.example"], data, tmp_path)
    assert proc.returncode == 69, proc.stderr
    assert b"451 4.3.0 Try again later" in proc.stderr
    proc, _ = run_with_file_stdin(cmd + ["reject-me@y.example"], data, tmp_path)
    assert proc.returncode == 65, proc.stderr
    assert b"550 5.1.1 No such user" in proc.stderr
    # One refused recipient makes msmtp abandon the whole message.
    proc, _ = run_with_file_stdin(cmd + ["a@y.example", "reject@y.example"], data, tmp_path)
    assert proc.returncode == 65, proc.stderr
    assert len(mailparse.maildir_messages(sink["maildir"])) == 1


def test_msmtp_server_down_is_75(tmp_path):
    msmtp = require_msmtp()
    cfg = msmtp_config(tmp_path, free_port())
    proc, _ = run_with_file_stdin([msmtp, "-C", str(cfg), "-oi", "-f", "s@x.example", "--",
                                   "a@y.example"], make_message(), tmp_path)
    assert proc.returncode == 75, proc.stderr


def test_smtp_sink_refuses_overlong_lines(tmp_path):
    import smtplib
    with running_sink(tmp_path) as sink, smtplib.SMTP("127.0.0.1", sink["port"], timeout=10) as s:
        with pytest.raises(smtplib.SMTPDataError) as e:
            s.sendmail("s@x.example", ["a@y.example"], b"Subject: x\r\n\r\n" + b"x" * 1200 + b"\r\n")
        assert e.value.smtp_code == 500
        assert mailparse.maildir_messages(sink["maildir"]) == []


# ---------------------------------------------------------------- notify_listener

def test_notify_listener(tmp_path):
    sock_path = tmp_path / "notify.sock"
    proc = subprocess.Popen([PY, str(TOOLS / "notify_listener.py"), str(sock_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while not sock_path.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert sock_path.exists(), proc.stderr.read1() if proc.poll() is not None else "no socket"
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
            before = time.monotonic()
            s.sendto("READY=1\nSTATUS=Đang chạy: 3 việc\nMAINPID=42".encode(), str(sock_path))
            s.sendto(b"WATCHDOG=1", str(sock_path))
        first = json.loads(read_line_with_timeout(proc.stdout, 10))
        second = json.loads(read_line_with_timeout(proc.stdout, 10))
        assert first["fields"] == {"READY": "1", "STATUS": "Đang chạy: 3 việc", "MAINPID": "42"}
        assert before <= first["t"] <= time.monotonic()
        assert first["pid"] == os.getpid() and first["uid"] == os.getuid()
        assert second["fields"] == {"WATCHDOG": "1"}
        assert second["t"] >= first["t"]
    finally:
        rc = stop(proc)
        proc.stdout.close()
        proc.stderr.close()
    assert rc == 0
    assert not sock_path.exists()


# ---------------------------------------------------------------- mailparse

def test_mailparse_cli_and_line_length(tmp_path):
    long_line = b"X-Long: " + b"a" * 1100
    path = tmp_path / "m.eml"
    path.write_bytes(b"Subject: =?utf-8?b?" + base64.b64encode(VI_SUBJECT.encode()) + b"?=\r\n"
                     + long_line + b"\r\n"
                     + b"Subject: second\r\n\r\nbody\r\n")
    out = subprocess.run([PY, str(TOOLS / "mailparse.py"), str(path)], capture_output=True,
                         timeout=TIMEOUT, check=True).stdout
    m = json.loads(out)
    assert m["Subject"] == VI_SUBJECT
    assert m["header_counts"]["Subject"] == 2
    assert m["max_raw_line_length"] == len(long_line)
    assert m["raw_headers"][1] == long_line.decode()
    assert m["body"] == "body\n"
    assert m["To"] is None and m["addresses"]["To"] == []
