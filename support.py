"""Helpers that the tests, the bench and scripts/ share: build a project, copy it, serve a folder, drive Chromium.

Imported as `support`: pytest finds it through its `pythonpath` setting, and
`python -m bench` and `python -m scripts.screenshots`, run from the
project's root, find it there.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import random
import re
import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parent
FIXTURES = ROOT / "tests" / "fixtures"

# -----------------------------------------------------------------------------
# Chromium
# -----------------------------------------------------------------------------

# Debian's Chromium, unless CHROMIUM names another; nothing downloads a browser.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# Launch flags for Debian's Chromium on a machine with no network but the
# package registries: without the background-networking flags Chromium keeps
# trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# -----------------------------------------------------------------------------
# Building
# -----------------------------------------------------------------------------


def build_project(project: Path, site_dir: Path, prepare: Callable[[MkDocsConfig], None] | None = None,
                  env: dict[str, str] | None = None) -> None:
    """Build the MkDocs project at `project` into `site_dir` in this process, as `mkdocs build` would.

    `prepare`, if given, sees the loaded configuration first (the bench times the hooks with it); `env` sets
    environment variables for the build (OFFLINE_COPY: as `make offline` and the deploy workflow build).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    saved = {name: os.environ.get(name) for name in env or {}}
    os.environ.update(env or {})
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
        if prepare is not None:
            prepare(config)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def copy_project(dest: Path) -> Path:
    """Copy the sources of the real site, every language's configuration too (not site/ or .venv/), into `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for src in [*ROOT.glob("mkdocs*.yml"), ROOT / "docs", ROOT / "overrides"]:
        if src.is_dir():
            shutil.copytree(src, dest / src.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / src.name)
    return dest


def with_word_in_article(text: str, word: str) -> str:
    """Return a page's Markdown with `word` before its first paragraph of prose (an editor's edit, in a copy)."""
    front, body = re.match(r"(---\n.*?\n---\n)(.*)", text, re.S).groups()  # type: ignore[union-attr]
    lines = body.split("\n")
    index = next(i for i, line in enumerate(lines) if line[:1].isalpha() and not line.startswith("Main article"))
    lines[index] = f"{word} {lines[index]}"
    return front + "\n".join(lines)


def with_word_in_event(text: str, language: str, word: str) -> str:
    """Return the data file with `word` before the first event's description in `language`."""
    return re.sub(rf"(\n      {language}: >-\n        )", rf"\g<1>{word} ", text, count=1)


def make_in_copy(project: Path, *arguments: str) -> list[str]:
    """Return the command that runs make in a copy of the project (copy_project), with the project's .venv.

    The copy gets the Makefile and the lock; its make takes the project's
    .venv as it is (-o: never reinstalled from the copy, which would point the
    venv's editable install at the copy).
    """
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, project)
    venv = ROOT / ".venv"
    return ["make", "--no-print-directory", f"VENV={venv}", "-o", str(venv / ".installed-from-lock"), *arguments]


