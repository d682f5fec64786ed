"""Builds of the real site: strict, repeatable, and with the generated timeline."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from support import (
    ROOT,
    build_project,
    copy_project,
    make_in_copy,
    material_search_entries,
    soup,
    synthetic_events,
    write_events,
)


def test_the_site_builds_strictly_twice_in_one_process_without_warnings(
    tmp_path: Path, build_log: pytest.LogCaptureFixture
) -> None:
    """A second build catches state a hook or plugin kept from the first."""
    for run in ("first", "second"):
        site = tmp_path / run
        build_project(ROOT, site)
        assert (site / "index.html").is_file()
    assert [r.getMessage() for r in build_log.records] == []


def test_the_site_requests_no_font_or_script_from_another_host(site_dir: Path) -> None:
    """No page links a stylesheet, script or font from a host other than the site's own."""
    for html in site_dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text, html
        assert "fonts.gstatic.com" not in text, html
        for attr in ("src", "href"):
            pattern = rf'<(?:script|link)[^>]*\b{attr}="(https?://[^"]+)"'
            for url in re.findall(pattern, text):
                assert url.startswith("http://127.0.0.1"), f"{html}: {url}"


def test_the_404_page_and_sitemap_are_built(site_dir: Path) -> None:
    """The 404 page offers a way back, and site_url gives the sitemap absolute URLs."""
    page = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in page
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://127.0.0.1:8000/quotes/</loc>" in sitemap


# -----------------------------------------------------------------------------
# The generated timeline
# -----------------------------------------------------------------------------


def test_the_timeline_page_is_generated_in_order_and_in_the_nav(site_dir: Path) -> None:
    """Events appear once each, in date order, and every page's nav links the timeline."""
    page = soup(site_dir / "timeline" / "index.html")
    sections = page.select("div.timeline-event")
    assert len(sections) >= 14
    # A year or month sorts as its first day: "1989-06" before "1989-06-02".
    starts = [s.select_one("time")["datetime"] for s in sections]
    assert starts == sorted(starts, key=lambda d: (d + "-01-01"[len(d) - 4:])[:10])
    nav = soup(site_dir / "index.html").select("nav.md-nav--primary a[href]")
    assert any(a["href"].rstrip("/").endswith("timeline") for a in nav)


def test_the_yaml_source_is_not_published_but_clean_data_is(site_dir: Path) -> None:
    """site/ carries JSON, CSV and the schema, never the editing source."""
    assert not list(site_dir.rglob("*.yml")) and not list(site_dir.rglob("*.yaml"))
    data = json.loads((site_dir / "data" / "timeline.json").read_text(encoding="utf-8"))
    assert {e["id"] for e in data["events"]} >= {"vladivostok-speech", "naro-1-first-launch"}
    assert (site_dir / "data" / "timeline.csv").read_text(encoding="utf-8").startswith("id,date,start,end")
    schema = json.loads((site_dir / "data" / "timeline.schema.json").read_text(encoding="utf-8"))
    assert schema["required"] == ["events"]


def test_article_and_timeline_link_both_ways(site_dir: Path) -> None:
    """Each article section lists its events; each article event links back to its section."""
    article = soup(site_dir / "index.html")
    timeline = soup(site_dir / "timeline" / "index.html")
    forward = {a["href"] for a in article.select(".timeline-links a")}
    assert "timeline/#krasnoyarsk-speech" in forward
    for href in forward:
        assert timeline.find(id=href.split("#", 1)[1]), href
    back = timeline.select_one("#krasnoyarsk-speech").find_next_sibling("div").select_one(".timeline-event__back a")
    assert back["href"] == "../#nordpolitik"
    assert article.find(id="nordpolitik")


