"""`nhacviec calendar`: the shipped Ba Đồn plan as iCalendar, read by two independent parsers and compared
with `nhacviec schedule`; the files of --output-dir and of the main file's calendar-dir (written by the daemon
at start and on reload, and by `done`)."""
import datetime
import json
import os
import re
import shutil
import signal
import stat
import subprocess

import icalendar
import pytest

from conftest import ROOT, wait_for

PLAN_ID = "ba-don-2025"
PLAN_FILE = ROOT / "config" / "plans.d" / "ba-don-2025.yaml"
DEPARTMENTS = ["van-phong", "vhxh", "kinh-te", "hanh-chinh-cong", "dich-vu", "cong-an", "quan-su", "hdnd", "mttq",
               "to-dan-pho", "lanh-dao"]


# --------------------------------------------------------------------------- a strict RFC 5545 reader, by hand

def strict_parse(data: bytes):
    """Checks the octets (UTF-8, CRLF only, physical lines of at most 75 octets), unfolds, and parses every
    content line into (name, params, value); returns the components as nested dicts:
    {"name": ..., "props": [(name, params, value)], "children": [...]}."""
    text = data.decode("utf-8")  # raises on invalid UTF-8
    assert data.endswith(b"\r\n")
    physical = data[:-2].split(b"\r\n")
    for line in physical:
        assert b"\n" not in line and b"\r" not in line, f"bare line break in {line!r}"
        assert len(line) <= 75, f"{len(line)} octets: {line!r}"
        line.decode("utf-8")  # a fold never splits a UTF-8 sequence
    logical: list[str] = []
    for line in text[:-2].split("\r\n"):
        if line[:1] in (" ", "\t"):
            assert logical, "continuation line first"
            logical[-1] += line[1:]
        else:
            logical.append(line)
    root = {"name": None, "props": [], "children": []}
    stack = [root]
    for line in logical:
        name, params, value = parse_content_line(line)
        if name == "BEGIN":
            component = {"name": value, "props": [], "children": []}
            stack[-1]["children"].append(component)
            stack.append(component)
        elif name == "END":
            assert stack[-1]["name"] == value, f"END:{value} closes {stack[-1]['name']}"
            stack.pop()
        else:
            stack[-1]["props"].append((name, params, value))
    assert len(stack) == 1 and len(root["children"]) == 1
    return root["children"][0]


NAME = re.compile(r"[A-Za-z0-9-]+")


def parse_content_line(line: str):
    """contentline = name *(";" param) ":" value (RFC 5545 3.1), with quoted parameter values."""
    m = NAME.match(line)
    assert m, f"no name in {line!r}"
    name, i = m.group(0).upper(), m.end()
    params = {}
    while line[i] == ";":
        m = NAME.match(line, i + 1)
        assert m and line[m.end()] == "=", f"bad parameter in {line!r}"
        key, i = m.group(0).upper(), m.end() + 1
        if line[i] == '"':
            end = line.index('"', i + 1)
            params[key], i = line[i + 1:end], end + 1
        else:
            m = re.compile(r'[^";:,]*').match(line, i)
            params[key], i = m.group(0), m.end()
    assert line[i] == ":", f"no ':' in {line!r}"
    return name, params, line[i + 1:]


def unescape(value: str) -> str:
    """A TEXT value: only \\\\ \\; \\, \\n \\N are escapes; an unescaped ; or , would be a list separator."""
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            nxt = value[i + 1]
            assert nxt in "\\;,nN", f"bad escape \\{nxt}"
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            assert c not in ";,", f"unescaped {c!r} in TEXT {value!r}"
            out.append(c)
            i += 1
    return "".join(out)


def duration(text: str) -> datetime.timedelta:
    m = re.fullmatch(r"([+-]?)P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", text)
    assert m and text not in ("P", "-P", "+P"), f"bad duration {text}"
    sign = -1 if m.group(1) == "-" else 1
    w, d, h, mi, s = (int(g or 0) for g in m.groups()[1:])
    return sign * datetime.timedelta(weeks=w, days=d, hours=h, minutes=mi, seconds=s)