# -----------------------------------------------------------------------------
# Serving and browsing
# -----------------------------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve files quietly, and, where `gzip` is set, as GitHub Pages does: gzipped, cached for ten minutes.

    Where the browser accepts gzip, the body is compressed. Each response's
    path and size go to `sent`, where it is given.
    """

    gzip = False
    sent: list[tuple[str, int]] | None = None
    headers_sent: dict[str, str] = {}  # set per server, in `serve`
    _COMPRESSIBLE = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"})

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        if self.gzip:
            self.send_header("Cache-Control", "max-age=600")
        for name, value in self.headers_sent.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip and accepted and path.suffix in self._COMPRESSIBLE and path.is_file()):
            sent = super().send_head()
            self._record(path, path.stat().st_size if sent is not None and path.is_file() else 0)
            return sent
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._record(path, len(body))
        return io.BytesIO(body)

    def _record(self, path: Path, size: int) -> None:
        if self.sent is not None:
            self.sent.append((urlsplit(self.path).path, size))


@contextlib.contextmanager
def serve(folder: Path, *, compress: bool = False, sent: list[tuple[str, int]] | None = None,
          headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve `folder` on a free port of 127.0.0.1 from a daemon thread; yield its URL, ending in a slash.

    `compress` serves as GitHub Pages does (gzip, ten minutes' caching); `sent`, if given, collects the
    path and body size (on the wire) of every response; `headers` are sent with every response.
    """
    handler_class = type("Handler", (_Handler,), {"gzip": compress, "sent": sent, "headers_sent": headers or {}})
    handler = functools.partial(handler_class, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


# Counts the messages posted to the page's workers (Material's search worker, or the offline copy's stand-in for
# one) and the replies to them: the worker answers each message once, in order, and Material draws the results
# as a reply comes, before this listener, added after Material's, hears it.
_COUNT_SEARCH_MESSAGES = """() => {
  if (window.__searchMessages) return;
  const counts = window.__searchMessages = {sent: 0, received: 0};
  const post = Worker.prototype.postMessage, heard = new WeakSet();
  Worker.prototype.postMessage = function (...args) {
    if (!heard.has(this)) {
      heard.add(this);
      this.addEventListener("message", () => { counts.received += 1; });
    }
    counts.sent += 1;
    return post.apply(this, args);
  };
}"""


def count_search_messages(page: Any) -> None:
    """Start counting what the page sends its search worker and what it answers, before a query is typed."""
    page.evaluate(_COUNT_SEARCH_MESSAGES)


def wait_for_search(page: Any) -> None:
    """Wait until the search worker has answered every query sent since `count_search_messages`.

    Material sends a query only when the box's value changes, so once every
    one is answered the results shown are those of the value in the box.
    """
    page.wait_for_function("() => { const c = window.__searchMessages; return c.sent > 0 && c.sent === c.received; }")


def wait_for_search_ready(page: Any) -> None:
    """Wait until Material's search, its box empty, invites typing in the page's language.

    It does so only once its worker has loaded the index and its lunr
    languages and answered the empty query.
    """
    from playwright.sync_api import expect

    translations = json.loads(page.locator("#__config").text_content())["translations"]
    expect(page.locator(".md-search-result__meta")).to_have_text(translations["search.result.placeholder"])


def search(page: Any, query: str) -> list[str]:
    """Type `query` into Material's search box key by key; return the result links once its results are shown.

    Each keystroke starts a query, and a slow worker answers them long after
    the typing: the list is read once the worker has answered the last. Links
    are returned as path plus fragment, without Material's `?h=` highlight
    parameter.
    """
    count_search_messages(page)
    box = page.locator("input.md-search__input")
    box.click(force=True)
    box.fill("")
    box.press_sequentially(query, delay=10)
    # Text typed as input events without keys (Hangul, Cyrillic) does not fire
    # the keyup Material listens for; End is a key that changes nothing.
    box.press("End")
    wait_for_search(page)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.getAttribute('href'))")
    return [result_path(href) for href in hrefs]


def result_path(href: str) -> str:
    """Reduce a search result's link to its site path and fragment."""
    parts = urlsplit(href)
    path = parts.path.lstrip("/")
    return f"{path}#{parts.fragment}" if parts.fragment else path


# -----------------------------------------------------------------------------
# Synthetic timelines
# -----------------------------------------------------------------------------

# The article's sections that carry a timeline marker; every one needs an event.
SECTIONS = ["nordpolitik", "first-contacts", "diplomatic-ties", "space", "trade"]


