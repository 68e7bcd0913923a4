"""The daemon's compiled plan cache, as a real process: `run` writes it, the other commands read it and never
write it, and a damaged or stale entry is never believed."""
import base64
import email
import email.policy
import hashlib
import os
import signal
import subprocess

from conftest import TOOLS, wait_for, write_config
from test_daemon import records, start_daemon
from vn_days import reminder_day

TEXT_TITLE = "Gửi Giấy mời Hội nghị"
FORGED_TITLE = "Gửi Giấy mời Hội thảo"  # as many UTF-8 bytes, so the forged entry keeps its layout
# What the subject shows of each: it writes the title's first word in lower case after "V/v".
TEXT_SUBJECT = TEXT_TITLE.split(" ", 1)[1]
FORGED_SUBJECT = FORGED_TITLE.split(" ", 1)[1]


def run_once(nhacviec, config, record, env=None):
    """Starts the daemon, waits for the due-day reminder (the plan's day is reminder_day: due at start), stops
    it; returns the subjects sent."""
    daemon = start_daemon(nhacviec, config, {"RECORD_FILE": str(record), **(env or {})})
    try:
        wait_for(lambda: records(record), what="the due-day reminder")
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, err = daemon.communicate(timeout=30)
    assert daemon.returncode == 0, err
    return [email.message_from_bytes(base64.b64decode(r["stdin"]), policy=email.policy.default)["Subject"]
            for r in records(record)]


def forget_ledger(tmp_path, record):
    """Removes the ledger, its marker and the recorded mail, so the next start is a first start that sends again."""
    for path in [tmp_path / "state.sqlite", tmp_path / ".state.sqlite.created", record, *tmp_path.glob("state.sqlite-*")]:
        path.unlink(missing_ok=True)


def forge(entry, old, new):
    """Rewrites a string inside a cache entry and recomputes its checksum, as a valid entry would read."""
    data = entry.read_bytes()
    magic_end = data.index(b"\n") + 1
    header_end = data.index(b"\n", magic_end) + 1 + 32  # the format and build line, then the text's SHA-256
    body = data[header_end + 32:]
    assert old.encode() in body
    body = body.replace(old.encode(), new.encode())
    entry.write_bytes(data[:header_end] + hashlib.sha256(body).digest() + body)


def test_run_compiles_plans_beside_the_state_and_the_other_commands_only_read_them(nhacviec, tmp_path):
    config = write_config(tmp_path, f"{TOOLS}/sendmail-record -oi", reminder_day(nhacviec))
    record = tmp_path / "record.jsonl"
    subjects = run_once(nhacviec, config, record)
    assert any(TEXT_SUBJECT in s for s in subjects), subjects
    entries = list((tmp_path / "plan-cache").glob("*.plan"))
    assert len(entries) == 1, "run writes one compiled entry per plan file beside the state file"

    # A forged entry that matches the text's hash shows whether a command reads the cache at all: the commands
    # read the daemon's entries (a plan file whose bytes did not change is not parsed again, issue 21) ...
    forge(entries[0], TEXT_TITLE, FORGED_TITLE)
    calendar = subprocess.run([nhacviec, "calendar", "e2e", "--config", str(config)], capture_output=True, text=True, check=True)
    assert FORGED_TITLE in calendar.stdout and TEXT_TITLE not in calendar.stdout
    # ... unless told not to, and never write, rewrite or prune one.
    plain = subprocess.run([nhacviec, "calendar", "e2e", "--config", str(config)], capture_output=True, text=True,
                           check=True, env=dict(os.environ, NHACVIEC_PLAN_CACHE="off"))
    assert TEXT_TITLE in plain.stdout and FORGED_TITLE not in plain.stdout
    before = entries[0].read_bytes()
    for command in (["check"], ["schedule"], ["status"]):
        result = subprocess.run([nhacviec, *command, "--config", str(config)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    assert entries[0].read_bytes() == before, "the other commands leave the cache as it is"
    plan = tmp_path / "plans.d" / "e2e.yaml"
    plan.write_text(plan.read_text().replace(TEXT_TITLE, TEXT_TITLE + " năm 2026"))
    edited = subprocess.run([nhacviec, "calendar", "e2e", "--config", str(config)], capture_output=True, text=True, check=True)
    assert TEXT_TITLE + " năm 2026" in edited.stdout, "an edited file is read from its text"
    assert entries[0].read_bytes() == before and len(list((tmp_path / "plan-cache").glob("*"))) == 1
    plan.write_text(plan.read_text().replace(TEXT_TITLE + " năm 2026", TEXT_TITLE))

    forget_ledger(tmp_path, record)
    subjects = run_once(nhacviec, config, record)
    assert any(FORGED_SUBJECT in s for s in subjects), f"run reads the compiled entry: {subjects}"


def test_an_edited_plan_or_a_damaged_entry_is_read_from_the_text(nhacviec, tmp_path):
    config = write_config(tmp_path, f"{TOOLS}/sendmail-record -oi", reminder_day(nhacviec))
    record = tmp_path / "record.jsonl"
    run_once(nhacviec, config, record)
    entry = next((tmp_path / "plan-cache").glob("*.plan"))

    def fresh_start():
        forget_ledger(tmp_path, record)
        return run_once(nhacviec, config, record)

    # An edit changes the text's hash: the old entry no longer matches, whatever it says.
    forge(entry, TEXT_TITLE, FORGED_TITLE)
    plan = tmp_path / "plans.d" / "e2e.yaml"
    plan.write_text(plan.read_text().replace(TEXT_TITLE, TEXT_TITLE + " năm 2026"))
    assert any(TEXT_SUBJECT + " năm 2026" in s for s in fresh_start())
    assert FORGED_TITLE.encode() not in entry.read_bytes(), "the stale entry was rewritten"

    # A damaged entry (checksum no longer holding) is ignored and rewritten.
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0xFF
    entry.write_bytes(bytes(data))
    assert any(TEXT_SUBJECT + " năm 2026" in s for s in fresh_start())
    assert entry.read_bytes() != bytes(data)

    # NHACVIEC_PLAN_CACHE=off reads the text and writes nothing.
    entry.unlink()
    forget_ledger(tmp_path, record)
    run_once(nhacviec, config, record, {"NHACVIEC_PLAN_CACHE": "off"})
    assert not list((tmp_path / "plan-cache").glob("*.plan"))
