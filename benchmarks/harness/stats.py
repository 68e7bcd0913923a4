"""Statistics of the measured figures (pct, med, ratio) and their formatting for the report (fmt, mmm)."""
import statistics


def pct(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    return s[min(len(s) - 1, max(0, int(-(-len(s) * p // 1)) - 1))]


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, unit="", digits=None):
    if v is None or (isinstance(v, float) and v != v):
        return "–"
    if digits == "g":  # ratios: three significant digits
        return f"{v:.3g}{unit}"
    if digits is None:
        digits = 0 if abs(v) >= 100 else (1 if abs(v) >= 10 else 2)
    return f"{v:,.{digits}f}{unit}"


def mmm(values, unit="", digits=None):
    """median (min–max)"""
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    if len(values) == 1:
        return fmt(values[0], unit, digits)
    return f"{fmt(med(values), unit, digits)} ({fmt(min(values), '', digits)}–{fmt(max(values), '', digits)})"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b