def test_the_timeline_edit_link_opens_the_data_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a repository configured, the generated page's edit link is the YAML file's."""
    monkeypatch.setenv("REPO_URL", "https://github.com/example/site")
    monkeypatch.setenv("EDIT_URI", "edit/main/docs/")
    build_project(ROOT, tmp_path / "site")
    page = soup(tmp_path / "site" / "timeline" / "index.html")
    edit = page.select_one("a.md-content__button[href*='/edit/']")
    assert edit["href"] == "https://github.com/example/site/edit/main/docs/data/timeline.yml"


def test_bad_data_stops_the_build_with_the_message(
    tmp_path: Path, build_log: pytest.LogCaptureFixture
) -> None:
    """In-process, the build aborts and logs the message that names the file and field."""
    project = copy_project(tmp_path / "project")
    data = project / "docs" / "data" / "timeline.yml"
    data.write_text(data.read_text(encoding="utf-8").replace(VLADIVOSTOK_TITLE, VLADIVOSTOK_TITLE.replace(
        "title:", "tittle:")))
    with pytest.raises(Abort):
        build_project(project, tmp_path / "site")
    assert re.search(r"docs/data/timeline.yml:\d+: event \d+ \('vladivostok-speech'\), field 'tittle'",
                     build_log.text)
    assert not (tmp_path / "site").exists(), "the build touched the site directory"


# The first lines of the Vladivostok event's title in the real data file.
VLADIVOSTOK_TITLE = "    title:\n      en: Gorbachev's Vladivostok speech\n"

# What an editor's mistake does to the real data file, and a fragment of what the build must say.
BROKEN_FILES = {
    "impossible date": (lambda t: t.replace("date: 1986-07-28", "date: 1986-13-28").encode(),
                        "field 'date': expected a valid EDTF date"),
    # The file's first non-ASCII character is the en dash of line 3.
    "saved as Windows-1252": (lambda t: t.encode("cp1252", errors="replace"),
                              "3: expected UTF-8 text; found byte 0x96 in column 30 (perhaps '–' in another encoding)"),
    "anchors and aliases": (lambda t: t.replace("events:\n", "base: &b [1, 2]\nlol: [*b, *b]\nevents:\n").encode(),
                            "Anchors and aliases are not allowed"),
    "a repeated title": (lambda t: t.replace(VLADIVOSTOK_TITLE, VLADIVOSTOK_TITLE + "    title:\n      en: Again\n")
                         .encode(),
                         "field 'title': is given twice"),
    "a NUL byte": (lambda t: t.replace("Vladivostok speech", "Vladivostok\x00speech").encode(),
                   "control character U+0000 (NUL)"),
}


@pytest.mark.parametrize(("damage", "fragment"), BROKEN_FILES.values(), ids=BROKEN_FILES.keys())
def test_a_failed_build_prints_no_traceback_and_keeps_the_last_good_site(
    tmp_path: Path, damage: Any, fragment: str
) -> None:
    """`mkdocs build` on a broken data file exits non-zero, names the file and line, and leaves site/ untouched."""
    project = copy_project(tmp_path / "project")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(mkdocs, cwd=project, check=True, env=env)
    before = {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*")}
    data = project / "docs" / "data" / "timeline.yml"
    data.write_bytes(damage(data.read_text(encoding="utf-8")))
    result = subprocess.run(mkdocs, cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert re.search(r"docs/data/timeline\.yml:\d+: ", result.stderr), result.stderr
    assert fragment in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*")} == before


def test_make_build_swaps_in_a_new_site_only_when_the_build_succeeds(tmp_path: Path) -> None:
    """`make build` builds beside site/: a failure leaves the last good site/ whole, a success replaces it."""
    project = copy_project(tmp_path / "project")
    make = make_in_copy(project, "build", "SOURCE_DATE_EPOCH=1700000000")
    subprocess.run(make, cwd=project, check=True, capture_output=True)
    index = project / "site" / "timeline" / "index.html"
    first = index.read_bytes()
    data = project / "docs" / "data" / "timeline.yml"
    good = data.read_text(encoding="utf-8")
    data.write_text(good.replace("  - id: kal-007\n", "  - id: kal-007\n    id: again\n"), encoding="utf-8")
    failed = subprocess.run(make, cwd=project, capture_output=True, text=True)
    assert failed.returncode != 0 and "field 'id': is given twice" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert index.read_bytes() == first
    data.write_text(good.replace("Gorbachev's Vladivostok speech", "Gorbachev in Vladivostok"), encoding="utf-8")
    subprocess.run(make, cwd=project, check=True, capture_output=True)
    assert "Gorbachev in Vladivostok" in index.read_text(encoding="utf-8")


def test_the_timeline_stays_searchable_through_materials_parser_when_the_hook_does_not_index_it(
    tmp_path: Path,
) -> None:
    """With `extra.timeline.index_search: false`, Material indexes the page itself: every event is still found."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("index_search: true", "index_search: false"))
    build_project(project, tmp_path / "site")
    docs = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    timeline = {doc["location"]: doc for doc in docs if doc["location"].startswith("timeline/")}
    events = json.loads((tmp_path / "site" / "data" / "timeline.json").read_text(encoding="utf-8"))["events"]
    assert {f"timeline/#{e['id']}" for e in events} <= set(timeline)
    assert "16 September 1988" in timeline["timeline/#krasnoyarsk-speech"]["text"]


