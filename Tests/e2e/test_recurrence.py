"""Half a year of recurring reports (issue 20): the shipped example plan config/examples/bao-cao-dinh-ky.yaml,
rehearsed by the real daemon on a virtual clock into a Maildir, in two runs on one ledger with a reply by mail
(`nhacviec inbound`) and a `done` between.

Reads no date of the machine: the window is 2027, fixed; the real-date steps name their occurrences (the reply by
its token, `done` by --occurrence). Not under libfaketime, for the reason of test_daemon's rehearsal (a CLOCK_MONOTONIC stop).
"""
import datetime
import json
import re
import shutil
import sqlite3
import subprocess

import pytest

from conftest import ROOT
from mailparse import maildir_messages, parse

pytestmark = pytest.mark.no_faketime("a rehearsal stops on a CLOCK_MONOTONIC Dispatch timer, which libfaketime breaks")

PLAN = "bao-cao-dinh-ky"
EXAMPLE = ROOT / "config" / "examples" / f"{PLAN}.yaml"


def office(tmp_path):
    """A main file like the shipped one (2025-2026's announced days), its state in tmp_path/state, the example plan."""
    (tmp_path / "plans.d").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "plans.d")
    (tmp_path / "state").mkdir()
    main = (ROOT / "config" / "nhacviec.yaml").read_text()
    main = re.sub(r"(?m)^state: .*$", f"state: {tmp_path}/state/state.sqlite", main)
    # Replies by mail on: each department its own copy with a reply address; inbound's acknowledgements go to a
    # Maildir of their own.
    main = re.sub(r"(?m)^  sendmail: .*$", f"  sendmail: {ROOT}/scripts/rehearsal/maildir-sendmail --maildir "
                  f"{tmp_path}/acks -oi\n  reply-to: nhacviec@badon.example.gov.vn", main)
    config = tmp_path / "nhacviec.yaml"
    config.write_text(main)
    return config