def synthetic_events(count: int, seed: int = 1990) -> list[dict[str, Any]]:
    """Return `count` events that look like real ones, reproducibly, in English, Korean and Russian.

    Mostly plain ISO dates at day, month or year precision, some intervals
    and approximate dates, a title and a Markdown description in each
    language, one source, and every tenth event (and one per section) tied
    to an article section. Each translation records the English it
    translates, as the real file's do: they are all current, as a maintained
    file's mostly are, so the bench pays for checking every one and lists none.
    """
    from fingerprints import fingerprint

    rng = random.Random(seed)
    out = []
    for index in range(count):
        year, month, day = rng.randint(1950, 2020), rng.randint(1, 12), rng.randint(1, 28)
        shape = rng.random()
        if shape < 0.6:
            date = f"{year}-{month:02d}-{day:02d}"
        elif shape < 0.75:
            date = f"{year}-{month:02d}"
        elif shape < 0.85:
            date = f"{year}"
        elif shape < 0.95:
            date = f"{year}-{month:02d}-{day:02d}/{year}-{month:02d}-{min(day + 3, 28):02d}"
        else:
            date = f"{year}-{month:02d}-{day:02d}~"
        event: dict[str, Any] = {
            "id": f"event-{index:06d}",
            "date": date,
            "title": {"en": f"Synthetic event {index} in {year}", "ko": f"{year}년의 합성 사건 {index}",
                      "ru": f"Синтетическое событие {index} в {year} году"},
            "description": {
                "en": (f"A *synthetic* event for the benchmark, number {index}, with a "
                       f"[link](https://example.org/{index}) and some words about Seoul and Moscow."),
                "ko": (f"벤치마크를 위한 *합성* 사건 {index}번으로, [링크](https://example.org/{index})와 "
                       "서울과 모스크바에 관한 몇 마디를 담고 있다."),
                "ru": (f"*Синтетическое* событие для измерений, номер {index}, со "
                       f"[ссылкой](https://example.org/{index}) и несколькими словами о Сеуле и Москве."),
            },
            "sources": [{"title": f"Source {index}", "url": f"https://example.org/source/{index}"}],
        }
        for name in ("title", "description"):
            english = fingerprint(event[name]["en"])
            event[name]["translates"] = f"ko {english}, ru {english}"
        if index < len(SECTIONS) or index % 10 == 0:
            event["article"] = SECTIONS[(index if index < len(SECTIONS) else index // 10) % len(SECTIONS)]
        if index % 7 == 0:
            event["context"] = True
        out.append(event)
    return out


def write_synthetic(path: Path, count: int) -> int:
    """Write a data file of `count` synthetic events to `path`; return its size in bytes."""
    return write_events(path, synthetic_events(count))


def write_events(path: Path, events: list[dict[str, Any]]) -> int:
    """Write `events` as a timeline data file at `path`, in block style as editors write it; return its size.

    Each string is written as a double-quoted scalar by json.dumps, which YAML
    reads as it is: 100,000 events take a second, where yaml.dump takes eight.
    """
    lines = ["events:"]
    for event in events:
        lines += _block(event, "  ", "- ")
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def _block(value: dict[str, Any], indent: str, first: str) -> list[str]:
    """Return the YAML lines of a mapping of strings, booleans, mappings and lists of mappings, as a list item."""
    lines = []
    for index, (key, item) in enumerate(value.items()):
        lead = indent + (first if index == 0 else " " * len(first))
        if isinstance(item, list):
            lines.append(f"{lead}{key}:")
            for child in item:
                lines += _block(child, lead.replace("-", " ") + "  ", "- ")
        elif isinstance(item, dict):
            lines.append(f"{lead}{key}:")
            inner = lead.replace("-", " ") + "  "
            lines += [f"{inner}{name}: {json.dumps(text, ensure_ascii=False)}" for name, text in item.items()]
        elif isinstance(item, bool):
            lines.append(f"{lead}{key}: {'true' if item else 'false'}")
        else:
            lines.append(f"{lead}{key}: {json.dumps(item, ensure_ascii=False)}")
    return lines


# -----------------------------------------------------------------------------
# Reading built pages
# -----------------------------------------------------------------------------


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def run_axe(page: Any) -> list[str]:
    """Run axe-core on the page as it stands; return one line per violation and node.

    axe goes in as the browser's own tools put a script in, which the page's
    Content-Security-Policy does not govern: a <script> added to the page
    would be an inline one, which it blocks.
    """
    session = page.context.new_cdp_session(page)
    try:
        session.send("Runtime.evaluate", {"expression": AXE.read_text(encoding="utf-8")})
    finally:
        session.detach()
    violations = page.evaluate("async () => (await axe.run()).violations")
    return [f"{v['id']} ({v['impact']}): {' '.join(n['target'][0] for n in v['nodes'][:3])}" for v in violations]


def soup(path: Path) -> Any:
    """Parse a built HTML file with Beautiful Soup."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def material_search_entries(content: str, url: str, toc: Any = (), title: str = "") -> list[dict[str, str]]:
    """Index a page's content with Material's own search parser, as its search plugin does."""
    from types import SimpleNamespace

    from material.plugins.search.plugin import SearchIndex

    page = SimpleNamespace(meta={}, content=content, url=url, toc=list(toc), title=title)
    index = SearchIndex()
    index.add_entry_from_context(page)
    entries: list[dict[str, str]] = index.entries
    return entries


# -----------------------------------------------------------------------------
# The seed section (tests/fixtures/seed.txt), as the fidelity tests read it
# -----------------------------------------------------------------------------

SEED = (FIXTURES / "seed.txt").read_text(encoding="utf-8")


def normalise(text: str) -> str:
    """Collapse white space so that line wrapping does not matter."""
    return re.sub(r"\s+", " ", text).strip()


def seed_article() -> str:
    """Return the seed's article paragraphs: between "Main article" and "Read more"."""
    body = SEED.split("Main article:", 1)[1].split("\n", 1)[1]
    return body.split("Read more about this topic", 1)[0]


def seed_sentences(text: str) -> list[str]:
    """Split article text into sentences at a full stop followed by a capital letter."""
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", normalise(text)) if s]


def listed_corrections(about: Any) -> list[tuple[str, str]]:
    """Return (seed wording, site wording) pairs from the about page's corrections table."""
    heading = about.find(id="corrections")
    table = heading.find_next("table")
    rows = table.find("tbody").find_all("tr")
    return [(r.find_all("td")[1].get_text(), r.find_all("td")[2].get_text()) for r in rows]


def corrected_seed(about: Any) -> str:
    """Return the seed's article with the about page's corrections, and only those, applied."""
    seed = seed_article()
    for wrong, right in listed_corrections(about):
        seed = seed.replace(wrong, right)
    return seed
