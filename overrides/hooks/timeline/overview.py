"""The overview: every event placed on one time axis, with marks that would overlap stacked in lanes.

Positions are fractions of the axis (0 at its first tick, 1 at its last), so
that the page's CSS can lay the same marks out across a wide screen or down
a narrow one, and on paper, without the page being rendered twice. Each
position reaches the page as a class ("at-4231"), which the timeline's own
stylesheet (`rules`, page.html's `overview_stylesheet`) turns into the custom
property site.css reads (--at: .4231): a strict Content-Security-Policy
allows no style attributes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.data import Event, Timeline

# The shortest the axis is ever drawn (site.css: 32rem less its ends down a
# phone, the content column between Material's sidebars across a desktop),
# and what a mark takes on it, a 24 px target (WCAG 2.5.8): marks nearer than
# that go in the next lane, so that none covers another.
SHORTEST_AXIS_PX = 600
MARK_PX = 24
GAP = MARK_PX / SHORTEST_AXIS_PX
# As many lanes as fit across a 320 px phone, beside the years (site.css).
MAX_LANES = 9


def position(name: str, value: float) -> str:
    """Return the class that gives an element's custom property `--name` the value: at 0.4231 is "at-4231"."""
    return f"{name}-{round(value * 10_000)}" if name in FRACTIONS else f"{name}-{value:g}"


# The properties whose values are fractions of the axis, kept to four places.
FRACTIONS = frozenset({"at", "to"})


@dataclass(frozen=True)
class Mark:
    """One event on the overview: where it starts and ends on the axis, and its lane."""

    event: Event
    at: float  # 0..1
    to: float  # 0..1, at or after `at`
    lane: int

    @property
    def classes(self) -> str:
        """Return the classes that place the mark (`position`)."""
        return f"{position('at', self.at)} {position('to', self.to)} {position('lane', self.lane)}"


@dataclass(frozen=True)
class Overview:
    """The overview's axis: its marks, its ticks (position and year) and how many lanes it uses."""

    marks: list[Mark]
    ticks: list[tuple[float, int]]
    lanes: int
    years: int  # the axis's length in years, which sets its height when it runs down the page

    @property
    def classes(self) -> str:
        """Return the classes that size the plot (`position`)."""
        return f"{position('lanes', self.lanes)} {position('years', self.years)}"

    def rules(self) -> list[tuple[str, str, str]]:
        """Return (class, property, value) for each position the overview uses, once each, in a stable order."""
        values = {("lanes", float(self.lanes)), ("years", float(self.years))}
        values |= {("at", at) for at, _ in self.ticks}
        for mark in self.marks:
            values |= {("at", mark.at), ("to", mark.to), ("lane", float(mark.lane))}
        return [(position(name, value), f"--{name}", f"{value:g}") for name, value in sorted(values)]


def _step(span_years: float) -> int:
    """Choose a tick step that gives no more than about ten ticks."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if span_years / step <= 10:
            return step
    return 1000


def _ordinal(year: int) -> int:
    """Return the ordinal of 1 January of `year`."""
    return dt.date(year, 1, 1).toordinal()


def overview(timeline: Timeline) -> Overview:
    """Place the events on a time axis, stacking marks that would overlap."""
    first = min(e.when.start for e in timeline.events)
    last = max(e.when.end for e in timeline.events)
    start_year, end_year = first.year, last.year + 1
    step = _step(end_year - start_year)
    start_year -= start_year % step
    end_year += -end_year % step
    origin = _ordinal(start_year)
    span = float(_ordinal(end_year) - origin) or 1.0

    def at(day: dt.date) -> float:
        return round((day.toordinal() - origin) / span, 4)

    lanes: list[float] = []  # where each lane's last mark ends
    marks = []
    for event in timeline.events:
        start, end = at(event.when.start), at(event.when.end)
        lane = next((i for i, taken in enumerate(lanes) if taken + GAP <= start), None)
        if lane is None:
            # Past the last lane, marks share it: the overview stays a fixed height.
            lane = len(lanes) if len(lanes) < MAX_LANES else len(lanes) - 1
            if lane == len(lanes):
                lanes.append(0.0)
        lanes[lane] = max(start, end)
        marks.append(Mark(event, start, max(start, end), lane))
    ticks = [(round((_ordinal(year) - origin) / span, 4), year) for year in range(start_year, end_year + 1, step)]
    return Overview(marks, ticks, max(len(lanes), 1), end_year - start_year)
