"""Dates for the timeline: EDTF strings parsed, ordered and put into words.

The EDTF library is the authority on the full grammar; plain ISO dates take
a standard-library fast path, and a property test proves the two agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
from dataclasses import dataclass
from typing import Any, Literal

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


# -----------------------------------------------------------------------------
# Words
# -----------------------------------------------------------------------------

# The languages dates are spelt in. Month names come from the Unicode CLDR
# through Babel (a property test checks single dates against Babel's own
# formatting); ranges and the words for approximate and uncertain dates follow
# each language's usage (README, "Dates").
LANGUAGES = ("en", "ko", "ru")
_LOCALES = {"en": "en_GB", "ko": "ko", "ru": "ru"}
_THIN = "\u202f"  # CLDR's narrow no-break space, before the Russian "г."


@functools.cache
def _months(language: str, context: Literal["format", "stand-alone"]) -> tuple[str, ...]:
    """Return the wide month names (index 1-12) in `context` ("format" or "stand-alone")."""
    from babel.dates import get_month_names

    names = get_month_names("wide", context=context, locale=_LOCALES[language])
    return ("", *(str(names[month]) for month in range(1, 13)))


def date_words(when: When, language: str = "en") -> str:
    """Return the date in words at its precision, e.g. "2–10 June 1989", "1989년 6월 2일~10일", "2–10 июня 1989 г."."""
    if language == "ko":
        return _korean(when)
    if language == "ru":
        return _russian(when)
    return _english(when)


def decade_words(decade: int, language: str = "en") -> str:
    """Return a decade as a heading: "1990s", "1990년대", "1990-е"."""
    return {"ko": f"{decade}년대", "ru": f"{decade}-е"}.get(language, f"{decade}s")


def _english(when: When) -> str:
    """Spell a date in British English: "28 July 1986", "about 2005–2008", "June 1989 (uncertain)"."""
    months = _months("en", "format")

    def words(day: dt.date, precision: str, *, with_month: bool = True, with_year: bool = True) -> str:
        if precision == "decade":
            return f"the {day.year // 10 * 10}s"
        if precision in ("year", "century"):
            return str(day.year)
        parts = []
        if precision == "day":
            parts.append(str(day.day))
        if with_month or precision == "month":
            parts.append(months[day.month])
        if with_year:
            parts.append(str(day.year))
        return " ".join(parts)

    if not when.interval and when.precision == "century":
        text = f"{when.start.year}–{when.end.year}"  # "the 1900s" would read as a decade
    elif not when.interval:
        text = words(when.start, when.precision)
    else:
        same_year = when.start.year == when.end.year
        same_month = same_year and when.start.month == when.end.month
        both_days = when.precision == when.end_precision == "day"
        if both_days and same_month:
            text = f"{when.start.day}–{words(when.end, 'day')}"
        elif when.precision == when.end_precision and same_year and when.precision != "year":
            text = f"{words(when.start, when.precision, with_year=False)} – {words(when.end, when.end_precision)}"
        else:
            sep = "–" if when.precision == when.end_precision == "year" else " – "
            text = f"{words(when.start, when.precision)}{sep}{words(when.end, when.end_precision)}"
    if when.approximate and when.uncertain:
        return f"perhaps about {text}"
    if when.approximate:
        return f"about {text}"
    if when.uncertain:
        return f"{text} (uncertain)"
    return text


def _korean(when: When) -> str:
    """Spell a date in Korean: "1986년 7월 28일", "1989년 6월 2일~10일", "1991년 12월 27일경", "1989년 6월(?)"."""
    about = "경" if when.approximate else ""

    def words(day: dt.date, precision: str, *, with_year: bool = True, with_month: bool = True) -> str:
        if precision == "decade":
            return f"{day.year // 10 * 10}년대"
        year = f"{day.year}년" if with_year else ""
        if precision in ("year", "century"):
            return year
        month = f"{day.month}월" if with_month else ""
        if precision == "month":
            return " ".join(filter(None, [year, month]))
        return " ".join(filter(None, [year, month, f"{day.day}일"]))

    if not when.interval and when.precision == "century":
        text = f"{when.start.year}년~{when.end.year}년{about}"
    elif not when.interval:
        text = words(when.start, when.precision) + about
    else:
        same_year = when.start.year == when.end.year
        same_month = same_year and when.start.month == when.end.month
        fine = when.precision == when.end_precision and when.precision in ("day", "month")
        # The second end leaves out what it shares with the first: 1989년 6월 2일~10일.
        end = words(when.end, when.end_precision, with_year=not (fine and same_year),
                    with_month=not (fine and same_month and when.precision == "day"))
        text = f"{words(when.start, when.precision)}{about}~{end}{about}"
    return f"{text}(?)" if when.uncertain else text


def _russian(when: When) -> str:
    """Spell a date in Russian: "28 июля 1986 г.", "2–10 июня 1989 г.", "около 27 декабря 1991 г."."""
    # After "около" (about) a date is in the genitive: "около сентября 1988 г.".
    genitive = when.approximate
    months = _months("ru", "format" if genitive else "stand-alone")
    day_months = _months("ru", "format")
    year_mark, years_mark = f"{_THIN}г.", f"{_THIN}гг."

    def words(day: dt.date, precision: str, *, with_year: bool = True) -> str:
        if precision == "decade":
            return f"{day.year // 10 * 10}-х годов" if genitive else f"{day.year // 10 * 10}-е годы"
        year = f"{day.year}{year_mark}" if with_year else ""
        if precision in ("year", "century"):
            return year
        if precision == "month":
            return " ".join(filter(None, [months[day.month], year]))
        return " ".join(filter(None, [str(day.day), day_months[day.month], year]))

    if not when.interval and when.precision == "century":
        text = f"{when.start.year}–{when.end.year}{years_mark}"
    elif not when.interval:
        text = words(when.start, when.precision)
    else:
        same_year = when.start.year == when.end.year
        same_month = same_year and when.start.month == when.end.month
        if when.precision == when.end_precision == "year":
            text = f"{when.start.year}–{when.end.year}{years_mark}"
        elif when.precision == when.end_precision == "day" and same_month:
            text = f"{when.start.day}–{words(when.end, 'day')}"
        elif when.precision == when.end_precision and when.precision in ("day", "month") and same_year:
            text = f"{words(when.start, when.precision, with_year=False)} – {words(when.end, when.end_precision)}"
        else:
            text = f"{words(when.start, when.precision)} – {words(when.end, when.end_precision)}"
    if when.approximate and when.uncertain:
        return f"возможно, около {text}"
    if when.approximate:
        return f"около {text}"
    if when.uncertain:
        return f"{text} (дата не подтверждена)"
    return text


def machine_date(day: dt.date, precision: str) -> str:
    """Return an HTML `datetime` value for one end of a date at its precision."""
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"
