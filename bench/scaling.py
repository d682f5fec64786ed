"""The timeline from 10 to 100,000 synthetic events: the hook's time and the whole build's, and where it goes.

Each measurement runs in a fresh process (`python -m bench.scaling row N`),
so that no figure depends on what the browser sections, or the sizes before
it, left on the heap.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import locales

import print_site
import timeline
from bench.common import ENV, LANGUAGES, bare_project, hook_share, median, site_markdown, timed_side_by_side
from support import ROOT, SECTIONS, copy_project, write_synthetic
from timeline.render import PageContext, render

if TYPE_CHECKING:
    from collections.abc import Iterator

SIZES = (10, 100, 1_000, 10_000, 100_000)
BARE_SIZES = (10, 10_000)  # the reference's clean build, beside this site's


def run(results: dict[str, Any], max_events: int = 100_000) -> None:
    """Measure the steps at 10,000 events (or fewer), then every size up to `max_events`."""
    results["timeline_parts"] = _in_fresh_process("parts", min(10_000, max_events))
    rows = [_in_fresh_process("row", count) for count in SIZES if count <= max_events]
    base = rows[0]["build"]
    for row in rows:
        row["added"] = row["build"] - base
    results["timeline"] = rows
    results["timeline_bare"] = [_in_fresh_process("bare", count) for count in BARE_SIZES if count <= max_events]


def _in_fresh_process(what: str, count: int) -> dict[str, Any]:
    """Run `python -m bench.scaling WHAT COUNT` in a new process; return the JSON it prints last."""
    done = subprocess.run([sys.executable, "-m", "bench.scaling", what, str(count)], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def row(count: int) -> dict[str, Any]:
    """Build `count` synthetic events in-process, after a small warm-up build; return the medians."""
    work = Path(tempfile.mkdtemp(prefix=f"timeline-{count}-"))
    # The first build of a process compiles Material's templates; the warm-up
    # pays for that, so that every size is measured the same way.
    warm = copy_project(work / "warm")
    write_synthetic(warm / "docs" / "data" / "timeline.yml", 10)
    hook_share(warm, work / "site-warm")
    project = copy_project(work / "project")
    size = write_synthetic(project / "docs" / "data" / "timeline.yml", count)
    runs = 3 if count <= 10_000 else 1
    samples = [hook_share(project, work / f"site-{run}") for run in range(runs)]
    shutil.rmtree(work, ignore_errors=True)
    return {"events": count, "yaml_bytes": size, "runs": runs, "languages": len(LANGUAGES),
            "hook": median([s[0] for s in samples]), "build": median([s[1] for s in samples])}


def bare_row(count: int) -> dict[str, Any]:
    """Build the bare site of all the languages with `count` synthetic events; return the median of 3 builds.

    Each language is its own project and its own `mkdocs build`, the three
    side by side in processes of their own.
    """
    work = Path(tempfile.mkdtemp(prefix=f"bare-timeline-{count}-"))
    data = work / "timeline.yml"
    shutil.copy(ROOT / "docs" / "data" / "timeline.schema.json", work)
    write_synthetic(data, count)
    projects = [bare_project(language, data, f"bare-{language}-{count}") for language in LANGUAGES]
    builds = [timed_side_by_side(projects, work / f"site-{run}") for run in range(3)]
    shutil.rmtree(work, ignore_errors=True)
    for project in projects:
        shutil.rmtree(project, ignore_errors=True)
    return {"events": count, "languages": len(LANGUAGES), "build": median(builds)}


def parts(count: int) -> dict[str, float]:
    """Time each step of the timeline's work on `count` synthetic events, in English, by the package's own clock."""
    work = Path(tempfile.mkdtemp(prefix="timeline-parts-"))
    (work / "data").mkdir()
    shutil.copy(ROOT / "docs" / "data" / "timeline.schema.json", work / "data")
    path = work / "data" / "timeline.yml"
    write_synthetic(path, count)
    sections = {name: name for name in SECTIONS}
    found: dict[str, float] = {"events": count}

    @contextlib.contextmanager
    def clock(name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        found[name] = found.get(name, 0.0) + time.perf_counter() - start

    loaded = timeline.load_timeline(path, "timeline.yml", sections, clock)
    page = render(loaded, site_markdown(), PageContext(strings=locales.load("en"), sections=sections), clock)
    with clock("print view: rescoping the page"):
        print_site.rescope(page.content, "timeline-", "timeline/", "print/", {"": "article", "timeline/": "timeline"})
    shutil.rmtree(work, ignore_errors=True)
    return found


if __name__ == "__main__":
    what, count = sys.argv[1], int(sys.argv[2])
    print(json.dumps({"row": row, "bare": bare_row, "parts": parts}[what](count)))