def test_an_article_marker_without_events_fails_the_strict_build(
    tmp_path: Path, build_log: pytest.LogCaptureFixture
) -> None:
    """A section marked for events that no event names is a warning, which strict mode makes fatal."""
    project = copy_project(tmp_path / "project")
    data = project / "docs" / "data" / "timeline.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("    article: trade\n", ""))
    with pytest.raises(Abort):
        build_project(project, tmp_path / "site")
    assert "section 'trade' has a timeline marker, but no event" in build_log.text


def test_a_hand_written_timeline_page_is_refused(
    tmp_path: Path, build_log: pytest.LogCaptureFixture
) -> None:
    """The hook will not silently replace docs/timeline.md; it says what to do."""
    project = copy_project(tmp_path / "project")
    (project / "docs" / "timeline.md").write_text("# Timeline\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_project(project, tmp_path / "site")
    assert "Delete docs/timeline.md and edit the data file instead" in build_log.text


def test_serve_rebuilds_keeps_the_last_good_site_on_bad_data_and_recovers(tmp_path: Path) -> None:
    """`mkdocs serve` watches the data file: an edit shows; a bad save keeps the last good page; a fix shows."""
    project = copy_project(tmp_path / "project")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = tmp_path / "serve.log"
    log_file = log.open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=log_file,
    )
    url = f"http://127.0.0.1:{port}/timeline/"
    try:
        assert _wait_for(url, "Vladivostok speech")
        data = project / "docs" / "data" / "timeline.yml"
        good = data.read_text(encoding="utf-8")
        data.write_text(good.replace("en: Gorbachev's Vladivostok speech", "en: Gorbachev speaks in Vladivostok"))
        assert _wait_for(url, "Gorbachev speaks in Vladivostok")
        # A bad save: the last good page stays served, and both it and the log name the problem.
        data.write_bytes(good.encode("cp1252", errors="replace"))
        assert _wait_for(log, "expected UTF-8 text; found byte 0x96", read=lambda p: p.read_text(errors="replace"))
        assert _wait_for(url, "this page shows its last good version")
        with urllib.request.urlopen(url, timeout=5) as response:
            assert "Gorbachev speaks in Vladivostok" in response.read().decode("utf-8")
        with urllib.request.urlopen(url.replace("timeline/", "quotes/"), timeout=5) as response:
            assert response.status == 200
        data.write_text(good.replace("en: Gorbachev's Vladivostok speech", "en: Gorbachev in Vladivostok"))
        assert _wait_for(url, "Gorbachev in Vladivostok")
        with urllib.request.urlopen(url, timeout=5) as response:
            assert "last good version" not in response.read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=10)
        log_file.close()
    assert "Traceback" not in log.read_text(errors="replace")


def _wait_for(source: str | Path, text: str, attempts: int = 60, read: Any = None) -> bool:
    """Poll a URL (or a file, with `read`) until it holds `text`; give up after about 30 seconds."""
    for _ in range(attempts):
        try:
            if read is not None:
                body = read(source)
            else:
                with urllib.request.urlopen(str(source), timeout=2) as response:
                    body = response.read().decode("utf-8")
            if text in body:
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


# -----------------------------------------------------------------------------
# The timeline's search entries
# -----------------------------------------------------------------------------

# Descriptions with every construct Material's indexer treats specially: kept
# tags (lists, code, pre, sub, sup), inline tags it drops, entities, a script
# and raw HTML marked data-search-exclude. All well-formed: on HTML whose tags
# do not nest, Material's parser carries the confusion into later sections,
# which the hook's per-section indexing does not copy.
TRICKY_DESCRIPTIONS = [
    "Plain words & an *emphasis*, a [link](https://example.org/a?b=1&c=2) and `code <b>`.",
    "A list:\n\n- one **bold**\n- two, with `x`\n\n1. first\n2. second",
    "A fenced block:\n\n```\nline one\n    indented <tag>\n```\n\nAfter it.",
    "H<sub>2</sub>O and E = mc<sup>2</sup>; an empty <code></code> and &copy; 1990 &mdash; dash.",
    # A data block: a script that runs would fail the build (content_security.py).
    'Raw <span class="x">span</span> and <script type="application/json">{"hidden": 1}</script> shown.',
    '<div data-search-exclude>\nNot indexed, with <div>a nested <em>div</em></div> in it.\n</div>\n\nIndexed.',
    "Line one  \nline two, after a hard break.\n\n> A quotation.",
]


