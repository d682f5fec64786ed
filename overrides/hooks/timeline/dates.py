"""Dates for the timeline: EDTF strings parsed, ordered and put into words.

The EDTF library is the authority on the full grammar; plain ISO dates take
a standard-library fast path, and a property test proves the two agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

# -----------------------------------------------------------------------------
# Record
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    """A parsed EDTF date: its bounds, its precision and how it is qualified."""

    edtf: str
    start: dt.date
    end: dt.date
    precision: str  # "day", "month", "year", "decade" or "century" (or wider: 19XX, 1XXX)
    interval: bool = False
    approximate: bool = False
    uncertain: bool = False
    # For an interval, the precision of each end may differ.
    end_precision: str = ""


# -----------------------------------------------------------------------------
# Dates
# -----------------------------------------------------------------------------

# Plain ISO dates ("2003", "1988-09", "1986-07-28") and decades ("198X"),
# optionally qualified ("1991-12-27~") or paired as an interval, make up
# almost every entry. The EDTF library parses them with pyparsing at 4-15 ms
# each, and importing it costs 70 ms, so they take this standard-library path;
# a property test proves both paths agree.
_PLAIN = re.compile(r"(?:(\d{3})X|(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?)([~?%]?)")


def _plain_end(text: str) -> tuple[dt.date, dt.date, str] | None:
    """Return (first day, last day, precision) of one plain date, None if it is not one."""
    match = _PLAIN.fullmatch(text)
    if match is None:
        return None
    decade, year, month, day = (int(g) if g else None for g in match.groups()[:4])
    if decade is not None:
        if decade == 0:  # Python's dates start at year 1; leave year 0 to the library.
            return None
        return dt.date(decade * 10, 1, 1), dt.date(decade * 10 + 9, 12, 31), "decade"
    if not year:  # year 0, which Python's dates cannot hold (the pattern gives a year when no decade)
        return None
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, last), "month"
    if not 1 <= day <= last:
        return None
    return dt.date(year, month, day), dt.date(year, month, day), "day"


def parse_plain(text: str) -> When | None:
    """Return the date for a plain ISO date or decade, or an interval of two; None for anything else."""
    parts = text.split("/")
    if len(parts) > 2:
        return None
    if len(parts) == 2 and "X" in text and any(q in text for q in "~?%"):
        return None  # the library takes no qualifier in an interval with a decade; it says why
    ends = [end for end in map(_plain_end, parts) if end is not None]
    if len(ends) != len(parts):
        return None
    (start, _, precision), (_, end, end_precision) = ends[0], ends[-1]
    if start > end:
        return None  # the library path reports a reversed interval
    return When(text, start, end, precision, len(parts) == 2,
                "~" in text or "%" in text, "?" in text or "%" in text, end_precision)


def _precision(obj: Any) -> str:
    """Return the precision of a single (non-interval) EDTF object."""
    import edtf

    if isinstance(obj, edtf.Unspecified):
        digits = str(obj.year)
        if digits.endswith("XX"):
            return "century"  # or wider: "1XXX" spans a thousand years
        return "decade" if digits.endswith("X") else "year"
    inner = getattr(obj, "date", obj)  # UncertainOrApproximate wraps a date
    if isinstance(inner, edtf.Unspecified):
        return _precision(inner)
    return {"day": "day", "month": "month"}.get(str(getattr(inner, "precision", "")), "year")


def _to_date(struct: Any) -> dt.date:
    """Turn one of the library's struct_time bounds into a date."""
    if isinstance(struct, float) and math.isinf(struct):
        raise ValueError("open-ended")
    return dt.date(struct.tm_year, struct.tm_mon, struct.tm_mday)


def parse_edtf(text: str) -> When:
    """Return the date for any EDTF string through the library; raise ValueError if invalid."""
    # Imported here: building its grammar costs about 70 ms, which a data file
    # of plain dates (the fast path) never needs to pay.
    import edtf

    try:
        parsed = edtf.parse_edtf(text)
        start, end = _to_date(parsed.lower_strict()), _to_date(parsed.upper_strict())
    except (edtf.EDTFParseException, ValueError, TypeError, AttributeError) as exc:
        raise ValueError(str(exc)) from exc
    interval = isinstance(parsed, (edtf.Interval, edtf.Level1Interval))
    if interval:
        precision, end_precision = _precision(parsed.lower), _precision(parsed.upper)
    else:
        precision = end_precision = _precision(parsed)
    approximate = "~" in text or "%" in text
    uncertain = "?" in text or "%" in text
    if start > end:
        raise ValueError("reversed")
    return When(text, start, end, precision, interval, approximate, uncertain, end_precision)


def parse_date(text: str) -> When:
    """Return the date for an EDTF string: plain ISO dates fast, the rest through the library."""
    return parse_plain(text) or parse_edtf(text)


_MONTHS = [calendar.month_name[m] for m in range(13)]


def _words(day: dt.date, precision: str, *, with_month: bool = True, with_year: bool = True) -> str:
    """Spell one end of a date at its precision."""
    if precision == "decade":
        return f"the {day.year // 10 * 10}s"
    if precision in ("year", "century"):
        return str(day.year)
    parts = []
    if precision == "day":
        parts.append(str(day.day))
    if with_month or precision == "month":
        parts.append(_MONTHS[day.month])
    if with_year:
        parts.append(str(day.year))
    return " ".join(parts)


def date_words(when: When) -> str:
    """Return the date in words at its precision, e.g. "2–10 June 1989" or "the 1990s"."""
    if not when.interval and when.precision == "century":
        text = f"{when.start.year}–{when.end.year}"  # "the 1900s" would read as a decade
    elif not when.interval:
        text = _words(when.start, when.precision)
    else:
        same_year = when.start.year == when.end.year
        same_month = same_year and when.start.month == when.end.month
        both_days = when.precision == when.end_precision == "day"
        if both_days and same_month:
            text = f"{when.start.day}–{_words(when.end, 'day')}"
        elif when.precision == when.end_precision and same_year and when.precision != "year":
            text = f"{_words(when.start, when.precision, with_year=False)} – {_words(when.end, when.end_precision)}"
        else:
            sep = "–" if when.precision == when.end_precision == "year" else " – "
            text = f"{_words(when.start, when.precision)}{sep}{_words(when.end, when.end_precision)}"
    if when.approximate and when.uncertain:
        return f"perhaps about {text}"
    if when.approximate:
        return f"about {text}"
    if when.uncertain:
        return f"{text} (uncertain)"
    return text


def machine_date(day: dt.date, precision: str) -> str:
    """Return an HTML `datetime` value for one end of a date at its precision."""
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"
