"""The day each file of the project last changed, from git: the date a citation gives a page.

One `git log` for the whole project, read once per build, rather than one per
page: a build of three languages asks for a dozen dates. Outside a git
checkout, or for a file git does not know yet, the date is the build's own
(SOURCE_DATE_EPOCH where it is set, which keeps builds reproducible).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


def last_changed(project: Path) -> dict[str, dt.date]:
    """Return each file's last commit date, keyed by its path relative to `project`; empty outside git."""
    try:
        out = subprocess.run(
            ["git", "-C", str(project), "log", "--format=%x00%cs", "--name-only", "--relative", "--", "."],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, dt.date] = {}
    day = None
    for line in out.splitlines():
        if line.startswith("\0"):
            day = dt.date.fromisoformat(line[1:])
        elif line and day and line not in dates:  # newest first: the first date seen is the last change
            dates[line] = day
    return dates


def build_date() -> dt.date:
    """Return the date a build stands for: SOURCE_DATE_EPOCH's day, or today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
    return moment.date()


def changed(dates: Mapping[str, dt.date], paths: Iterable[str]) -> dt.date:
    """Return the last day any of `paths` changed, or the build's date if git knows none of them."""
    known = [dates[path] for path in paths if path in dates]
    return max(known) if known else build_date()
