"""Hostile plans through the real binary: `nhacviec check` answers each with exit status 1 and a positioned
message, and never dies of a signal (a stack overflow), nor stalls.

Run:  NHACVIEC_BIN=$PWD/.build/debug/nhacviec python3 -m pytest -q Tests/e2e/test_hostile_plans.py
"""
import subprocess

import pytest

from conftest import write_config

# Long enough for a debug build on a busy 2-core machine; a quadratic parse took minutes.
TIMEOUT = 120


def check(nhacviec, config):
    result = subprocess.run([nhacviec, "check", "--config", str(config)], capture_output=True, timeout=TIMEOUT)
    assert result.returncode >= 0, f"killed by signal {-result.returncode}: {result.stderr[-2000:]!r}"
    return result.returncode, result.stderr.decode("utf-8")


def plan_with(tmp_path, edit):
    """The shared e2e plan, changed by `edit` (text to text, or text to bytes); returns the config and plan paths."""
    config = write_config(tmp_path, "/bin/true", "2025-12-19")
    plan = tmp_path / "plans.d" / "e2e.yaml"
    changed = edit(plan.read_text())
    if isinstance(changed, bytes):
        plan.write_bytes(changed)
    else:
        plan.write_text(changed)
    return config, plan


NESTED_TOO_DEEP = "sections are nested more than 32 deep; a reminder template needs only a few levels"


@pytest.mark.parametrize("template", [
    "{{#a}}" * 20000 + "x" + "{{/a}}" * 20000,
    "{{^a}}" * 20000,
    "{{=<% %>=}}" + "<%#a%>" * 20000,
], ids=["sections", "inverted-unclosed", "changed-delimiters"])
def test_a_template_nested_thousands_deep_is_refused_at_the_templates_section(nhacviec, tmp_path, template):
    config, plan = plan_with(tmp_path, lambda text: text + f'templates:\n  body: "{template}"\n')
    status, stderr = check(nhacviec, config)
    assert status == 1, stderr
    column = 204 if template.startswith("{{=") else 193
    assert f"{plan}:25:1: error: body template, line 1, column {column}: {NESTED_TOO_DEEP}" in stderr, stderr


def test_yaml_nested_thousands_deep_is_refused_where_the_limit_is_reached(nhacviec, tmp_path):
    config, plan = plan_with(tmp_path, lambda text: text.replace("    remind: [0d]", "    remind: " + "[" * 100000 + "]" * 100000))
    status, stderr = check(nhacviec, config)
    assert status == 1, stderr
    assert f"{plan}:18:" in stderr and "lists and mappings are nested more than 1000 levels deep" in stderr, stderr


@pytest.mark.parametrize("old, new, position, what", [
    ("name: Văn phòng HĐND và UBND phường", "name: " + "X" * 5000, "11:14", "department name is 5000"),
    ("title: Gửi Giấy mời Hội nghị", "title: " + "Đ" * 5000, "15:12", "task title is 5000"),
    ("title: Kế hoạch kiểm thử", "title: " + "k" * 301, "3:10", "plan title is 301"),
], ids=["department-name", "task-title", "plan-title"])
def test_a_name_or_title_over_300_characters_is_refused_naming_the_limit(nhacviec, tmp_path, old, new, position, what):
    config, plan = plan_with(tmp_path, lambda text: text.replace(old, new))
    status, stderr = check(nhacviec, config)
    assert status == 1, stderr
    assert f"{plan}:{position}: error: {what} characters long; the limit is 300" in stderr, stderr


def test_a_duplicate_among_300000_keys_is_found_at_the_second_key_without_stalling(nhacviec, tmp_path):
    keys = "".join(f"  e{i}: tbd\n" for i in range(300000))
    config, plan = plan_with(tmp_path, lambda text: text.replace("events:\n", "events:\n" + keys + "  e5: tbd\n"))
    status, stderr = check(nhacviec, config)
    assert status == 1, stderr
    assert f"{plan}:300009:3: error: YAML syntax: duplicate key 'e5' (first on line 14)" in stderr, stderr


def test_invalid_utf8_is_placed_at_its_byte(nhacviec, tmp_path):
    config, plan = plan_with(tmp_path, lambda text: text.encode().replace("Kế hoạch".encode(), b"K\xe1\xbb hoach"))
    status, stderr = check(nhacviec, config)
    assert status == 1, stderr
    assert f"{plan}:3:11: error: invalid UTF-8 (byte 0xE1 at line 3, column 11); save the file as UTF-8" in stderr, stderr


@pytest.mark.parametrize("old, new, message", [
    ("hop: 2025-12-19", "hop: 2090-01-02", "23:10: error: due day 2128-10-15 is outside the supported years 1968-2100"),
    ("hop: 2025-12-19", "hop: 3000-01-01", "9:8: error: event 'hop' 3000-01-01 is outside the supported years 1968-2100"),
])
def test_a_day_outside_the_calendar_is_refused_at_its_value(nhacviec, tmp_path, old, new, message):
    config, plan = plan_with(tmp_path, lambda text: text.replace(old, new).replace("due: hop + 30d", "due: hop + 9999wd"))
    status, stderr = check(nhacviec, config)
    assert status == 1, stderr
    assert f"{plan}:{message}" in stderr, stderr


@pytest.mark.parametrize("old, new, message", [
    ("title: Báo cáo kết quả", 'title: "Báo cáo\\0kết quả"', "21:12: error: control character U+0000 in task title"),
    ("id: bao-cao", 'id: "bao\\x1bcao"', "20:9: error: control character U+001B in task id"),
    ("email: vp@example.gov.vn", 'email: "vp@example.gov.vn\\x07"', "11:52: error: control character U+0007 in email"),
    ("hop: 2025-12-19", 'hop: "2025-12-19\\x01"', "9:8: error: control character U+0001 in event 'hop'"),
])
def test_a_control_character_is_refused_where_it_is_written(nhacviec, tmp_path, old, new, message):
    config, plan = plan_with(tmp_path, lambda text: text.replace(old, new))
    status, stderr = check(nhacviec, config)
    assert status == 1, stderr
    assert f"{plan}:{message}; delete it" in stderr, stderr
