#!/usr/bin/env python3
"""gen_plans.py: a deterministic, large nhacviec data set for benchmarks.

Usage:
    benchmarks/gen_plans.py OUTDIR [--plans 2000] [--tasks 100] [--start 2027-01-04]
                                   [--sendmail '/bin/true'] [--seed 2027]

Writes
    OUTDIR/nhacviec.yaml            main file: the shipped holidays (copied from config/nhacviec.yaml),
                                    `plans: plans.d`, `state: OUTDIR/state.sqlite`, the given sendmail
    OUTDIR/plans.d/plan-NNNN.yaml   one plan per file, --tasks tasks each

Each plan has 5 events spread over the year that starts at --start (the first event no earlier than
--start, the last about 330 days later), 5 departments and tasks cycling through four due-rule forms:

    ev - 7d     (shift: earlier)       ev + 15wd
    YYYY-MM-DD  (an absolute date)     ev - 3wd / ev (the event's day)

`remind` lists 3 or 4 offsets; 40 % of the tasks have `overdue: {every: 1wd, times: 3}`, a third have
`escalate: {after: 2wd, to: [lanh-dao]}` (the rest inherit `defaults`, which has neither). With the
defaults (2000 plans x 100 tasks) `nhacviec schedule` lists about 1,000,000 reminder instances.

The output depends only on the arguments: the same command writes byte-identical files.
"""

import argparse
import datetime as dt
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHIPPED_MAIN = os.path.join(HERE, "..", "config", "nhacviec.yaml")

DEPARTMENTS = [
    ("van-phong", "Văn phòng HĐND và UBND phường", "vanphong"),
    ("vhxh", "Phòng Văn hóa - Xã hội", "vhxh"),
    ("kinh-te", "Phòng Kinh tế, Hạ tầng và Đô thị", "kinhte"),
    ("cong-an", "Công an phường", "congan"),
    ("lanh-dao", "Chủ tịch UBND phường", "chutich"),
]
OWNER_POOL = ["van-phong", "vhxh", "kinh-te", "cong-an"]

EVENTS = ["hoi-nghi", "tiep-xuc", "so-ket", "kiem-tra", "tong-ket"]

TITLES = [
    "Xây dựng kế hoạch chi tiết và dự toán kinh phí",
    "Gửi Giấy mời đại biểu tham dự Hội nghị",
    "Chuẩn bị tài liệu, báo cáo phục vụ Hội nghị",
    "Thông báo trên hệ thống truyền thanh phường",
    "Tổng hợp ý kiến, kiến nghị của Nhân dân",
    "Bảo đảm an ninh trật tự trong thời gian tổ chức",
    "Trả lời bằng văn bản các kiến nghị thuộc thẩm quyền",
    "Báo cáo kết quả thực hiện về UBND tỉnh",
    "Công khai kết quả trên Cổng thông tin điện tử",
    "Rà soát, cập nhật số liệu thống kê quý",
]

# remind lists: 3 or 4 distinct offsets; no two of them normally land on the same day
REMIND_LISTS = [
    "[5wd, 2wd, 0d]",
    "[10wd, 3wd, 1wd, 0d]",
    "[3wd, 1wd, 0d]",
    "[7d, 2wd, 1wd, 0d]",
    "[15d, 5wd, 0d]",
    "[10wd, 5wd, 2wd, 0d]",
]

PLAN_TITLES = [
    "Kế hoạch tổ chức Hội nghị tiếp xúc, đối thoại với Nhân dân",
    "Kế hoạch kiểm tra công tác cải cách hành chính",
    "Kế hoạch tổng kết công tác năm và triển khai nhiệm vụ",
    "Kế hoạch tuyên truyền, phổ biến giáo dục pháp luật",
]


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Generate a large nhacviec data set for benchmarks.")
    parser.add_argument("outdir")
    parser.add_argument("--plans", type=int, default=2000)
    parser.add_argument("--tasks", type=int, default=100)
    parser.add_argument("--start", default="2027-01-04", help="earliest event date, YYYY-MM-DD")
    parser.add_argument("--sendmail", default="/bin/true", help="mail.sendmail command (absolute path first)")
    parser.add_argument("--seed", type=int, default=2027)
    args = parser.parse_args(argv)
    if args.plans < 1 or args.plans > 99999:
        parser.error("--plans must be 1-99999")
    if args.tasks < 1 or args.tasks > 9999:
        parser.error("--tasks must be 1-9999")
    try:
        args.start = dt.date.fromisoformat(args.start)
    except ValueError:
        parser.error("--start must be a date YYYY-MM-DD")
    if not args.sendmail.startswith("/"):
        parser.error("--sendmail must start with an absolute path")
    return args


