"""Turn a checked timeline into the page, its overview, its contents and the published data.

Pure helpers for the timeline hook (hooks/timeline.py). The markup itself is
in the Jinja macros of hooks/timeline.html; this module prepares what they
show: groups, dates in words, the overview's geometry and the contents.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from timeline_data import Event, Timeline
from timeline_dates import date_words, machine_date

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

# -----------------------------------------------------------------------------
# Text
# -----------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:])")


def plain(text: str) -> str:
    """Escape plain text for Markdown and HTML, so that it shows exactly as typed."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


# -----------------------------------------------------------------------------
# Page
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """A decade of events: its anchor, its heading and its events."""

    id: str
    title: str
    events: list[Event]


def decades(timeline: Timeline) -> list[Group]:
    """Group the events by the decade they start in, in order."""
    groups: dict[int, list[Event]] = {}
    for event in timeline.events:
        groups.setdefault(event.when.start.year // 10 * 10, []).append(event)
    return [Group(f"{decade}s", f"{decade}s", events) for decade, events in groups.items()]


def time_parts(event: Event) -> list[tuple[str, str]]:
    """Return (datetime, words) pairs for the event's date: one, or two for an interval."""
    when = event.when
    words = date_words(when)
    if not when.interval:
        return [(machine_date(when.start, when.precision), words)]
    # An interval shows as one phrase; its ends carry the machine dates.
    return [(machine_date(when.start, when.precision), words),
            (machine_date(when.end, when.end_precision), "")]


def events_by_section(timeline: Timeline) -> dict[str, list[Event]]:
    """Return the article's events keyed by the article section they come from."""
    sections: dict[str, list[Event]] = {}
    for event in timeline.events:
        if event.article:
            sections.setdefault(event.article, []).append(event)
    return sections


# Python-Markdown spends about 70 µs on every call before it reads a word:
# for a one-line description, nearly half the time. Plain prose is therefore
# converted a hundred texts at a time, joined by a paragraph of its own, and
# the HTML split at that paragraph; a property test proves the result equals
# one call per text. What could reach across texts takes a call of its own:
# raw HTML, reference and abbreviation definitions, code (fenced or
# indented), and the block syntax of the extensions (tables, admonitions,
# definition lists).
_SEPARATOR = "timeline-markdown-separator"
_UNSAFE = re.compile(rf"<|\]:|\*\[|```|~~~|!!!|\?\?\?|\||^[ \t]|^:|{_SEPARATOR}", re.MULTILINE)
MARKDOWN_BATCH = 100


def render_markdown(texts: Iterable[str], convert: Callable[[str], str]) -> dict[str, str]:
    """Return the HTML of each text, converted by `convert` (one Markdown call), batching plain prose."""
    unique = list(dict.fromkeys(texts))
    out = {text: convert(text) for text in unique if _UNSAFE.search(text)}
    plain = [text for text in unique if text not in out]
    for start in range(0, len(plain), MARKDOWN_BATCH):
        batch = plain[start:start + MARKDOWN_BATCH]
        parts = convert(f"\n\n{_SEPARATOR}\n\n".join(batch)).split(f"\n<p>{_SEPARATOR}</p>\n")
        if len(parts) != len(batch):  # texts ran together after all: one call each
            parts = [convert(text) for text in batch]
        out.update(zip(batch, parts, strict=True))
    return out


def page_markdown(timeline: Timeline, macros: Any, marker: str) -> str:
    """Return the Markdown of the timeline page: front matter, title, intro and `marker`."""
    return macros.page(len(timeline.events), timeline.events[0], timeline.events[-1], date_words, marker)


def page_html(
    timeline: Timeline,
    groups: list[Group],
    sections: dict[str, str],
    macros: Any,
    *,
    markdown: Callable[[str], str],
    article_url: str,
    permalink_title: str = "Permanent link",
) -> str:
    """Return the HTML of the page's body: the overview, then each decade and its events."""
    return macros.body(
        groups, overview(timeline), sections, article_url,
        date_words, time_parts, markdown, permalink_title,
    )


# Past this many events a table of contents stops being a guide; the page's
# contents then list the decades only. (Rendering thousands of entries in
# both of Material's contents lists would also add megabytes to the page.)
TOC_EVENT_LIMIT = 100


def toc_tokens(groups: list[Group], title: str, title_id: str) -> list[dict]:
    """Return the page's table of contents, in Python-Markdown's toc_tokens form."""
    with_events = sum(len(group.events) for group in groups) <= TOC_EVENT_LIMIT
    children = [
        {"level": 2, "id": group.id, "name": group.title, "children": [
            {"level": 3, "id": e.id, "name": html.escape(e.title), "children": []}
            for e in group.events] if with_events else []}
        for group in groups
    ]
    return [{"level": 1, "id": title_id, "name": html.escape(title), "children": children}]


def anchor_ids(groups: list[Group]) -> set[str]:
    """Return every id the page's body gives an element."""
    ids = {group.id for group in groups} | {e.id for group in groups for e in group.events}
    return ids | {"timeline-overview-title", "timeline-overview-desc"}


# -----------------------------------------------------------------------------
# Overview
# -----------------------------------------------------------------------------

WIDTH, MARGIN, LANE, AXIS, MAX_LANES = 960, 24, 18, 40, 8


@dataclass(frozen=True)
class Mark:
    """One event on the overview: where it sits and how long it lasts."""

    event: Event
    x: float
    x2: float
    y: float


@dataclass(frozen=True)
class Overview:
    """The geometry of the overview's time axis."""

    width: int
    height: int
    axis_y: int
    marks: list[Mark]
    ticks: list[tuple[float, int]]


def _step(span_years: float) -> int:
    """Choose a tick step that gives no more than about ten ticks."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if span_years / step <= 10:
            return step
    return 1000


def overview(timeline: Timeline) -> Overview:
    """Lay the events out on a time axis, stacking marks that would overlap."""
    first = min(e.when.start for e in timeline.events)
    last = max(e.when.end for e in timeline.events)
    start_year, end_year = first.year, last.year + 1
    step = _step(end_year - start_year)
    start_year -= start_year % step
    end_year += -end_year % step
    span = float((end_year - start_year) * 365.2425) or 1.0
    plot = WIDTH - 2 * MARGIN

    def x_of(day: dt.date) -> float:
        return round(MARGIN + (day.toordinal() - _ordinal(start_year)) / span * plot, 1)

    lanes: list[float] = []
    marks = []
    for event in timeline.events:
        x, x2 = x_of(event.when.start), x_of(event.when.end)
        lane = next((i for i, end in enumerate(lanes) if end + 12 <= x), None)
        if lane is None:
            lane = len(lanes) if len(lanes) < MAX_LANES else len(lanes) - 1
            if lane == len(lanes):
                lanes.append(0.0)
        lanes[lane] = max(x, x2)
        marks.append(Mark(event, x, max(x2, x), 14 + lane * LANE))
    axis_y = 14 + max(len(lanes), 1) * LANE
    ticks = [(x_of_year, year) for year in range(start_year, end_year + 1, step)
             for x_of_year in [round(MARGIN + (_ordinal(year) - _ordinal(start_year)) / span * plot, 1)]]
    return Overview(WIDTH, axis_y + AXIS, axis_y, marks, ticks)


def _ordinal(year: int) -> int:
    """Return the ordinal of 1 January of `year`."""
    return dt.date(year, 1, 1).toordinal()


# -----------------------------------------------------------------------------
# Published data
# -----------------------------------------------------------------------------

def structured_data(timeline: Timeline, page_url: str) -> dict[str, Any]:
    """Return the schema.org description of the timeline: one Event per entry.

    Each Event names the entry, its dates and its address. The description
    stays on the page (and in timeline.json): repeating it here would add
    2 KB gzip to the page, a fifth of its weight budget.
    """
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Event",
                "@id": f"{page_url}#{e.id}",
                "name": e.title,
                "startDate": machine_date(e.when.start, e.when.precision),
                "endDate": machine_date(e.when.end, e.when.end_precision),
                "url": f"{page_url}#{e.id}",
            }
            for e in timeline.events
        ],
    }



def event_record(event: Event) -> dict[str, Any]:
    """Return the cleaned, published form of one event."""
    return {
        "id": event.id,
        "date": event.when.edtf,
        "start": event.when.start.isoformat(),
        "end": event.when.end.isoformat(),
        "precision": event.when.precision,
        "date_in_words": date_words(event.when),
        "title": event.title,
        "description": event.description,
        "note": event.note,
        "context": event.context,
        "article_section": event.article,
        "sources": [{"title": s.title, "url": s.url} for s in event.sources],
    }


def exports(timeline: Timeline) -> dict[str, str]:
    """Return the published data files: path in the site to content."""
    records = [event_record(e) for e in timeline.events]
    table = io.StringIO()
    columns = [k for k in records[0] if k != "sources"]
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow([*columns, "sources"])
    writer.writerows(
        [*(record[column] for column in columns), " | ".join(f"{s['title']} <{s['url']}>" for s in record["sources"])]
        for record in records
    )
    # One event per line: readable and diff-friendly, and written by json's C
    # encoder (indent= falls back to the pure-Python one, 5 times slower).
    lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    return {
        "data/timeline.json": f'{{"events": [\n{lines}\n]}}\n',
        "data/timeline.csv": table.getvalue(),
    }
