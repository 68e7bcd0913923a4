"""scripts/demo, the README's first command, tells one short true story (issue 19): the Maildir and the petitions
report agree, and the full output is in a log. Run with NHACVIEC_BIN, so the demo skips its release build.

Reads no date of the machine: the demo rehearses November 2025 to February 2026 on a virtual clock."""
import re
import subprocess

import pytest

from conftest import ROOT
from mailparse import maildir_messages, parse

pytestmark = pytest.mark.no_faketime("a rehearsal stops on a CLOCK_MONOTONIC Dispatch timer, which libfaketime breaks")


def test_the_demo_prints_a_short_story_and_its_mail_agrees_with_its_report(nhacviec):
    result = subprocess.run([str(ROOT / "scripts" / "demo")], capture_output=True, text=True, timeout=600,
                            env={"PATH": "/usr/local/bin:/usr/bin:/bin", "NHACVIEC_BIN": nhacviec})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = result.stdout
    story = out.split("==> 6.")[0]
    assert len(story.splitlines()) <= 40, story  # the steps and their counts; the rest is in the log
    work = re.search(r"a copy of config/ in (/tmp/nhacviec-demo\.\w+)", out).group(1)
    log = open(f"{work}/demo.log", encoding="utf-8").read()
    assert "nhacviec petitions import" in out and "20 added" in log
    mails = [parse(p) for p in maildir_messages(f"{work}/Maildir")]
    counted = sum(int(n) for n in re.findall(r": (\d+) mails delivered", out))
    assert counted == len(mails) > 100
    assert f"{len(mails)} mails in {work}/Maildir" in out
    # The conference date was fixed before the rehearsal: no mail calls it tentative.
    assert not [m["Subject"] for m in mails if "dự kiến" in m["Subject"]]
    # Petition 2 was answered on 09/01/2026 and the report says so; its reminders stop that day.
    assert re.search(r"(?m)^2 .*Đã trả lời đúng hạn\s+12/KT-HT\s+2026-01-09", out), out
    petition2 = [m for m in mails if "kiến nghị số 2 " in m["Subject"] + " " or "Kiến nghị số 2:" in m["body"]]
    assert petition2, "petition 2 was reminded before its answer"
    late = [m["Message-ID"] for m in petition2 if re.search(r"\.(\d{8})", m["Message-ID"]).group(1) > "20260109"]
    assert late == [], late
    assert re.search(r"(?m)^7 .*Đã trả lời quá hạn\s+08/VHXH\s+2026-01-16\s+\d+", out), out
