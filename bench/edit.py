"""The editor's loop: how long a saved edit takes to show in the browser with `mkdocs serve`, against a bare site.

Each project is served by `mkdocs serve --livereload` in a process of its
own, as `make serve` serves it, from a copy; a page of it is open in
Chromium. An edit is saved, and the clock runs until the page the editor
looks at shows it (live reload, the rebuild, the reload and the new page's
first paint, all included). Kinds of edit, each timed several times:

- a Markdown edit of the article, in each language, seen on that page;
- a data edit, an event's description in one language, seen on that
  language's timeline; the bare site's equivalent is an edit of its
  hand-written timeline page;
- a bad save of the data file, until the page shows the problem, and the
  good file again, until it shows the last good edit.

The reference is a bare Material site of the same English pages
(bench.common.bare_project): one language, no hooks, its timeline a static
Markdown page, served the same way in the same run.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.common import ENV, OUT, bare_project, median
from support import CHROMIUM, CHROMIUM_ARGS, copy_project, with_word_in_article, with_word_in_event

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

RUNS = 5
_counter = itertools.count()


@dataclass(frozen=True)
class Edit:
    """One kind of edit: the file it changes (in the project), the page it shows on, and how to make it."""

    name: str
    file: str
    page: str  # below the site's root
    change: Callable[[str, str], str]  # (file's text, a word never seen before) -> the text saved
    shows: Callable[[str], str] = lambda word: word  # what the page shows once the edit has come through


def _in_event(language: str) -> Callable[[str, str], str]:
    """Return an edit that puts a new word into the first event's description in `language`."""
    return lambda text, word: with_word_in_event(text, language, word)


def _in_first_event_html(text: str, word: str) -> str:
    """Put a new word into the first event's description on the bare site's timeline page, the same edit as ours."""
    return re.sub(r'(<p class="timeline-event__when">.*?</p>\n<p>)', rf"\g<1>{word} ", text, count=1)


def _broken(text: str, word: str) -> str:
    """Return the data file with a key given twice, which the build refuses."""
    return text.replace("  - id: kal-007\n", "  - id: kal-007\n    id: again\n", 1)


OURS = [
    Edit("Markdown, English", "docs/index.md", "", with_word_in_article),
    Edit("Markdown, Korean", "docs/ko/index.md", "ko/", with_word_in_article),
    Edit("Markdown, Russian", "docs/ru/index.md", "ru/", with_word_in_article),
    Edit("data, English timeline", "docs/data/timeline.yml", "timeline/", _in_event("en")),
    Edit("data, Korean timeline", "docs/data/timeline.yml", "ko/timeline/", _in_event("ko")),
    Edit("data, Russian timeline", "docs/data/timeline.yml", "ru/timeline/", _in_event("ru")),
    Edit("bad save", "docs/data/timeline.yml", "timeline/", _broken, lambda word: "The data file has problems"),
]
BARE = [
    Edit("Markdown", "docs/index.md", "", with_word_in_article),
    Edit("timeline page", "docs/timeline.md", "timeline/", lambda text, word: _in_first_event_html(text, word)),
]
# Which of the bare site's edits each of ours is held to.
REFERENCE = {"Markdown, English": "Markdown", "Markdown, Korean": "Markdown", "Markdown, Russian": "Markdown",
             "data, English timeline": "timeline page", "data, Korean timeline": "timeline page",
             "data, Russian timeline": "timeline page", "bad save": "timeline page"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def served(project: Path) -> Iterator[str]:
    """Run `mkdocs serve --livereload` on `project` as `make serve` does; yield its address once it answers."""
    port = _free_port()
    log = (OUT / f"serve-{project.name}.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--watch-theme", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env={**ENV, "PYTHONUNBUFFERED": "1"}, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(url, timeout=5).close()
                break
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"mkdocs serve did not start; see {log.name}")
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _idle(log: Path, quiet: float = 1.0, limit: float = 30.0) -> None:
    """Wait until the server has logged nothing for `quiet` seconds: the last save's rebuilds are all done.

    Each save is timed from an idle server, on both sites alike: an editor
    does not save again while the last save's other languages still build.
    """
    deadline = time.monotonic() + limit
    size, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = log.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.05)


def time_edits(project: Path, edits: list[Edit], runs: int = RUNS) -> dict[str, list[float]]:
    """Serve `project`; for each edit, save it `runs` times and return the seconds until its page showed it."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {}
    log = OUT / f"serve-{project.name}.log"
    with served(project) as url, sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for edit in edits:
            path = project / edit.file
            good = path.read_text(encoding="utf-8")
            # A page of its own for each kind: the last kind's page may still have a reload to come, once
            # the languages built after its own are in.
            page = chromium.new_page()
            page.goto(url + edit.page, wait_until="load")
            _idle(log)
            page.wait_for_timeout(1000)  # the server's watcher settles, and the page's live reload connects
            for _ in range(runs):
                word = f"edit{next(_counter)}x"
                changed = edit.change(good, word)
                if changed == good:
                    raise RuntimeError(f"the edit {edit.name!r} changed nothing in {edit.file}")
                start = time.perf_counter()
                path.write_text(changed, encoding="utf-8")
                page.get_by_text(edit.shows(word), exact=False).first.wait_for(timeout=60_000)
                times.setdefault(edit.name, []).append(time.perf_counter() - start)
                if edit.name == "bad save":  # the good file again, and the page with it, before the next run
                    path.write_text(good, encoding="utf-8")
                    page.get_by_text(edit.shows(word)).first.wait_for(state="detached", timeout=60_000)
                _idle(log)
            path.write_text(good, encoding="utf-8")
            page.wait_for_timeout(1500)  # the rebuild of the last save finishes before the next kind starts
            page.close()
        chromium.close()
    return times


def run(results: dict[str, Any], runs: int = RUNS) -> None:
    """Time every kind of edit on this site and on the bare one, in the same run."""
    from support import ROOT

    work = OUT / "edit"
    shutil.rmtree(work, ignore_errors=True)
    ours = copy_project(work / "ours")
    for name in ("pyproject.toml",):
        shutil.copy2(ROOT / name, ours)
    bare = work / "bare"
    shutil.copytree(bare_project("en"), bare)
    found_bare = time_edits(bare, BARE, runs)
    found_ours = time_edits(ours, OURS, runs)
    results["edit"] = {
        "runs": runs,
        "cpus": os.cpu_count(),
        "ours": {name: median(times) for name, times in found_ours.items()},
        "ours_all": found_ours,
        "bare": {name: median(times) for name, times in found_bare.items()},
        "bare_all": found_bare,
        "reference": REFERENCE,
    }
