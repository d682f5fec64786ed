"""The overview: every event laid out on one time axis, with marks that would overlap stacked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.data import Event, Timeline

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


def _ordinal(year: int) -> int:
    """Return the ordinal of 1 January of `year`."""
    return dt.date(year, 1, 1).toordinal()


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
    ticks = [(round(MARGIN + (_ordinal(year) - _ordinal(start_year)) / span * plot, 1), year)
             for year in range(start_year, end_year + 1, step)]
    return Overview(WIDTH, axis_y + AXIS, axis_y, marks, ticks)