def holidays_section():
    """The `holidays:` block of the shipped main file, verbatim (comments included)."""
    with open(SHIPPED_MAIN, encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("holidays:"):
            block = lines[i:]
            break
    else:
        sys.exit(f"gen_plans.py: no 'holidays:' section in {SHIPPED_MAIN}")
    end = len(block)
    for j in range(1, len(block)):  # stop at the next top-level key, if any
        if block[j][:1] not in ("", " ", "\n", "#"):
            end = j
            break
    return "".join(block[:end]).rstrip("\n") + "\n"


def yaml_quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main_file(outdir, sendmail):
    state = os.path.join(outdir, "state.sqlite")
    return (
        "# Benchmark data set written by benchmarks/gen_plans.py; do not edit.\n"
        "mail:\n"
        '  from: "Nhắc việc (benchmark) <nhacviec@bench.example.gov.vn>"\n'
        f"  sendmail: {sendmail}\n"
        "  timeout: 120s\n"
        "  temporary-exit-codes: [69, 75]\n"
        f"state: {yaml_quote(state)}\n"
        "plans: plans.d\n"
        "catch-up-limit: 7d\n"
        + holidays_section()
    )


def plan_file(n, tasks, start, seed):
    rng = random.Random(seed * 100003 + n)
    ident = f"plan-{n:04d}"
    out = []
    w = out.append
    w(f"# Benchmark plan {n:04d} (benchmarks/gen_plans.py)\n")
    w("plan:\n")
    w(f"  id: {ident}\n")
    w(f"  title: {PLAN_TITLES[n % len(PLAN_TITLES)]} (số {n:04d})\n")
    w(f"  authority: UBND phường Thử Tải {n % 37 + 1}\n")
    w("  timezone: Asia/Ho_Chi_Minh\n")
    w(f'  send-at: "{7 + n % 3:02d}:{(n % 4) * 15:02d}"\n')
    w(f"  admin: vanphong{n % 37 + 1}@bench.example.gov.vn\n")
    w("\n")

    # events spread over the year: plan n's first event is offset by n, the others follow
    w("events:\n")
    event_dates = {}
    for k, name in enumerate(EVENTS):
        day = (n * 7 + k * 67 + rng.randrange(0, 20)) % 330
        event_dates[name] = start + dt.timedelta(days=day)
        w(f"  {name}: {event_dates[name].isoformat()}\n")
    w("\n")

    w("departments:\n")
    unit = n % 37 + 1
    for dep_id, dep_name, mailbox in DEPARTMENTS:
        w(f"  {dep_id}:\n")
        w(f"    name: {dep_name}\n")
        if dep_id == "vhxh":
            w(f"    email: [{mailbox}{unit}@bench.example.gov.vn, truongphong.{mailbox}{unit}@bench.example.gov.vn]\n")
            w(f"    cc: pho.chutich{unit}@bench.example.gov.vn\n")
        else:
            w(f"    email: {mailbox}{unit}@bench.example.gov.vn\n")
    w("\n")

    w("defaults:\n")
    w("  remind: [5wd, 1wd, 0d]\n")
    w("  overdue: none\n")
    w("  escalate: none\n")
    w("\n")

    w("tasks:\n")
    for t in range(tasks):
        event = EVENTS[(t + n) % len(EVENTS)]
        w(f"  - id: viec-{t:04d}\n")
        w(f"    title: {TITLES[(t * 7 + n) % len(TITLES)]} ({t + 1})\n")
        if t % 10 == 0:
            w("    description: >-\n")
            w("      Chủ trì, phối hợp với các đơn vị liên quan thực hiện; báo cáo kết quả\n")
            w("      về Văn phòng HĐND và UBND phường để tổng hợp.\n")
        owners = [OWNER_POOL[(t + n) % 4]]
        if t % 6 == 0:
            owners.append(OWNER_POOL[(t + n + 1) % 4])
        w(f"    owner: {owners[0] if len(owners) == 1 else '[' + ', '.join(owners) + ']'}\n")

        form = t % 4
        if form == 0:
            w(f"    due: {event} - 7d\n")
            w("    shift: earlier\n")
        elif form == 1:
            w(f"    due: {event} + 15wd\n")
        elif form == 2:
            day = start + dt.timedelta(days=(n * 11 + t * 3 + rng.randrange(0, 30)) % 335)
            w(f"    due: {day.isoformat()}\n")
        else:
            w(f"    due: {event} - 3wd\n" if t % 8 == 3 else f"    due: {event}\n")

        choice = rng.randrange(0, len(REMIND_LISTS) + 1)
        if choice < len(REMIND_LISTS):  # otherwise inherit defaults: [5wd, 1wd, 0d]
            w(f"    remind: {REMIND_LISTS[choice]}\n")
        if t % 5 in (0, 2):
            w("    overdue: {every: 1wd, times: 3}\n")
        if t % 3 == 1:
            w("    escalate: {after: 2wd, to: [lanh-dao]}\n")
    return ident, "".join(out)


def main(argv):
    args = parse_args(argv)
    outdir = os.path.abspath(args.outdir)
    plans_dir = os.path.join(outdir, "plans.d")
    os.makedirs(plans_dir, exist_ok=True)
    for name in os.listdir(plans_dir):  # a re-run with fewer plans must not leave old files behind
        if name.startswith("plan-") and name.endswith(".yaml"):
            os.unlink(os.path.join(plans_dir, name))
    with open(os.path.join(outdir, "nhacviec.yaml"), "w", encoding="utf-8") as f:
        f.write(main_file(outdir, args.sendmail))
    for n in range(1, args.plans + 1):
        ident, text = plan_file(n, args.tasks, args.start, args.seed)
        with open(os.path.join(plans_dir, ident + ".yaml"), "w", encoding="utf-8") as f:
            f.write(text)
    print(f"gen_plans.py: {outdir}/nhacviec.yaml, {args.plans} plans x {args.tasks} tasks in {plans_dir}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
