""""Today" for the end-to-end tests, and the working days around it: the one place they read the date.

The daemon counts days in Asia/Ho_Chi_Minh, so "today" is the date there, not the machine's (UTC here). On a
day off a due-day reminder goes out on the previous working day (docs/plan-format.md, "Reminders"), so a test
that needs a reminder which is due now must not assume that today is a working day (issue 17: the suite
failed on Sunday 2026-12-06). `shift: none` does not help: it is already the default of `due: EVENT`, and it
keeps the due day, not the reminder, on a day off. Such a test puts its event on `reminder_day()`, the last
working day on or before today, taken from `nhacviec holidays` over the shipped main file
(config/nhacviec.yaml), whose announced days (`holidays:`) every e2e main file carries: the test's
calendar is the daemon's. With send-at 00:00 that reminder is due at start on any day of the year,
provided the main file's catch-up-limit covers the longest run of days off (CATCH_UP_LIMIT).

Works under libfaketime as it does on the real clock: the dates come from the clock of this process, and
`nhacviec holidays` (a child, faked the same way) only lists the year's days.
"""
import datetime
import functools
import json
import pathlib
import subprocess
import zoneinfo

ROOT = pathlib.Path(__file__).resolve().parents[3]
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
SHIPPED_MAIN = ROOT / "config" / "nhacviec.yaml"

# The main files of the tests catch up this far back. The default 7d is shorter than the longest run of
# days off: Tết 2026 runs Sat 14/02 to Sun 22/02, so on 22/02 the last working day (Fri 13/02) is 9 days
# back, and its reminder would be skipped as too late. 14d covers every run of days off from 2025 to 2030
# (at most 9 days back, so a reminder at most 10 days old).
CATCH_UP_LIMIT = "14d"


def now_hcm() -> datetime.datetime:
    return datetime.datetime.now(HCM)


def today_hcm() -> datetime.date:
    return now_hcm().date()


@functools.lru_cache(maxsize=None)
def announced_holidays() -> str:
    """The `holidays:` section of the shipped main file, as text to append to a test's main file (it is the
    file's last section): the announced days off and make-up working days of 2025 and 2026, so that, for
    example, Saturday 2026-01-10 is a working day in the tests' calendar as it is in the shipped one."""
    lines = SHIPPED_MAIN.read_text().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("holidays:"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "#", "\n")), len(lines))
    section = "".join(lines[start:end])
    assert "2026-01-10:" in section and "2026-02-17:" in section, f"no 2026 schedule in {SHIPPED_MAIN}"
    return section


class WorkingDays:
    """The working days of a calendar, read year by year from `nhacviec holidays YEAR --format json`.

    `holidays(year)` returns that command's output; `working_days(binary)` runs the built binary over the
    shipped main file, the container tests run the installed one over the installed main file."""

    def __init__(self, holidays):
        self._holidays = holidays
        self._years = {}

    def _year(self, year):
        if year not in self._years:
            rows = [json.loads(line) for line in self._holidays(year).splitlines() if line.strip()]
            assert rows, f"`nhacviec holidays {year}` listed nothing"
            self._years[year] = ({datetime.date.fromisoformat(r["date"]) for r in rows if r["off"]},
                                 {datetime.date.fromisoformat(r["date"]) for r in rows if not r["off"]})
        return self._years[year]

    def is_working(self, day: datetime.date) -> bool:
        off, work = self._year(day.year)
        return day in work or (day.weekday() < 5 and day not in off)

    def on_or_before(self, day: datetime.date) -> datetime.date:
        while not self.is_working(day):
            day -= datetime.timedelta(days=1)
        return day

    def on_or_after(self, day: datetime.date) -> datetime.date:
        while not self.is_working(day):
            day += datetime.timedelta(days=1)
        return day

    def reminder_day(self) -> datetime.date:
        """The last working day on or before today: a plan with its event on this day and send-at 00:00 has
        its due-day reminder due at once, whatever kind of day today is."""
        return self.on_or_before(today_hcm())


@functools.lru_cache(maxsize=None)
def working_days(binary, config=str(SHIPPED_MAIN)) -> WorkingDays:
    def holidays(year):
        res = subprocess.run([str(binary), "holidays", str(year), "--format", "json", "--config", config],
                             capture_output=True, text=True, timeout=60)
        assert res.returncode == 0, f"nhacviec holidays {year}: {res.stderr}"
        return res.stdout
    return WorkingDays(holidays)


def reminder_day(binary) -> datetime.date:
    """`WorkingDays.reminder_day` in the shipped calendar (the e2e main files carry its announced days)."""
    return working_days(str(binary)).reminder_day()