def strict_events(data: bytes):
    """{uid: {"start", "end", "summary", "status", "done", "alarms": [local naive datetimes]}} by the strict reader."""
    calendar = strict_parse(data)
    assert calendar["name"] == "VCALENDAR"
    props = {n: v for n, _, v in calendar["props"]}
    assert props["VERSION"] == "2.0" and "PRODID" in props
    result = {}
    for event in calendar["children"]:
        assert event["name"] == "VEVENT"
        p = {n: (params, v) for n, params, v in event["props"]}
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in p
        assert re.fullmatch(r"\d{8}T\d{6}Z", p["DTSTAMP"][1])
        assert p["DTSTART"][0] == {"VALUE": "DATE"} and p["DTEND"][0] == {"VALUE": "DATE"}
        start = datetime.datetime.strptime(p["DTSTART"][1], "%Y%m%d").date()
        end = datetime.datetime.strptime(p["DTEND"][1], "%Y%m%d").date()
        midnight = datetime.datetime.combine(start, datetime.time())
        alarms = []
        for alarm in event["children"]:
            assert alarm["name"] == "VALARM"
            a = {n: v for n, _, v in alarm["props"]}
            assert a["ACTION"] == "DISPLAY" and "DESCRIPTION" in a
            unescape(a["DESCRIPTION"])
            alarms.append(midnight + duration(a["TRIGGER"]))
        uid = unescape(p["UID"][1])
        assert uid not in result, f"duplicate UID {uid}"
        unescape(p["DESCRIPTION"][1])
        result[uid] = {"start": start, "end": end, "summary": unescape(p["SUMMARY"][1]), "status": p["STATUS"][1],
                       "done": p["X-NHACVIEC-DONE"][1] == "TRUE", "alarms": sorted(alarms),
                       "task": p["X-NHACVIEC-TASK"][1], "description": unescape(p["DESCRIPTION"][1])}
    return result


def icalendar_events(data: bytes):
    """The same facts as read by the `icalendar` package."""
    calendar = icalendar.Calendar.from_ical(data)
    result = {}
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert isinstance(start, datetime.date) and not isinstance(start, datetime.datetime)
        midnight = datetime.datetime.combine(start, datetime.time())
        alarms = sorted(midnight + alarm.decoded("TRIGGER") for alarm in event.walk("VALARM"))
        result[str(event["UID"])] = {"start": start, "end": event.decoded("DTEND"), "summary": str(event["SUMMARY"]),
                                     "status": str(event["STATUS"]), "done": str(event["X-NHACVIEC-DONE"]) == "TRUE",
                                     "alarms": alarms, "task": str(event["X-NHACVIEC-TASK"]),
                                     "description": str(event["DESCRIPTION"])}
    return result


# --------------------------------------------------------------------------- helpers

def run(*args, **kw):
    return subprocess.run([str(a) for a in args], capture_output=True, **kw)


def schedule(nhacviec, config):
    """The schedule's due days, advance instants and waiting tasks by task; the (local instant, address) of each
    digest; and each task's addresses."""
    out = run(nhacviec, "schedule", "--config", config, "--from", "2025-01-01", "--format", "json", text=True)
    assert out.returncode == 0, out.stderr
    due, advance, waiting, digests, recipients = {}, {}, set(), set(), {}
    for line in out.stdout.splitlines():
        item = json.loads(line)
        if item["kind"] == "waiting":
            waiting.add(item["task"])
            continue
        if item["kind"] == "digest":  # a weekly digest is a mail, not a task: no calendar event
            at = datetime.datetime.fromisoformat(item["at"]).replace(tzinfo=None)
            digests.update((at, to) for to in item["to"])
            continue
        recipients.setdefault(item["task"], set()).update(item.get("to", []))
        assert due.setdefault(item["task"], item["due"]) == item["due"]
        if item["kind"] == "advance":
            at = datetime.datetime.fromisoformat(item["at"])
            assert at.utcoffset() == datetime.timedelta(hours=7)
            advance.setdefault(item["task"], []).append(at.replace(tzinfo=None))
    return due, advance, waiting, digests, recipients


def tentative_tasks():
    """Tasks of the shipped plan whose due rule counts from the (tentative) conference."""
    tasks, current = set(), None
    for line in PLAN_FILE.read_text().splitlines():
        m = re.match(r"\s*- id: (\S+)", line)
        if m:
            current = m.group(1)
        m = re.match(r"\s+due: conference\b", line)
        if m:
            tasks.add(current)
    return tasks


def shipped_config(tmp_path, calendar_dir=None):
    """The shipped main file and plan, with the state (and calendar-dir) in tmp_path and sendmail a no-op."""
    shutil.copytree(ROOT / "config" / "plans.d", tmp_path / "plans.d")
    text = (ROOT / "config" / "nhacviec.yaml").read_text()
    text = re.sub(r"(?m)^state: .*$", f"state: {tmp_path / 'state.sqlite'}", text)
    text = re.sub(r"(?m)^  sendmail: .*$", "  sendmail: /bin/true", text)
    if calendar_dir:
        text = text.replace("\nholidays:", f"\ncalendar-dir: {calendar_dir}\n\nholidays:", 1)
    (tmp_path / "nhacviec.yaml").write_text(text)
    return tmp_path / "nhacviec.yaml"


