"""`nhacviec event`: an event's date changed in its plan file in place, checked first, written atomically."""
import json
import os
import subprocess

from vn_days import announced_holidays

# With the shipped file's announced days, as every e2e main file (conftest.py).
MAIN = """mail:
  from: nv@example.gov.vn
  sendmail: /bin/true
state: {state}
plans: plans.d
""" + announced_holidays()

PLAN = """# Kế hoạch thử: comments and layout must survive an edit.
plan:
  id: thu
  title: Kế hoạch thử
  admin: admin@example.gov.vn

events:
  # Hội nghị: the date is known.
  hop: 2026-03-13        # thứ Sáu
  # Thông báo kết luận: signed later.
  ket-luan: tbd          # chờ Chủ tịch ký

departments:
  vp: {name: Văn phòng, email: vp@example.gov.vn}

tasks:
  - id: giay-moi
    title: Gửi Giấy mời
    owner: vp
    due: hop - 7d
  - id: tra-loi
    title: Trả lời bằng văn bản
    owner: vp
    due: ket-luan + 15wd
    overdue: {every: 2wd, times: 3}
"""


def make_config(tmp):
    (tmp / "plans.d").mkdir()
    main = tmp / "nhacviec.yaml"
    main.write_text(MAIN.format(state=tmp / "state.sqlite"))
    plan = tmp / "plans.d" / "thu.yaml"
    plan.write_text(PLAN)
    return main, plan


def run(nhacviec, main, *args):
    return subprocess.run([nhacviec, *args, "--config", str(main)], capture_output=True, text=True, timeout=60)


def test_setting_a_tbd_date_keeps_comments_mode_and_owner_and_schedules_the_waiting_task(nhacviec, tmp_path):
    main, plan = make_config(tmp_path)
    os.chmod(plan, 0o640)
    if os.geteuid() == 0:
        os.chown(plan, 4321, 4322)
    before = os.stat(plan)

    result = run(nhacviec, main, "event", "thu", "ket-luan", "2026-03-20")

    assert result.returncode == 0, result.stderr
    assert plan.read_text() == PLAN.replace("ket-luan: tbd", "ket-luan: 2026-03-20")
    after = os.stat(plan)
    assert (after.st_mode, after.st_uid, after.st_gid) == (before.st_mode, before.st_uid, before.st_gid)
    assert after.st_ino != before.st_ino, "the file is replaced by a rename, not rewritten in place"
    assert "ket-luan: tbd → 2026-03-20" in result.stdout
    assert "1 task waiting for 'ket-luan' is now scheduled" in result.stdout
    assert "systemctl reload nhacviec" in result.stdout
    assert not [p.name for p in plan.parent.iterdir() if p.name != "thu.yaml"], "no temporary file is left"

    assert run(nhacviec, main, "check").returncode == 0
    schedule = run(nhacviec, main, "schedule", "--from", "2026-01-01", "--format", "json")
    lines = [json.loads(line) for line in schedule.stdout.splitlines()]
    kinds = {line["kind"] for line in lines if line["task"] == "tra-loi"}
    assert "due" in kinds and "waiting" not in kinds


def test_tentative_turns_a_short_value_into_the_long_form_and_check_warns(nhacviec, tmp_path):
    main, plan = make_config(tmp_path)

    result = run(nhacviec, main, "event", "thu", "hop", "2026-03-20", "--tentative")

    assert result.returncode == 0, result.stderr
    assert plan.read_text() == PLAN.replace("hop: 2026-03-13        #", "hop: {date: 2026-03-20, tentative: true}        #")
    check = run(nhacviec, main, "check")
    assert check.returncode == 0
    assert "thu.yaml:9:3: warning: the date of 'hop' is tentative (dự kiến); 1 task depends on it" in check.stderr

    confirmed = run(nhacviec, main, "event", "thu", "hop", "2026-03-20")
    assert confirmed.returncode == 0, confirmed.stderr
    assert "hop: {date: 2026-03-20, tentative: false}" in plan.read_text()
    assert "is tentative" not in run(nhacviec, main, "check").stderr  # (the tmp path holds the word)


def test_an_edit_that_would_not_pass_check_writes_nothing(nhacviec, tmp_path):
    main, plan = make_config(tmp_path)
    # A second plan file that is broken: the configuration as a whole cannot pass check.
    (tmp_path / "plans.d" / "hong.yaml").write_text("plan: {id: hong, title: Hỏng}\ntasks:\n  - {id: x, title: X, owner: vp, due: 2026-01-01}\n")
    original = plan.read_bytes()
    stat = os.stat(plan)

    result = run(nhacviec, main, "event", "thu", "ket-luan", "2026-03-20")

    assert result.returncode == 1
    assert "hong.yaml" in result.stderr and "nothing was" in result.stderr
    assert plan.read_bytes() == original
    assert os.stat(plan).st_ino == stat.st_ino


def test_unknown_event_and_plan_are_clear_errors_that_write_nothing(nhacviec, tmp_path):
    main, plan = make_config(tmp_path)

    event = run(nhacviec, main, "event", "thu", "hopp", "2026-03-20")
    unknown_plan = run(nhacviec, main, "event", "khac", "hop", "2026-03-20")
    tentative_tbd = run(nhacviec, main, "event", "thu", "hop", "tbd", "--tentative")

    assert event.returncode == 1
    assert "plan 'thu' has no event 'hopp'; did you mean 'hop'? (events: hop, ket-luan)" in event.stderr
    assert unknown_plan.returncode == 1
    assert "no plan 'khac'" in unknown_plan.stderr and "plans: thu" in unknown_plan.stderr
    assert tentative_tbd.returncode != 0
    assert plan.read_text() == PLAN