def rehearse(nhacviec, config, tmp_path, start, until, maildir):
    result = subprocess.run([nhacviec, "run", "--config", str(config), "--rehearse-from", start, "--until", until,
                             "--speed", "1000000", "--maildir", str(maildir), "--state-dir", str(tmp_path / "state")],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    return [parse(p) for p in maildir_messages(str(maildir))]


def schedule(nhacviec, config, start, end):
    out = subprocess.run([nhacviec, "schedule", "--config", str(config), "--from", start, "--to", end, "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def mails_of(rows):
    """With replies by mail, one mail per department (here, per address) and minute; an escalation is its own."""
    return {(r["at"], to, r["task"] if r["kind"] == "escalation" else "") for r in rows for to in r["to"]}


def items(message):
    """The (kind, day, task) of a single reminder from its Message-ID; None for a grouped mail."""
    # <KIND.YYYYMMDD.TASK.PLAN[.DEPARTMENT]@DOMAIN>: a department's own copy carries its department.
    m = re.search(r"<(advance|due|overdue|escalation)\.(\d{8})\.(.+?)\.%s[.@]" % PLAN, message["Message-ID"])
    return m.groups() if m else None


def test_half_a_year_of_recurring_reports_mails_each_occurrence_and_a_reply_or_done_closes_only_its_own(nhacviec, tmp_path):
    config = office(tmp_path)
    check = subprocess.run([nhacviec, "check", "--config", str(config)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr

    first = rehearse(nhacviec, config, tmp_path, "2027-01-01", "2027-03-17", tmp_path / "jan-mar")
    # Phòng VH-XH answers the mail of 17/03, which lists March's report (3 working days ahead) and the first
    # quarter's (overdue): "Đã hoàn thành tất cả" closes those two occurrences for it, and nothing else.
    to_vhxh = [m for m in first if "vhxh@badon.example.gov.vn" in (m["To"] or "") and ".20270317" in m["Message-ID"]]
    assert len(to_vhxh) == 1, [m["Message-ID"] for m in to_vhxh]
    listed = to_vhxh[0]
    assert "tháng 3/2027" in listed["body"] and "quý I/2027" in listed["body"], listed["body"]
    reply_to = listed["addresses"]["Reply-To"][0]
    reply = (f"From: Phòng Văn hóa - Xã hội <vhxh@badon.example.gov.vn>\nTo: {reply_to}\n"
             f"Subject: Re: {listed['Subject']}\nIn-Reply-To: {listed['Message-ID'].strip()}\n"
             "Message-ID: <reply-vhxh-0317@badon.example.gov.vn>\nMIME-Version: 1.0\n"
             "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nĐã hoàn thành tất cả.\n")
    inbound = subprocess.run([nhacviec, "inbound", "--config", str(config), "--recipient", reply_to],
                             input=reply.encode(), capture_output=True, timeout=60)
    assert inbound.returncode == 0, inbound.stderr.decode()
    con = sqlite3.connect(f"file:{tmp_path}/state/state.sqlite?mode=ro", uri=True)
    marked = sorted(con.execute("SELECT task, department FROM completion").fetchall())
    con.close()
    assert marked == [("bao-cao-quy+2027-Q1", "vhxh"), ("bao-cao-thang+2027-03", "vhxh")]
    assert maildir_messages(str(tmp_path / "acks")), "the reply was acknowledged"
    # May's monthly report is done ahead of time by everyone; only May's occurrence closes.
    done = subprocess.run([nhacviec, "done", "--config", str(config), PLAN, "bao-cao-thang", "--occurrence", "2027-05"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "bao-cao-thang+2027-05" in done.stdout, done.stdout
    second = rehearse(nhacviec, config, tmp_path, "2027-03-18", "2027-06-30", tmp_path / "mar-jun")

    # Every scheduled reminder went out, one mail per department and minute: the schedule from the first run's
    # catch-up window (7 days) on, less May's report and VH-XH's part of March's and Q1's after its reply, gives
    # exactly the mails of both runs.
    def answered(r):
        return r["task"] == "bao-cao-thang+2027-05" or (
            r["task"] in ("bao-cao-thang+2027-03", "bao-cao-quy+2027-Q1") and r["at"] >= "2027-03-18")
    rows = [dict(r, to=[t for t in r["to"] if not (answered(r) and t.startswith("vhxh@"))])
            for r in schedule(nhacviec, config, "2026-12-25", "2027-06-30")
            if r["at"] >= "2026-12-25" and r["task"] != "bao-cao-thang+2027-05"]
    assert len(first) + len(second) == len(mails_of(rows))
    ids = [m["Message-ID"] for m in first + second]
    assert len(set(ids)) == len(ids), "no reminder twice across the restart on one ledger"

    def mentions(messages, text):
        # A title is lowercased after "V/v" in a subject and inside a sentence of the body.
        text = text.lower()
        return [m["Message-ID"] for m in messages if text in m["Subject"].lower() or text in m["body"].lower()]

    # March's report after the reply: the Office and Phòng Kinh tế are still reminded, Phòng VH-XH no more; April's
    # reaches all three; May's nobody. Each occurrence has its own thread.
    march = [m for m in second if "báo cáo công tác tháng 3/2027" in (m["Subject"] + m["body"]).lower()]
    assert march and not [m["Message-ID"] for m in march if "vhxh@" in (m["To"] or "")]
    assert [m for m in march if "vanphong@" in (m["To"] or "")] and [m for m in march if "kinhte@" in (m["To"] or "")]
    april = [m for m in second if "báo cáo công tác tháng 4/2027" in (m["Subject"] + m["body"]).lower()]
    assert {to for m in april for to in ("vanphong@", "vhxh@", "kinhte@") if to in (m["To"] or "")} == \
        {"vanphong@", "vhxh@", "kinhte@"}
    assert mentions(second, "Báo cáo công tác tháng 5/2027") == []
    for month, due in (("2", "22/02/2027"), ("4", "20/04/2027"), ("6", "21/06/2027")):
        assert mentions(first + second, f"Báo cáo công tác tháng {month}/2027 – chậm nhất ngày {due}"), (month, due)
    threads = {m["In-Reply-To"].strip() for m in first + second if (items(m) or ("", "", ""))[2].startswith("bao-cao-thang+")}
    assert {"<bao-cao-thang+2027-02.%s@badon.example.gov.vn>" % PLAN,
            "<bao-cao-thang+2027-04.%s@badon.example.gov.vn>" % PLAN} <= threads

    # The Monday briefing (shift: skip): every working Monday of the window, and nothing on 08/02/2027 (Tết,
    # mùng 3) or 03/05/2027 (the day off in place of Saturday 1 May).
    briefings = [r["due"] for r in rows if r["task"].startswith("giao-ban+") and r["kind"] == "due"]
    assert "2027-02-08" not in briefings and "2027-05-03" not in briefings
    mondays = [datetime.date(2027, 1, 4) + datetime.timedelta(weeks=w) for w in range(26)]
    assert len(briefings) == len(mondays) - 2
    for stamp in ("20270208", "20270503"):
        assert not [m["Message-ID"] for m in first + second if f".{stamp}" in m["Message-ID"]
                    and ("giao-ban+" in m["Message-ID"] or "họp giao ban" in m["body"].lower())], stamp
    assert not mentions(first, "Họp giao ban đầu tuần 6/2027")
    assert mentions(first, "Họp giao ban đầu tuần 5/2027") and mentions(first, "Họp giao ban đầu tuần 7/2027")

    # The quarter's report names its quarter, last month's statistics the month they report on.
    assert mentions(first + second, "Báo cáo kết quả thực hiện nhiệm vụ quý I/2027 – chậm nhất ngày 15/03/2027")
    assert mentions(first + second, "Báo cáo kết quả thực hiện nhiệm vụ quý II/2027 – chậm nhất ngày 15/06/2027")
    assert mentions(first, "Gửi số liệu thống kê tháng 1/2027 về Văn phòng – chậm nhất ngày 12/02/2027")
    for m in first + second:
        assert not m["defects"], (m["Message-ID"], m["defects"])
        assert "{{period}}" not in m["Subject"] and "{{period}}" not in m["body"]