def start_daemon(nhacviec, config):
    env = dict(os.environ, NHACVIEC_LOG="stderr")
    env.pop("NOTIFY_SOCKET", None)
    return subprocess.Popen([nhacviec, "run", "--config", str(config)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def stop(daemon):
    daemon.send_signal(signal.SIGTERM)
    _, err = daemon.communicate(timeout=30)
    assert daemon.returncode == 0, err
    return err


# --------------------------------------------------------------------------- tests

def test_every_date_matches_schedule_by_two_parsers(nhacviec, tmp_path):
    config = shipped_config(tmp_path)
    out = run(nhacviec, "calendar", "--config", config, PLAN_ID)
    assert out.returncode == 0, out.stderr
    assert "no ledger yet" in out.stderr.decode()
    strict, library = strict_events(out.stdout), icalendar_events(out.stdout)
    assert strict == library
    due, advance, waiting, digests, recipients = schedule(nhacviec, config)
    assert waiting == {"tra-loi-van-ban", "bao-cao-cap-tren"}
    assert {e["task"] for e in strict.values()} == set(due)
    # Every task of the plan but the two waiting for the Conclusion Notice.
    all_tasks = re.findall(r"(?m)^\s*- id: (\S+)", PLAN_FILE.read_text())
    assert len(strict) == len(due) == len(all_tasks) - 2 == 21
    tentative = tentative_tasks()
    for uid, event in strict.items():
        task = event["task"]
        assert uid == f"{PLAN_ID}/{task}@nhacviec"
        assert event["start"].isoformat() == due[task]
        assert event["end"] == event["start"] + datetime.timedelta(days=1)
        # One alarm per advance reminder of the plan, at the reminder's own day and send-at time (07:30, local).
        # The alarm is the plan's, whatever carries the mail: an advance reminder that falls on its department's
        # digest day goes out inside the digest (issue 19), and schedule shows the digest in its place.
        alarms, mailed = event["alarms"], advance.get(task, [])
        assert sorted(set(alarms)) == alarms and set(mailed) <= set(alarms), task
        for carried in set(alarms) - set(mailed):
            assert any((carried, to) in digests for to in recipients[task]), (task, carried)
        assert event["status"] == ("TENTATIVE" if task in tentative else "CONFIRMED"), task
        assert not event["done"] and not event["summary"].startswith("✓")
    # The deadline as every mail gives it, with its weekday: giay-moi is 7 days before the conference, 19/12
    # (tentative), so Friday 12/12.
    assert ("Hạn: chậm nhất thứ Sáu, ngày 12/12/2025 (dự kiến, trước 7 ngày tính đến ngày "
            in strict[f"{PLAN_ID}/giay-moi@nhacviec"]["description"])
    assert sum(len(v) for v in advance.values()) > 20
    assert sum(len(e["alarms"]) for e in strict.values()) > sum(len(v) for v in advance.values())


def test_department_calendar_holds_its_own_tasks(nhacviec, tmp_path):
    config = shipped_config(tmp_path)
    out = run(nhacviec, "calendar", "--config", config, PLAN_ID, "--department", "cong-an")
    assert out.returncode == 0, out.stderr
    events = strict_events(out.stdout)
    assert events == icalendar_events(out.stdout)
    assert {e["task"] for e in events.values()} == {"tham-du-giai-dap", "an-ninh-truoc", "an-ninh-trong", "an-ninh-sau"}
    assert all(uid.endswith("/cong-an@nhacviec") for uid in events)
    bad = run(nhacviec, "calendar", "--config", config, PLAN_ID, "--department", "khong-co", text=True)
    assert bad.returncode != 0 and "no department 'khong-co'" in bad.stderr


def test_output_dir_writes_one_file_per_plan_and_department_with_mode_0644(nhacviec, tmp_path):
    config = shipped_config(tmp_path)
    target = tmp_path / "out"
    first = run(nhacviec, "calendar", "--config", config, "--output-dir", target, text=True)
    assert first.returncode == 0, first.stderr
    names = sorted(os.listdir(target))
    assert names == sorted([f"{PLAN_ID}.ics"] + [f"{PLAN_ID}.{d}.ics" for d in DEPARTMENTS])
    for name in names:
        mode = stat.S_IMODE(os.stat(target / name).st_mode)
        assert mode == 0o644, f"{name}: {oct(mode)}"
        data = (target / name).read_bytes()
        assert strict_events(data) == icalendar_events(data)
    uids = set(strict_events((target / f"{PLAN_ID}.ics").read_bytes()))
    # A second export replaces the files in place, with the same UIDs; a file it wrote for a plan that is gone is
    # removed, anything else is left alone.
    os.chmod(target / f"{PLAN_ID}.ics", 0o600)
    shutil.copy(target / f"{PLAN_ID}.ics", target / "ke-hoach-cu.ics")
    (target / "khac.ics").write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\nEND:VCALENDAR\r\n")
    names.append("khac.ics")
    again = run(nhacviec, "calendar", "--config", config, "--output-dir", target, text=True)
    assert again.returncode == 0, again.stderr
    assert sorted(os.listdir(target)) == sorted(names)  # no temporary file left behind
    assert set(strict_events((target / f"{PLAN_ID}.ics").read_bytes())) == uids
    assert stat.S_IMODE(os.stat(target / f"{PLAN_ID}.ics").st_mode) == 0o644


def test_daemon_writes_calendar_dir_at_start_and_reload_and_done_refreshes_a_department(nhacviec, tmp_path):
    calendars = tmp_path / "cache" / "calendar"
    (tmp_path / "cache").mkdir()
    config = shipped_config(tmp_path, calendar_dir="cache/calendar")
    check = run(nhacviec, "check", "--config", config, text=True)
    assert check.returncode == 0, check.stderr
    daemon = start_daemon(nhacviec, config)
    try:
        plan_file = calendars / f"{PLAN_ID}.ics"
        wait_for(lambda: len(list(calendars.glob("*.ics"))) == 12 if calendars.exists() else False,
                 what="the daemon to write 12 calendar files")
        assert stat.S_IMODE(os.stat(calendars).st_mode) == 0o775
        for path in calendars.glob("*.ics"):
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o644
        events = strict_events(plan_file.read_bytes())
        assert events[f"{PLAN_ID}/giam-sat@nhacviec"]["start"] == datetime.date(2025, 12, 19)

        # One owner of a two-owner task reports done: its file shows it, the other owner's and the plan's do not.
        done = run(nhacviec, "done", "--config", config, PLAN_ID, "giam-sat", "--department", "hdnd", "--by", "Lan",
                   text=True)
        assert done.returncode == 0, done.stderr
        assert "warning" not in done.stderr
        hdnd = icalendar_events((calendars / f"{PLAN_ID}.hdnd.ics").read_bytes())[f"{PLAN_ID}/giam-sat/hdnd@nhacviec"]
        assert hdnd["done"] and hdnd["summary"].startswith("✓ ") and hdnd["alarms"] == []
        mttq = icalendar_events((calendars / f"{PLAN_ID}.mttq.ics").read_bytes())[f"{PLAN_ID}/giam-sat/mttq@nhacviec"]
        assert not mttq["done"] and mttq["alarms"]
        whole = strict_events(plan_file.read_bytes())[f"{PLAN_ID}/giam-sat@nhacviec"]
        assert not whole["done"] and "(đã hoàn thành)" in whole["description"]
        # The second owner too: now the plan's file marks it done.
        assert run(nhacviec, "done", "--config", config, PLAN_ID, "giam-sat", "--department", "mttq").returncode == 0
        assert strict_events(plan_file.read_bytes())[f"{PLAN_ID}/giam-sat@nhacviec"]["done"]
        # reopen undoes it in the files it affects.
        assert run(nhacviec, "reopen", "--config", config, PLAN_ID, "giam-sat", "--department", "hdnd").returncode == 0
        assert not strict_events((calendars / f"{PLAN_ID}.hdnd.ics").read_bytes())[f"{PLAN_ID}/giam-sat/hdnd@nhacviec"]["done"]
        assert not strict_events(plan_file.read_bytes())[f"{PLAN_ID}/giam-sat@nhacviec"]["done"]

        # The conference moves and becomes definite; a reload rewrites the files.
        moved = run(nhacviec, "event", "--config", config, PLAN_ID, "conference", "2025-12-18", text=True)
        assert moved.returncode == 0, moved.stderr
        daemon.send_signal(signal.SIGHUP)

        def moved_event():
            event = strict_events(plan_file.read_bytes())[f"{PLAN_ID}/giam-sat@nhacviec"]
            return event if event["start"] == datetime.date(2025, 12, 18) else None
        assert wait_for(moved_event, what="the reload to rewrite the plan's calendar")["status"] == "CONFIRMED"
    finally:
        err = stop(daemon)
    assert "calendar files written: 12" in err
    assert "could not be written" not in err


def test_daemon_keeps_running_when_the_calendar_dir_cannot_be_written(nhacviec, tmp_path):
    config = shipped_config(tmp_path, calendar_dir="missing/parent/calendar")
    daemon = start_daemon(nhacviec, config)
    try:
        wait_for(lambda: (tmp_path / "state.sqlite").exists(), what="the daemon to start")
        import time
        time.sleep(1.5)
        assert daemon.poll() is None
    finally:
        err = stop(daemon)
    assert "calendar files in" in err and "could not be written" in err
