"""Petitions end to end: import a Vietnamese spreadsheet (also as an office types it: STT, department names,
"15 ngày làm việc", dd/mm/yyyy), refuse broken ones with FILE:ROW:COLUMN in Vietnamese, re-import without losing
a done mark, answer with done --ref/--date and by a reply with a document number, report in all three formats,
and open the CSV annex in LibreOffice."""
import base64
import csv
import hashlib
import hmac
import io
import json
import os
import pathlib
import shutil
import sqlite3
import subprocess
import time
import xml.etree.ElementTree as ET
import zipfile

import pytest

from vn_days import announced_holidays, today_hcm

DOMAIN = "badon.example.gov.vn"
REPLY = f"nhacviec@{DOMAIN}"

PLAN = f"""plan:
  id: ba-don
  title: Hội nghị đối thoại năm 2025
  admin: vanphong@{DOMAIN}
events:
  conference: 2025-12-19
  conclusion: 2025-12-26
departments:
  van-phong: {{name: Văn phòng HĐND và UBND phường, email: vanphong@{DOMAIN}}}
  kinh-te: {{name: "Phòng Kinh tế, Hạ tầng và Đô thị", email: kinhte@{DOMAIN}}}
  vhxh: {{name: Phòng Văn hóa - Xã hội, email: vhxh@{DOMAIN}}}
  cong-an: {{name: Công an phường, email: congan@{DOMAIN}}}
tasks:
  - id: tra-loi-van-ban
    title: Trả lời các ý kiến khác theo Thông báo kết luận
    owner: van-phong
    due: conclusion + 15wd
"""

HEADER = ["Số TT", "Nội dung kiến nghị", "Người kiến nghị", "Đơn vị trả lời", "Hạn trả lời"]
ROWS = [
    ["1", "Đề nghị thảm nhựa đường Hùng Vương, đoạn qua TDP 2", "Ông Nguyễn Văn Hùng, TDP 2", "kinh-te", "conclusion + 15wd"],
    ["2", "Mương thoát nước đường Quang Trung bị tắc;\nmùa mưa ngập úng", "Tổ dân phố Phan Chu Trinh", "kinh-te", "conclusion + 10wd"],
    ["3", "Đề nghị xét trợ cấp xã hội cho người khuyết tật \"nặng\"", "Ông Phạm Văn Bình, TDP 7", "vhxh", "conclusion + 10wd"],
    ["4", "Tăng cường tuần tra đường Chu Văn An ban đêm", "Cử tri TDP Phan Chu Trinh", "cong-an", "2026-01-30"],
]