def _capture_timeline_content(config, captured: dict) -> None:
    """Register a spy that records the timeline page's content as Material's search sees it."""
    def spy(context, *, page, config, nav):
        if page.file.src_uri == "timeline.md":
            captured.update(content=page.content, url=page.url, toc=page.toc, title=page.title)
        return context

    # First in line, so it sees the content that Material's search would parse.
    config.plugins.events["page_context"].insert(0, spy)


@pytest.mark.parametrize("data", ["real", "tricky"])
def test_the_timeline_search_entries_match_materials_own_indexing(tmp_path: Path, data: str) -> None:
    """The hook indexes the timeline itself, for speed; Material's parser must find the very same entries."""
    project = copy_project(tmp_path / "project")
    if data == "tricky":
        events = synthetic_events(40)
        for index, event in enumerate(events):
            event["description"] = {"en": TRICKY_DESCRIPTIONS[index % len(TRICKY_DESCRIPTIONS)]}
            if index % 3 == 0:
                event["note"] = {"en": TRICKY_DESCRIPTIONS[(index + 1) % len(TRICKY_DESCRIPTIONS)]}
        write_events(project / "docs" / "data" / "timeline.yml", events)
    captured: dict = {}
    build_project(project, tmp_path / "site", prepare=lambda config: _capture_timeline_content(config, captured))
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    ours = [entry for entry in index["docs"] if entry["location"].startswith("timeline/")]
    expected = material_search_entries(captured["content"], captured["url"], captured["toc"], captured["title"])
    assert len(ours) > 10
    assert ours == expected
    if data == "tricky":
        text = " ".join(entry["text"] for entry in ours)
        assert "<li>" in text and "<pre>" in text and "<sub>" in text
        assert '"hidden"' not in text and "Not indexed" not in text and "Indexed." in text


# -----------------------------------------------------------------------------
# Compiled templates
# -----------------------------------------------------------------------------


def test_a_template_is_compiled_once_and_again_once_it_is_edited(tmp_path: Path) -> None:
    """The cache hands a new environment the code compiled before, unless the template's source has changed."""
    import jinja2

    import template_cache

    cache = template_cache.MemoryBytecodeCache()
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    compiled: list[str] = []

    def environment() -> jinja2.Environment:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), bytecode_cache=cache)
        compile_ = env.compile
        env.compile = lambda source, *args, **kwargs: (compiled.append(source), compile_(source, *args, **kwargs))[1]
        return env

    assert environment().get_template("page.html").render(name="Seoul") == "Hello Seoul"
    assert environment().get_template("page.html").render(name="Moscow") == "Hello Moscow"
    assert compiled == ["Hello {{ name }}"]
    (tmp_path / "page.html").write_text("Goodbye {{ name }}", encoding="utf-8")
    assert environment().get_template("page.html").render(name="Seoul") == "Goodbye Seoul"
    assert compiled == ["Hello {{ name }}", "Goodbye {{ name }}"]


def test_the_languages_and_later_builds_reuse_the_templates_the_first_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Korean and Russian render with Material's templates as English compiled them, and so does a rebuild."""
    import jinja2

    import template_cache

    template_cache.CACHE.clear()
    compiled: list[str] = []
    compile_ = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, *args: Any, **kwargs: Any) -> Any:
        compiled.append(source)
        return compile_(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    project = copy_project(tmp_path / "project")
    build_project(project, tmp_path / "site", env={"SITE_LANGUAGES": "en"})
    english = len(compiled)
    build_project(project, tmp_path / "site")
    again = compiled[english:]
    # Only what English did not use: each translation's words (partials/languages/ko.html, ru.html), and the
    # environments Material's search plugin makes of its own to read them, which no hook is given.
    assert english > 40 and len(again) <= 10, [source[:60] for source in again]
