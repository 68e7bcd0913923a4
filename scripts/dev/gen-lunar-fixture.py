#!/usr/bin/env python3
"""Generate an INDEPENDENT reference table of the Vietnamese lunar calendar.

The Swift code (NhacViecCore) implements Ho Ngoc Duc's arithmetic algorithm.
This script does NOT use that algorithm: it derives the calendar from real
astronomy (true new moons and true solar longitude) computed by the
`astronomy-engine` package, and applies the traditional rules directly:

  * day 1 of a lunar month = the civil date, in UTC+7, of a new moon
    (geocentric Sun-Moon conjunction in ecliptic longitude);
  * month 11 = the lunar month containing (the UTC+7 date of) the winter
    solstice (apparent solar longitude 270 deg);
  * if 13 new moons fall between two consecutive months 11, the first month
    after the first month 11 containing no major solar term (zhongqi,
    apparent solar longitude a multiple of 30 deg, dated in UTC+7) is leap
    and takes the number of the month before it;
  * lunar year N = the months from month 1 starting in Gregorian year N up to
    (excluding) the next month 1.

Install (the fixture in the repo was produced with exactly these versions):

    pip install astronomy-engine==2.1.19
    # optional, only for the cross-checks printed at the end:
    pip install ephem==4.2.1 lunardate==0.3.0 lunar-python==1.4.8

Run from the repository root:

    python3 scripts/dev/gen-lunar-fixture.py

Outputs (tab-separated, LF line endings, deterministic):

    Tests/NhacViecCoreTests/Fixtures/lunar-months-vn.tsv
        lunar_year  month  leap  start          (one row per lunar month,
                                                  lunar years 1968..2100)
    Tests/NhacViecCoreTests/Fixtures/lunar-holidays-vn.tsv
        year  tet  gio_to                       (Gregorian years 1968..2100;
                                                  tet = 1/1, gio_to = 10/3 of
                                                  the regular month 3)

It also prints sanity checks against known dates, the events lying close to
a local midnight (where any two implementations may legitimately disagree),
and the years where a UTC+8 (Chinese) computation of the same rules gives a
different Tet or Gio To date, plus optional comparisons with PyEphem and the
Chinese-calendar packages lunardate / lunar-python.  Runs in a few seconds.

Known results (astronomy-engine 2.1.19), useful when a test of the Swift
implementation disagrees with this table:
  * Ho Ngoc Duc's algorithm (UTC+7) gives the same 1645 months except two, both
    new moons within a minute of UTC+7 midnight, where the future value of
    Delta T (Earth rotation) decides and no implementation can be sure:
      lunar 2072 month 11: here 2072-12-09 (new moon 23:59:22), HND 2072-12-10
      lunar 2085 month 9:  here 2085-10-19 (new moon 00:00:16), HND 2085-10-18
    PyEphem puts the 2077-11-16 00:00:36 new moon before midnight too (it runs
    about a minute earlier than astronomy-engine in the 2070s-2080s).
    Tet and Gio To dates are identical between the two for 1968..2100.
  * UTC+7 vs UTC+8: Tet differs in 1968, 1969, 1985, 2007, 2030, 2053; Gio To
    (10/3) in 1975, 2009, 2037, 2038, 2085, 2086, 2095, 2100.
"""

import datetime as dt
import os
import sys

import astronomy


def _version(dist):
    try:
        from importlib.metadata import version
        return version(dist)
    except Exception:  # noqa: BLE001
        return "(version n/a)"

FIRST_YEAR = 1968
LAST_YEAR = 2100
VN_OFFSET = 7  # hours, Vietnam civil time (UTC+7) used for the whole range
CN_OFFSET = 8  # hours, China (UTC+8), only for the comparison

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "NhacViecCoreTests", "Fixtures")


# --------------------------------------------------------------------------
# Astronomy (UT instants as datetime, naive UTC)
# --------------------------------------------------------------------------

def _utc(t):
    # astronomy.Time.Utc() returns a naive datetime in UTC (UT1 ~ UTC).
    return t.Utc()


def new_moons(start_year, end_year):
    """All new moons (UTC datetimes) from Jan 1 start_year to Jan 1 end_year."""
    out = []
    t = astronomy.Time.Make(start_year, 1, 1, 0, 0, 0)
    stop = astronomy.Time.Make(end_year, 1, 1, 0, 0, 0)
    while True:
        nm = astronomy.SearchMoonPhase(0.0, t, 40.0)
        if nm is None:
            raise RuntimeError("new moon search failed")
        if nm.ut >= stop.ut:
            break
        out.append(_utc(nm))
        t = nm.AddDays(20.0)
    return out