def spreadsheet(rows, header=HEADER):
    """What a spreadsheet's "CSV UTF-8" export writes: a byte-order mark, CRLF, quotes where needed."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header] + rows)
    return b"\xef\xbb\xbf" + out.getvalue().encode()


def setup(tmp_path):
    (tmp_path / "plans.d").mkdir()
    (tmp_path / "state").mkdir()
    sendmail = tmp_path / "sendmail"
    sendmail.write_text(f"#!/bin/sh\ncat >> {tmp_path}/sent.eml\n")
    sendmail.chmod(0o755)
    (tmp_path / "nhacviec.yaml").write_text(
        f"mail:\n  from: \"Nhắc việc <{REPLY}>\"\n  reply-to: {REPLY}\n  sendmail: {sendmail} -oi\n"
        f"state: {tmp_path}/state/state.sqlite\nplans: plans.d\n" + announced_holidays())
    (tmp_path / "plans.d" / "ba-don.yaml").write_text(PLAN)
    (tmp_path / "plans.d" / "ba-don.yaml").chmod(0o640)
    return tmp_path / "nhacviec.yaml"


def nv(binary, config, *args, stdin=None):
    env = dict(os.environ, NHACVIEC_LOG="stderr")
    return subprocess.run([binary, *args, "--config", str(config)], capture_output=True, input=stdin, timeout=120, env=env)


def token(key_hex, plan, task, department):
    data = b"nhacviec-reply-v1"
    for field in (plan, task, department):
        raw = field.encode()
        data += len(raw).to_bytes(4, "big") + raw
    mac = hmac.new(bytes.fromhex(key_hex), data, hashlib.sha256).digest()[:10]
    return base64.b32encode(mac).decode().rstrip("=").lower()


def test_petitions_import_answer_and_report(nhacviec, tmp_path):
    config = setup(tmp_path)
    target = tmp_path / "plans.d" / "ba-don.kien-nghi.yaml"
    source = tmp_path / "kien-nghi.csv"
    source.write_bytes(spreadsheet(ROWS))

    # --dry-run says what would change and writes nothing.
    res = nv(nhacviec, config, "petitions", "import", "ba-don", str(source), "--dry-run")
    assert res.returncode == 0, res.stderr.decode()
    out = res.stdout.decode()
    assert "+ 1  kinh-te  conclusion + 15wd  Đề nghị thảm nhựa đường Hùng Vương" in out
    assert "4 added, 0 changed, 0 removed, 0 unchanged: added 1-4" in out
    assert not target.exists()

    res = nv(nhacviec, config, "petitions", "import", "ba-don", str(source))
    assert res.returncode == 0, res.stderr.decode()
    text = target.read_text()
    assert "petitions-for: ba-don" in text
    assert 'noi-dung: "Mương thoát nước đường Quang Trung bị tắc;\\nmùa mưa ngập úng"' in text  # readable Vietnamese
    assert 'noi-dung: "Đề nghị xét trợ cấp xã hội cho người khuyết tật \\"nặng\\""' in text
    assert oct(target.stat().st_mode & 0o777) == oct(0o640), "a new file takes the plan file's mode"
    res = nv(nhacviec, config, "check")
    assert res.returncode == 0, res.stderr.decode()
    assert "1 plan, 5 tasks" in res.stdout.decode()
    res = nv(nhacviec, config, "schedule", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "json")
    subjects = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert {"plan": "ba-don", "task": "kn-2", "kind": "due", "due": "2026-01-12"}.items() <= \
        next(s for s in subjects if s["task"] == "kn-2" and s["kind"] == "due").items()

    # Every broken spreadsheet is refused as a whole, with FILE:ROW:COLUMN, and nothing is written.
    before = target.read_bytes()
    cases = {
        "don-vi": (ROWS[:1] + [["2", "Nội dung", "Bà Lan", "Phòng Tài chính", "conclusion + 10wd"]],
                   ":3:4: error: 'Phòng Tài chính' không phải là đơn vị của kế hoạch 'ba-don' (các đơn vị: van-phong "
                   "(Văn phòng HĐND và UBND phường), kinh-te (Phòng Kinh tế, Hạ tầng và Đô thị), vhxh (Phòng Văn hóa "
                   "- Xã hội), cong-an (Công an phường))"),
        "don-vi-ambiguous": (ROWS[:1] + [["2", "Nội dung", "Bà Lan", "phong", "conclusion + 10wd"]],
                             ":3:4: error: 'phong' có thể là 3 đơn vị: van-phong (Văn phòng HĐND và UBND phường), "
                             "kinh-te (Phòng Kinh tế, Hạ tầng và Đô thị), vhxh (Phòng Văn hóa - Xã hội); ghi mã đơn vị "
                             "hoặc tên đầy đủ hơn"),
        "noi-dung": ([["1", "", "Bà Lan", "vhxh", "conclusion + 10wd"]], ":2:2: error: nội dung kiến nghị để trống"),
        "han": ([["1", "Nội dung", "", "vhxh", "sau 15 ngày"]],
                ":2:5: error: không hiểu hạn trả lời 'sau 15 ngày'; ghi một trong các dạng: 15 ngày làm việc hoặc "
                "10 ngày (tính từ Thông báo kết luận), một ngày như 30/01/2026, hoặc SỰ-KIỆN + SỐ NGÀY như "
                "conclusion + 15wd"),
        "han-date": ([["1", "Nội dung", "", "vhxh", "30/02/2026"]],
                     ":2:5: error: '30/02/2026' không phải ngày có thật: tháng 2 năm 2026 chỉ có 28 ngày"),
        # Row 2 holds a line break inside its quotes, so the duplicate starts on physical line 5.
        "so": (ROWS[:2] + [["2", "Trùng số", "", "vhxh", "2026-01-30"]],
               ":5:1: error: trùng số thứ tự 2 (đã có ở dòng 3)"),
    }
    for name, (rows, message) in cases.items():
        broken = tmp_path / f"hong-{name}.csv"
        broken.write_bytes(spreadsheet(rows))
        res = nv(nhacviec, config, "petitions", "import", "ba-don", str(broken))
        assert res.returncode == 1, name
        assert f"{broken}{message}" in res.stderr.decode().splitlines(), res.stderr.decode()
        assert f"nhacviec: 1 lỗi trong {broken}; chưa ghi gì" in res.stderr.decode().splitlines()
        assert target.read_bytes() == before
    fields = tmp_path / "hong-fields.csv"
    fields.write_bytes(spreadsheet(ROWS[:1]) + "2,Sửa đường, TDP 2,Ông A,kinh-te,2026-01-30\r\n".encode())
    res = nv(nhacviec, config, "petitions", "import", "ba-don", str(fields))
    assert res.returncode == 1
    assert f"{fields}:3:6: error: dòng này có 6 ô, dòng tiêu đề có 5; ô nào có dấu phẩy phải đặt trong dấu ngoặc kép" \
        in res.stderr.decode().splitlines()
    legacy = tmp_path / "hong-1258.csv"
    legacy.write_bytes("Số TT,Nội dung kiến nghị,Người kiến nghị,Đơn vị trả lời,Hạn trả lời\r\n".encode("utf-8")
                       + "1,Đô thi,Ông A,kinh-te,2026-01-30\r\n".encode("cp1258"))  # Đ is 0xD0 there
    res = nv(nhacviec, config, "petitions", "import", "ba-don", str(legacy))
    assert res.returncode == 1
    line = res.stderr.decode().splitlines()[0]
    assert line.startswith(f"{legacy}:2:2: error: tệp không phải văn bản UTF-8 (byte 0xD0 trong ô này)"), line
    assert "Windows-1258 hoặc TCVN3 (ABC)" in line and '"CSV UTF-8 (comma delimited)"' in line
    assert target.read_bytes() == before

    # The ledger and the reply key, as the daemon makes them (a one-day rehearsal keeps its state here).
    res = subprocess.run([nhacviec, "run", "--config", str(config), "--rehearse-from", "2025-11-01", "--until", "2025-11-02",
                          "--speed", "1000000", "--state-dir", str(tmp_path / "state")], capture_output=True, timeout=120,
                         env=dict(os.environ, NHACVIEC_LOG="stderr"))
    assert res.returncode == 0, res.stderr.decode()
    assert f"State: {tmp_path}/state/state.sqlite" in res.stdout.decode().splitlines()

    # Answers: done with a number and a date, and a reply naming its document.
    res = nv(nhacviec, config, "done", "ba-don", "kn-2", "--ref", "12/KT-HT", "--date", "2026-01-09", "--by", "Trưởng phòng Kinh tế")
    assert res.returncode == 0, res.stderr.decode()
    key = (tmp_path / "state" / "reply.key").read_text().strip()
    reply_to = f"nhacviec+{token(key, 'ba-don', 'kn-3', 'vhxh')}@{DOMAIN}"
    message = (f"From: Phòng VH-XH <vhxh@{DOMAIN}>\nTo: {reply_to}\nSubject: Re: [Nhắc việc] Trả lời kiến nghị số 3\n"
               f"Message-ID: <reply-kn3@{DOMAIN}>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
               "Content-Transfer-Encoding: 8bit\n\nĐã trả lời tại văn bản số 45/UBND-VP.\n\n> Nhắc việc đã viết:\n").encode()
    res = nv(nhacviec, config, "inbound", "--recipient", reply_to, stdin=message)
    assert res.returncode == 0, res.stderr.decode()
    today = today_hcm().isoformat()  # a reply is dated the day it comes in
    con = sqlite3.connect(f"file:{tmp_path}/state/state.sqlite?mode=ro", uri=True)
    rows = con.execute("SELECT task, department, ref, answeredOn FROM completion ORDER BY task").fetchall()
    con.close()
    # `done` without --department records each owner's part (kn-2 has one: kinh-te), never a whole-task row.
    assert rows == [("kn-2", "kinh-te", "12/KT-HT", "2026-01-09"), ("kn-3", "vhxh", "45/UBND-VP", today)]
    status = [json.loads(line) for line in nv(nhacviec, config, "status", "--format", "json").stdout.decode().splitlines()]
    kn2 = next(s for s in status if s["task"] == "kn-2")
    assert kn2["state"] == "done" and kn2["owners"][0]["ref"] == "12/KT-HT" and kn2["owners"][0]["answered_on"] == "2026-01-09"

    # Re-import a corrected spreadsheet: changed by number, the done mark of kn-2 stays.
    corrected = [r[:] for r in ROWS]
    corrected[1][1] = "Mương thoát nước đường Quang Trung bị tắc, đề nghị nạo vét"
    corrected[3][4] = "2026-02-06"
    source.write_bytes(spreadsheet(corrected + [["5", "Lắp đèn chiếu sáng ngõ 12 Lý Thường Kiệt", "Bà Trần Thị Lan", "kinh-te", "conclusion + 15wd"]]))
    res = nv(nhacviec, config, "petitions", "import", "ba-don", str(source))
    assert res.returncode == 0, res.stderr.decode()
    assert "1 added, 2 changed, 0 removed, 2 unchanged: added 5; changed 2, 4" in res.stdout.decode()
    assert "~ 4  han 2026-01-30 → 2026-02-06" in res.stdout.decode()
    status = [json.loads(line) for line in nv(nhacviec, config, "status", "--format", "json").stdout.decode().splitlines()]
    assert next(s for s in status if s["task"] == "kn-2")["state"] == "done"

    # Dropping an answered petition is refused without --force.
    before = target.read_bytes()
    source.write_bytes(spreadsheet([corrected[0], corrected[2], corrected[3]]))
    res = nv(nhacviec, config, "petitions", "import", "ba-don", str(source))
    assert res.returncode == 1
    assert "kiến nghị số 2 đã được trả lời mà không có trong" in res.stderr.decode()
    assert target.read_bytes() == before
    res = nv(nhacviec, config, "petitions", "import", "ba-don", str(source), "--dry-run", "--force")
    assert res.returncode == 0 and "- 2  Mương thoát nước" in res.stdout.decode() and "- 5  " in res.stdout.decode()
    assert target.read_bytes() == before
    source.write_bytes(spreadsheet(corrected))  # back to 1-4, dropping only the unanswered 5
    res = nv(nhacviec, config, "petitions", "import", "ba-don", str(source))
    assert res.returncode == 0, res.stderr.decode()
    assert "removed 5" in res.stdout.decode()

    # The report in three formats, as of 20/01/2026.
    res = nv(nhacviec, config, "petitions", "report", "ba-don", "--as-of", "2026-01-20")
    assert res.returncode == 0, res.stderr.decode()
    table = res.stdout.decode()
    assert "Đã trả lời đúng hạn" in table and "12/KT-HT" in table and "Tổng hợp theo đơn vị" in table
    assert "Quá hạn, chưa trả lời" in table
    res = nv(nhacviec, config, "petitions", "report", "ba-don", "--as-of", "2026-01-20", "--format", "json",
             "--state", f"{tmp_path}/state/state.sqlite")
    rows = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert [list(r) for r in rows][0] == ["number", "content", "raised_by", "department", "due", "state", "answer_ref",
                                         "answered_on", "working_days_late"]
    by = {r["number"]: r for r in rows}
    assert by[1] == {"number": 1, "content": "Đề nghị thảm nhựa đường Hùng Vương, đoạn qua TDP 2",
                     "raised_by": "Ông Nguyễn Văn Hùng, TDP 2", "department": "kinh-te", "due": "2026-01-19",
                     "state": "overdue", "answer_ref": None, "answered_on": None, "working_days_late": 1}
    assert (by[2]["state"], by[2]["answer_ref"], by[2]["answered_on"], by[2]["working_days_late"]) == \
        ("answered-on-time", "12/KT-HT", "2026-01-09", 0)
    # kn-3 was answered by the reply, dated today: late after its due day (12/01/2026), on time until then.
    assert by[3]["due"] == "2026-01-12"
    assert (by[3]["state"], by[3]["answer_ref"], by[3]["answered_on"]) == \
        ("answered-late" if today > by[3]["due"] else "answered-on-time", "45/UBND-VP", today)
    assert by[4]["state"] == "pending" and by[4]["due"] == "2026-02-06"
    res = nv(nhacviec, config, "petitions", "report", "ba-don", "--as-of", "2026-01-20", "--format", "csv")
    data = res.stdout
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 5 and b"\n" not in data.replace(b"\r\n", b"")
    first = data[3:].split(b"\r\n")[0].decode()
    assert first == ('"STT","Nội dung kiến nghị","Người kiến nghị","Đơn vị trả lời","Hạn trả lời","Tình trạng",'
                     '"Văn bản trả lời","Ngày trả lời","Số ngày làm việc quá hạn"')
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert parsed[2] == ["2", "Mương thoát nước đường Quang Trung bị tắc, đề nghị nạo vét", "Tổ dân phố Phan Chu Trinh",
                         "Phòng Kinh tế, Hạ tầng và Đô thị", "12/01/2026", "Đã trả lời đúng hạn", "12/KT-HT",
                         "09/01/2026", "0"]
    assert parsed[3][1] == 'Đề nghị xét trợ cấp xã hội cho người khuyết tật "nặng"'


OFFICE_HEADER = ["STT", "Nội dung kiến nghị", "Người kiến nghị", "Đơn vị trả lời", "Hạn trả lời"]
OFFICE_ROWS = [
    ["1", "Đề nghị thảm nhựa đường Hùng Vương", "Ông Hùng", "Phòng Kinh tế, Hạ tầng và Đô thị", "15 ngày làm việc"],
    ["2", "Mương thoát nước bị tắc", "TDP Phan Chu Trinh", "phong kinh te", "10 ngày"],
    ["3", "Trợ cấp cho người khuyết tật", "Ông Bình", "PHÒNG VĂN HÓA - XÃ HỘI", "5/1/2026"],
    ["4", "Tuần tra ban đêm", "", "Công an", "30/01/2026"],
]


def test_a_spreadsheet_as_an_office_types_it_is_stored_as_ids_and_due_rules(nhacviec, tmp_path):
    config = setup(tmp_path)
    source = tmp_path / "kien-nghi.csv"
    source.write_bytes(spreadsheet(OFFICE_ROWS, header=OFFICE_HEADER))
    res = nv(nhacviec, config, "petitions", "import", "ba-don", str(source))
    assert res.returncode == 0, res.stderr.decode()
    text = (tmp_path / "plans.d" / "ba-don.kien-nghi.yaml").read_text()
    stored = [(m.split("don-vi: ")[1].split("\n")[0], m.split("han: ")[1].split("\n")[0])
              for m in text.split("  - so: ")[1:]]
    assert stored == [("kinh-te", "conclusion + 15wd"), ("kinh-te", "conclusion + 10d"), ("vhxh", "2026-01-05"),
                      ("cong-an", "2026-01-30")]
    res = nv(nhacviec, config, "check")
    assert res.returncode == 0, res.stderr.decode()
    # Without a Conclusion Notice event, a deadline in days names the event the plan needs, at its cell.
    (tmp_path / "plans.d" / "ba-don.yaml").write_text(PLAN.replace("  conclusion: 2025-12-26\n", "")
                                                      .replace("conclusion + 15wd", "conference + 15wd"))
    (tmp_path / "plans.d" / "ba-don.kien-nghi.yaml").unlink()
    res = nv(nhacviec, config, "petitions", "import", "ba-don", str(source))
    assert res.returncode == 1
    assert res.stderr.decode().splitlines()[0] == (
        f"{source}:2:5: error: hạn '15 ngày làm việc' tính từ ngày ban hành Thông báo kết luận, nhưng kế hoạch "
        "'ba-don' không có sự kiện đó (các sự kiện: conference). Trong events của kế hoạch, thêm conclusion: "
        "{date: tbd, name: ban hành Thông báo kết luận}, hoặc đặt cho sự kiện đó name: ban hành Thông báo kết luận; "
        "hoặc ghi hạn dạng SỰ-KIỆN + 15wd")


def xlsx_cells(path):
    """The first sheet's cells of an .xlsx file by reference (A1, B2…), as text: shared strings resolved."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as book:
        shared = [''.join(t.text or "" for t in item.iter(f"{{{ns['m']}}}t"))
                  for item in ET.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", ns)]
        sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
    cells = {}
    for cell in sheet.iter(f"{{{ns['m']}}}c"):
        value = cell.find("m:v", ns)
        if value is not None:
            cells[cell.get("r")] = (shared[int(value.text)] if cell.get("t") == "s" else value.text, cell.get("t"))
    return cells


def test_the_annex_opens_in_libreoffice_with_its_diacritics(nhacviec, tmp_path):
    """LibreOffice's own CSV reader turns the annex into cells: diacritics intact, the byte-order mark taken as
    the mark and not as text, a comma, a quote and a line break kept inside their cell, dates as dd/mm/yyyy.

    The charset is given as UTF-8 (token 76 of the filter options), which is what the Text Import dialog chooses
    when it finds the mark: a headless conversion has no dialog, and LibreOffice 7.4's default there is
    Windows-1252 whatever the file says (docs/petitions.md, "The annex")."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: apt-get install -y --no-install-recommends libreoffice-calc "
                    "(scripts/test installs it)")
    config = setup(tmp_path)
    source = tmp_path / "kien-nghi.csv"
    rows = [r[:] for r in ROWS]
    rows[0][1] = 'Đề nghị thảm nhựa đường "Hùng Vương", đoạn qua TDP 2\nmặt đường xuống cấp'
    source.write_bytes(spreadsheet(rows))
    assert nv(nhacviec, config, "petitions", "import", "ba-don", str(source)).returncode == 0
    res = nv(nhacviec, config, "petitions", "report", "ba-don", "--as-of", "2026-01-20", "--format", "csv")
    assert res.returncode == 0, res.stderr.decode()
    annex = tmp_path / "phu-luc.csv"
    annex.write_bytes(res.stdout)
    started = time.monotonic()
    res = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                          "--infilter=Text - txt - csv (StarCalc):44,34,76,1", "--convert-to", "xlsx",
                          "--outdir", str(tmp_path / "xlsx"), str(annex)], capture_output=True, timeout=120)
    assert res.returncode == 0, res.stderr.decode()
    print(f"soffice --convert-to xlsx: {time.monotonic() - started:.1f} s")
    cells = xlsx_cells(tmp_path / "xlsx" / "phu-luc.xlsx")
    headings = [cells[f"{column}1"][0] for column in "ABCDEFGHI"]
    assert headings == ["STT", "Nội dung kiến nghị", "Người kiến nghị", "Đơn vị trả lời", "Hạn trả lời", "Tình trạng",
                        "Văn bản trả lời", "Ngày trả lời", "Số ngày làm việc quá hạn"]
    assert cells["A2"] == ("1", "n")  # a number
    assert cells["B2"][0] == 'Đề nghị thảm nhựa đường "Hùng Vương", đoạn qua TDP 2\nmặt đường xuống cấp'
    assert cells["C2"][0] == "Ông Nguyễn Văn Hùng, TDP 2"
    assert cells["D2"][0] == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert cells["E2"] == ("19/01/2026", "s")  # the date as the office writes it, not a number of days
    assert cells["F2"][0] == "Quá hạn, chưa trả lời"
    assert cells["I2"] == ("1", "n")
    assert cells["D4"][0] == "Phòng Văn hóa - Xã hội"
    assert "A6" not in cells  # four petitions, nothing spilled into extra rows
