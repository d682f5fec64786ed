"""What git knows of the site's sources: the day each file last changed, and the version a build is of.

One `git log` for the whole project, and one `git status`, read once per
build, rather than one per page: a build of three languages asks for a dozen
dates. Outside a git
checkout, or for a file git does not know yet, the date is the build's own
(SOURCE_DATE_EPOCH where it is set, which keeps builds reproducible), and the
version is unknown.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


@dataclass(frozen=True)
class Version:
    """The commit the site's sources are at: the last one that changed them."""

    commit: str  # the full hash, for permanent links
    short: str  # the abbreviated hash, as citations name it
    modified: bool  # the sources have changes not yet committed

    @property
    def name(self) -> str:
        """Return the version as citations give it: the short hash, marked "-dirty" as `git describe` does."""
        return f"{self.short}-dirty" if self.modified else self.short


@dataclass(frozen=True)
class History:
    """What git says of the project: each file's last change, and the sources' version."""

    dates: dict[str, dt.date]  # by path relative to the project; empty outside git
    version: Version | None  # None outside git


def history(project: Path) -> History:
    """Return each file's last commit date and the version of the project's sources, from two git commands.

    The version is the last commit that changed the project's files (in this
    repository, every commit), so a commit elsewhere in a larger repository
    does not change what a citation names; "-dirty" where they have changed
    since.
    """
    queries = [["log", "--format=%x00%cs %H %h", "--name-only", "--relative", "--", "."],
               ["status", "--porcelain", "--", "."]]
    try:
        # Both at once: on a machine of two cores, the second costs the build no time.
        commands = [subprocess.Popen(["git", "-C", str(project), *query], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True) for query in queries]
    except OSError:
        return History({}, None)
    answers = []
    for command in commands:
        try:
            answers.append(command.communicate(timeout=60)[0])
        except subprocess.TimeoutExpired:
            command.kill()
            command.communicate()
    if len(answers) < len(commands) or any(command.returncode for command in commands):
        return History({}, None)
    log, status = answers
    dates: dict[str, dt.date] = {}
    newest: list[str] = []
    day = None
    for line in log.splitlines():
        if line.startswith("\0"):
            date, commit, short = line[1:].split()
            day = dt.date.fromisoformat(date)
            newest = newest or [commit, short]
        elif line and day and line not in dates:  # newest first: the first date seen is the last change
            dates[line] = day
    version = Version(newest[0], newest[1], bool(status.strip())) if newest else None
    return History(dates, version)


def build_date() -> dt.date:
    """Return the date a build stands for: SOURCE_DATE_EPOCH's day, or today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
    return moment.date()


def changed(dates: Mapping[str, dt.date], paths: Iterable[str]) -> dt.date:
    """Return the last day any of `paths` changed, or the build's date if git knows none of them."""
    known = [dates[path] for path in paths if path in dates]
    return max(known) if known else build_date()