def major_terms(start_year, end_year):
    """All zhongqi (solar longitude k*30 deg) as (utc_datetime, longitude)."""
    out = []
    t = astronomy.Time.Make(start_year, 1, 1, 0, 0, 0)
    stop = astronomy.Time.Make(end_year, 1, 1, 0, 0, 0)
    # longitude of the sun at start -> next multiple of 30
    lon = astronomy.SunPosition(t).elon
    target = (int(lon // 30) + 1) * 30 % 360
    while True:
        ev = astronomy.SearchSunLongitude(float(target), t, 40.0)
        if ev is None:
            raise RuntimeError("solar term search failed")
        if ev.ut >= stop.ut:
            break
        out.append((_utc(ev), target))
        t = ev.AddDays(20.0)
        target = (target + 30) % 360
    return out


# --------------------------------------------------------------------------
# Calendar rules
# --------------------------------------------------------------------------

def local_date(utc_dt, offset_h):
    return (utc_dt + dt.timedelta(hours=offset_h)).date()


def build_calendar(moons_utc, terms_utc, offset_h):
    """Return list of (lunar_year, month, leap, start_date) for all complete
    lunar years that the astronomical input covers."""
    starts = sorted({local_date(m, offset_h) for m in moons_utc})
    if len(starts) != len(moons_utc):
        raise RuntimeError("two new moons on the same local date?")
    term_days = [(local_date(t, offset_h), lon) for t, lon in terms_utc]
    solstices = [d for d, lon in term_days if lon == 270]
    zq_days = sorted(d for d, _ in term_days)

    def month_index_containing(day):
        # index i with starts[i] <= day < starts[i+1]
        lo, hi = 0, len(starts) - 1
        if not (starts[0] <= day < starts[-1]):
            return None
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if starts[mid] <= day:
                lo = mid
            else:
                hi = mid
        return lo

    def has_zhongqi(i):
        a, b = starts[i], starts[i + 1]
        # binary search would be faster; linear over ~1600 items is fine
        return any(a <= d < b for d in zq_days)

    m11 = [month_index_containing(s) for s in solstices]
    m11 = [i for i in m11 if i is not None]

    # numbering of every month between consecutive months 11
    numbered = []  # (index, month, leap)
    for a, b in zip(m11, m11[1:]):
        n = b - a
        if n not in (12, 13):
            raise RuntimeError(f"{n} months between months 11 at {starts[a]}")
        leap_at = None
        if n == 13:
            for k in range(1, 13):
                if not has_zhongqi(a + k):
                    leap_at = k
                    break
            if leap_at is None:
                raise RuntimeError(f"13-month sui without zhongqi-less month at {starts[a]}")
        month = 11
        for k in range(n):
            if k == 0:
                numbered.append((a, 11, 0))
                continue
            if k == leap_at:
                numbered.append((a + k, month, 1))
            else:
                month = month % 12 + 1
                numbered.append((a + k, month, 0))

    # assign lunar years
    rows = []
    year = None
    for idx, month, leap in numbered:
        if month == 1 and not leap:
            year = starts[idx].year
        if year is None:
            continue  # months 11/12 before the first month 1 we saw
        rows.append((year, month, leap, starts[idx]))
    # keep only lunar years that are complete: a year is complete when the
    # month 1 of the next year is present
    years_seen = sorted({r[0] for r in rows})
    complete = set(years_seen[:-1])
    return [r for r in rows if r[0] in complete]


def holidays(rows, first, last):
    tet, m3 = {}, {}
    for y, m, leap, start in rows:
        if leap:
            continue
        if m == 1:
            tet[y] = start
        if m == 3:
            m3[y] = start
    out = []
    for y in range(first, last + 1):
        out.append((y, tet[y], m3[y] + dt.timedelta(days=9)))
    return out


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def main():
    # margins: a month 11 before lunar year FIRST_YEAR, and the month 1 after
    # lunar year LAST_YEAR, plus one more solstice to close the last sui.
    y0, y1 = FIRST_YEAR - 2, LAST_YEAR + 3
    moons = new_moons(y0, y1)
    terms = major_terms(y0, y1)

    vn = build_calendar(moons, terms, VN_OFFSET)
    cn = build_calendar(moons, terms, CN_OFFSET)
    vn = [r for r in vn if FIRST_YEAR <= r[0] <= LAST_YEAR]
    cn = [r for r in cn if FIRST_YEAR <= r[0] <= LAST_YEAR]
    assert {r[0] for r in vn} == set(range(FIRST_YEAR, LAST_YEAR + 1))

    os.makedirs(FIXTURES, exist_ok=True)
    months_path = os.path.join(FIXTURES, "lunar-months-vn.tsv")
    with open(months_path, "w", newline="\n") as f:
        f.write("lunar_year\tmonth\tleap\tstart\n")
        for y, m, leap, start in vn:
            f.write(f"{y}\t{m}\t{leap}\t{start.isoformat()}\n")

    hol_vn = holidays(vn, FIRST_YEAR, LAST_YEAR)
    hol_cn = holidays(cn, FIRST_YEAR, LAST_YEAR)
    hol_path = os.path.join(FIXTURES, "lunar-holidays-vn.tsv")
    with open(hol_path, "w", newline="\n") as f:
        f.write("year\ttet\tgio_to\n")
        for y, tet, gio in hol_vn:
            f.write(f"{y}\t{tet.isoformat()}\t{gio.isoformat()}\n")

    print(f"wrote {os.path.relpath(months_path, ROOT)} ({len(vn)} months)")
    print(f"wrote {os.path.relpath(hol_path, ROOT)} ({len(hol_vn)} years)")
    print(f"astronomy-engine {_version('astronomy-engine')}; "
          f"{len(moons)} new moons, {len(terms)} major solar terms")

    # ---------------------------------------------------------------- checks
    hv = {y: (t, g) for y, t, g in hol_vn}
    hc = {y: (t, g) for y, t, g in hol_cn}
    D = dt.date.fromisoformat
    checks = [
        ("Tet 1985 VN", hv[1985][0], D("1985-01-21")),
        ("Tet 1985 CN", hc[1985][0], D("1985-02-20")),
        ("Tet 2007 VN", hv[2007][0], D("2007-02-17")),
        ("Tet 2007 CN", hc[2007][0], D("2007-02-18")),
        ("Tet 2030 VN", hv[2030][0], D("2030-02-02")),
        ("Tet 2030 CN", hc[2030][0], D("2030-02-03")),
        ("Tet 2025", hv[2025][0], D("2025-01-29")),
        ("Tet 2026", hv[2026][0], D("2026-02-17")),
        ("Gio To 2025", hv[2025][1], D("2025-04-07")),
        ("Gio To 2026", hv[2026][1], D("2026-04-26")),
    ]
    failed = 0
    print("\nsanity checks against known dates:")
    for name, got, want in checks:
        ok = got == want
        failed += not ok
        print(f"  {'ok  ' if ok else 'FAIL'} {name}: computed {got}, expected {want}")

    leaps = [(y, m) for y, m, leap, _ in vn if leap]
    print(f"\nleap months (UTC+7), {len(leaps)}: "
          + ", ".join(f"{y}:{m}" for y, m in leaps))

    print("\nTet / Gio To differences UTC+7 (VN) vs UTC+8 (CN), same rules:")
    for y in range(FIRST_YEAR, LAST_YEAR + 1):
        (tv, gv), (tc, gc) = hv[y], hc[y]
        parts = []
        if tv != tc:
            parts.append(f"Tet VN {tv} / CN {tc}")
        if gv != gc:
            parts.append(f"Gio To VN {gv} / CN {gc}")
        if parts:
            print(f"  {y}: " + "; ".join(parts))
    vn_set = {(y, m, l): s for y, m, l, s in vn}
    cn_set = {(y, m, l): s for y, m, l, s in cn}
    diff_years = sorted({k[0] for k in set(vn_set) ^ set(cn_set)}
                        | {k[0] for k in vn_set if k in cn_set and vn_set[k] != cn_set[k]})
    print("  lunar years with any month differing VN vs CN: "
          + " ".join(str(y) for y in diff_years))

    # events close to a local (UTC+7) midnight: the date depends on minutes.
    # Only events whose date could change the table are listed: every new
    # moon (it fixes a month's day 1), and a zhongqi only when it falls on a
    # month's first day or on the day before one (a one-day shift would move
    # it into another month).
    print("\nevents within 15 min of UTC+7 midnight that the table depends on"
          " (fragile for any implementation):")
    lo = dt.date(FIRST_YEAR - 1, 12, 1)
    hi = dt.date(LAST_YEAR + 1, 3, 1)
    month_starts = {s for _, _, _, s in vn}
    for kind, items in (("new moon", [(m, None) for m in moons]), ("zhongqi", terms)):
        for t, lon in items:
            loc = t + dt.timedelta(hours=VN_OFFSET)
            if not (lo <= loc.date() <= hi):
                continue
            mins = loc.hour * 60 + loc.minute + loc.second / 60
            dist = min(mins, 1440 - mins)
            if dist >= 15:
                continue
            if lon is not None:
                d = loc.date()
                if d not in month_starts and d + dt.timedelta(days=1) not in month_starts:
                    continue
            extra = f" (solar longitude {lon})" if lon is not None else ""
            print(f"  {kind}{extra}: {loc:%Y-%m-%d %H:%M:%S} UTC+7")

    optional_cross_checks(moons, terms, vn, cn)

    if failed:
        print(f"\n{failed} sanity check(s) FAILED")
        return 1
    print("\nall sanity checks passed")
    return 0


def optional_cross_checks(moons, terms, vn, cn):
    # PyEphem: independent ephemeris for the new-moon instants
    try:
        import ephem
    except ImportError:
        print("\n(ephem not installed: skipping PyEphem cross-check)")
    else:
        worst = 0.0
        for m in moons:
            e = ephem.next_new_moon(ephem.Date(m - dt.timedelta(days=2))).datetime()
            worst = max(worst, abs((e - m).total_seconds()))
        print(f"\nPyEphem {ephem.__version__}: max |new moon difference| = {worst:.0f} s "
              f"over {len(moons)} new moons")
        d_vn = [m for m in moons
                if local_date(m, VN_OFFSET) != local_date(
                    ephem.next_new_moon(ephem.Date(m - dt.timedelta(days=2))).datetime(), VN_OFFSET)]
        print(f"  new moons whose UTC+7 date differs between the two: {len(d_vn)}"
              + ("" if not d_vn else " -> " + ", ".join(str(x) for x in d_vn)))

    # Chinese calendar packages: compare our UTC+8 computation (same rules).
    # Each difference is shown with the UTC+8 time of our new moon: they are
    # expected only where that new moon is close to Beijing midnight (or where
    # the Chinese calendar of the time used older, less exact astronomy).
    cmp_rows = {(y, m, l): s for y, m, l, s in cn}
    nm_cn = {local_date(m, CN_OFFSET): m + dt.timedelta(hours=CN_OFFSET) for m in moons}

    def why(start):
        t = nm_cn.get(start)
        return f" (our new moon {t:%Y-%m-%d %H:%M} UTC+8)" if t else ""
    try:
        from lunardate import LunarDate
    except ImportError:
        print("(lunardate not installed: skipping)")
    else:
        bad = []
        for (y, m, l), s in sorted(cmp_rows.items()):
            if y > 2099:
                continue
            try:
                ld = LunarDate(y, m, 1, bool(l))
                ref = ld.to_solar_date() if hasattr(ld, "to_solar_date") else ld.toSolarDate()
            except ValueError:
                bad.append(f"{y}/{m}{'L' if l else ''}: ours {s}, lunardate has no such month")
                continue
            if ref != s:
                bad.append(f"{y}/{m}{'L' if l else ''}: ours {s}, lunardate {ref}{why(s)}")
        print(f"lunardate (Chinese, UTC+8, 1968..2099): {len(bad)} month(s) differ from our UTC+8 run"
              + "".join("\n    " + b for b in bad))
    try:
        from lunar_python import Lunar
    except ImportError:
        print("(lunar-python not installed: skipping)")
    else:
        bad = []
        for (y, m, l), s in sorted(cmp_rows.items()):
            try:
                sol = Lunar.fromYmd(y, -m if l else m, 1).getSolar()
                ref = dt.date(sol.getYear(), sol.getMonth(), sol.getDay())
            except Exception:  # noqa: BLE001 - package raises plain Exception
                bad.append(f"{y}/{m}{'L' if l else ''}: ours {s}, lunar-python has no such month")
                continue
            if ref != s:
                bad.append(f"{y}/{m}{'L' if l else ''}: ours {s}, lunar-python {ref}{why(s)}")
        print(f"lunar-python (Chinese, UTC+8, 1968..2100): {len(bad)} month(s) differ from our UTC+8 run"
              + "".join("\n    " + b for b in bad))


if __name__ == "__main__":
    sys.exit(main())
