"""Unit tests of the timeline package: loading, checking, dating and rendering.

The package (overrides/hooks/timeline/) is imported as it is: the editable
install puts its folder on the path, as MkDocs does while it loads the hooks.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import locales
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from support import FIXTURES, ROOT, material_search_entries
from timeline import TimelineError, dates, loader, markup, render, search
from timeline.data import Event, Text, Timeline, _normalise_dates, load_schema, schema_valid

LABEL = "docs/data/timeline.yml"
SECTIONS = {"nordpolitik": "Nordpolitik and New Thinking", "first-contacts": "Contacts"}
SECTIONS_OF_SYNTHETIC = ["nordpolitik", "first-contacts", "diplomatic-ties", "space", "trade"]
GOLDEN = FIXTURES / "timeline" / "valid.golden.html"


def write_data(tmp_path: Path, text: str | bytes) -> Path:
    """Write a data file (text, or bytes as they are), with the real schema beside it; return its path."""
    data = tmp_path / "docs" / "data"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "docs" / "data" / "timeline.schema.json", data)
    path = data / "timeline.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(path: Path) -> Timeline:
    """Load a data file as the hook does, with the fixture article's sections."""
    return timeline.load_timeline(path, LABEL, SECTIONS)


@pytest.fixture(name="valid")
def fixture_valid(tmp_path: Path) -> Timeline:
    """Return the valid fixture timeline, loaded and checked."""
    text = (FIXTURES / "timeline" / "valid.yml").read_text(encoding="utf-8")
    return load(write_data(tmp_path, text))


# -----------------------------------------------------------------------------
# Loading and order
# -----------------------------------------------------------------------------


def test_events_come_out_in_chronological_order_with_ties_in_file_order(
    valid: Timeline,
) -> None:
    """An interval sorts by its start; two events on one day keep their file order."""
    ids = [e.id for e in valid.events]
    assert ids == [
        "unquoted-iso", "an-interval", "second-on-the-day", "html-in-title",
        "a-decade", "approximate", "a-year",
    ]


def test_dates_that_yaml_reads_as_dates_or_numbers_are_kept_as_written(
    valid: Timeline,
) -> None:
    """An unquoted ISO date and a bare year keep their EDTF text and precision."""
    by_id = {e.id: e for e in valid.events}
    assert by_id["unquoted-iso"].when.edtf == "1986-07-28"
    assert by_id["unquoted-iso"].when.precision == "day"
    assert by_id["a-year"].when.edtf == "2003"
    assert by_id["a-year"].when.precision == "year"


def test_the_real_data_file_holds_every_seed_event_and_marks_context() -> None:
    """Events E1–E14 of facts.md are present with their verified dates; X events are context."""
    sections = {"nordpolitik", "first-contacts", "diplomatic-ties", "space", "trade"}
    real = timeline.load_timeline(ROOT / "docs" / "data" / "timeline.yml", LABEL, sections)
    found = {e.id: e.when.edtf for e in real.events}
    expected = {
        "vladivostok-speech": "1986-07-28", "krasnoyarsk-speech": "1988-09-16",
        "roh-adviser-moscow": "198X", "kim-young-sam-moscow": "1989-06-02/1989-06-10",
        "kim-meets-ho-dam": "1989-06-06", "sakhalin-koreans": "1989-06?",
        "san-francisco-summit": "1990-06-04", "diplomatic-relations": "1990-09-30",
        "russia-continues-relations": "1991-12-27~", "putin-visits-seoul": "2001-02-26/2001-02-28",
        "roh-moo-hyun-moscow": "2004-09-20/2004-09-23", "astronaut-finalists": "2006-12-25",
        "yi-so-yeon-flight": "2008-04-08/2008-04-19", "naro-1-first-launch": "2009-08-25",
        "astronaut-budget": "2005~/2008~", "trade-2003": "2003",
    }
    assert {k: found.get(k) for k in expected} == expected
    for event in real.events:
        assert event.context == (event.article is None), event.id
        assert event.sources, event.id


# -----------------------------------------------------------------------------
# Dates
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edtf", "words", "datetimes"),
    [
        ("1986-07-28", "28 July 1986", ["1986-07-28"]),
        ("1988-09", "September 1988", ["1988-09"]),
        ("2003", "2003", ["2003"]),
        ("1989-06-02/1989-06-10", "2–10 June 1989", ["1989-06-02", "1989-06-10"]),
        ("2004-09-20/2004-10-03", "20 September – 3 October 2004", ["2004-09-20", "2004-10-03"]),
        ("1991-12-28/1992-01-02", "28 December 1991 – 2 January 1992", ["1991-12-28", "1992-01-02"]),
        ("199X", "the 1990s", ["1990"]),
        ("19XX", "1900–1999", ["1900"]),
        ("1XXX", "1000–1999", ["1000"]),
        ("1991-12-27~", "about 27 December 1991", ["1991-12-27"]),
        ("1989-06?", "June 1989 (uncertain)", ["1989-06"]),
        ("2005~/2008~", "about 2005–2008", ["2005", "2008"]),
    ],
)
def test_a_date_reads_in_words_at_its_precision(edtf: str, words: str, datetimes: list[str]) -> None:
    """The words match the precision, and <time datetime> carries the machine form."""
    when = dates.parse_date(edtf)
    assert dates.date_words(when) == words
    event = Event("x", when, "t", "d", ())
    assert [d for d, _ in render.time_parts(event)] == datetimes


PLAIN_DATE = st.builds(
    lambda y, m, d, shape, q: [f"{y:04d}", f"{y:04d}-{m:02d}", f"{y:04d}-{m:02d}-{d:02d}",
                               f"{y // 10:03d}X"][shape] + q,
    st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32), st.integers(0, 3),
    st.sampled_from(["", "", "~", "?", "%"]),
)
PLAIN_DATES = st.one_of(PLAIN_DATE, st.builds(lambda a, b: f"{a}/{b}", PLAIN_DATE, PLAIN_DATE))


@settings(max_examples=300, deadline=None)
@given(PLAIN_DATES)
def test_the_fast_path_agrees_with_the_edtf_library_on_every_plain_date(text: str) -> None:
    """For plain ISO dates and decades, qualified or paired as intervals, both paths give the same date."""
    fast = dates.parse_plain(text)
    try:
        slow = dates.parse_edtf(text)
    except ValueError:
        slow = None
    if fast is None:
        # The fast path declines only what the library rejects, or year 0,
        # which Python's dates cannot hold and the library handles.
        assert slow is None or "0000" in text or "000X" in text, f"fast path declined {text!r}"
    else:
        assert slow is not None, f"library rejects {text!r}"
        assert fast == slow


# -----------------------------------------------------------------------------
# Bad data: one readable line per problem, naming file, line, event and field
# -----------------------------------------------------------------------------

GOOD_EVENT = """\
  - id: good
    date: 1990-09-30
    title:
      en: Good
    description:
      en: Fine.
    sources:
      - title: S
        url: https://example.org/
"""
# Lines of GOOD_EVENT under "events:": 2 id, 3 date, 4 title, 5 en, 6 description, 7 en, 8 sources, 9 title, 10 url.


def events(text: str) -> str:
    """Put event entries under the top-level `events` key."""
    return "events:\n" + text


GOOD = "event 1 ('good')"
TITLE = "    title:\n      en: Good\n"

# name: (file text, line, event, field, what the message must say)
BAD_DATA = {
    "yaml syntax": ("events:\n  - id: x\n   date: 1990\n", 3, None, None, "not valid YAML"),
    "unsafe tag": ("events:\n  - id: !!python/object/apply:os.system ['true']\n", 2, None, None,
                   "tags such as !!python"),
    "empty file": ("", None, None, None, "the file is empty"),
    "events not a list": ("events:\n  id: x\n", 1, None, "events", "expected a list of events"),
    "top-level typo": ("event:\n" + GOOD_EVENT, 1, None, "event", "Did you mean 'events'?"),
    "missing title": (events(GOOD_EVENT.replace(TITLE, "")), 2, GOOD, "title", "is missing"),
    "missing english title": (events(GOOD_EVENT.replace("      en: Good\n", "      ko: 좋음\n")), 4, GOOD,
                              "title.en", "is missing"),
    "unknown key": (events(GOOD_EVENT.replace("    title:", "    tittle:")), 4, GOOD, "tittle",
                    "Did you mean 'title'?"),
    "unknown language": (events(GOOD_EVENT.replace("      en: Good\n", "      en: Good\n      kr: 좋음\n")), 6,
                         GOOD, "title.kr", "is not a known language. Known languages: en, ko, ru."),
    "title not per language": (events(GOOD_EVENT.replace(TITLE, "    title: Good\n")), 4, GOOD, "title",
                               "a mapping with en (English, required), ko (Korean) and ru (Russian); found text"),
    "wrong type": (events(GOOD_EVENT.replace("en: Good", "en: [a, b]")), 5, GOOD, "title.en", "found a list"),
    "invalid date": (events(GOOD_EVENT.replace("1990-09-30", "'1990-13-01'")), 3, GOOD, "date",
                     "found '1990-13-01'"),
    "unquoted impossible date": (events(GOOD_EVENT.replace("1990-09-30", "1990-13-30")), 3, GOOD, "date",
                                 "found '1990-13-30'"),
    "impossible day": (events(GOOD_EVENT.replace("1990-09-30", "'1990-02-30'")), 3, GOOD, "date",
                       "valid EDTF date"),
    "reversed interval": (events(GOOD_EVENT.replace("1990-09-30", "2010/2001")), 3, GOOD, "date",
                          "the end comes before the start"),
    "open interval": (events(GOOD_EVENT.replace("1990-09-30", "2003/..")), 3, GOOD, "date",
                      "both ends are needed"),
    "float date": (events(GOOD_EVENT.replace("1990-09-30", "1990.5")), 3, GOOD, "date", "found a number 1990.5"),
    "overlong date": (events(GOOD_EVENT.replace("1990-09-30", "'" + "1" * 65 + "'")), 3, GOOD, "date",
                      "an EDTF date such as"),
    "malformed id": (events(GOOD_EVENT.replace("id: good", "id: Good Event")), 2, "event 1", "id",
                     "lowercase slug"),
    "duplicate id": (events(GOOD_EVENT + GOOD_EVENT), 11, "event 2 ('good')", "id",
                     "found 'good' again (first used on line 2)"),
    "no sources": (events(GOOD_EVENT.split("    sources:")[0] + "    sources: []\n"), 8, GOOD, "sources",
                   "one or more sources"),
    "source without url": (events(GOOD_EVENT.replace("        url: https://example.org/\n", "")), 9, GOOD,
                           "sources.1.url", "is missing"),
    "source url not a web address": (events(GOOD_EVENT.replace("https://example.org/", "example.org")), 10, GOOD,
                                     "sources.1.url", "a web address"),
    "context not boolean": (events(GOOD_EVENT + "    context: maybe\n"), 11, GOOD, "context", "found text 'maybe'"),
    "empty description": (events(GOOD_EVENT.replace("en: Fine.", "en: ''")), 7, GOOD,
                          "description.en", "expected Markdown text"),
    "unknown article section": (events(GOOD_EVENT + "    article: nowhere\n"), 11, GOOD, "article",
                                "expected one of the article's sections"),
    # What a new editor's file can hold that is not the data's fault but the file's.
    "not utf-8 (saved as Latin-1)": (events(GOOD_EVENT.replace("Good", "Café")).encode("latin-1"), 5, None, None,
                                     "found byte 0xE9 in column 14 (perhaps 'é' in another encoding)"),
    "not utf-8, and the fix": (b"events:\n  - id: x\n    title: \xff\n", 3, None, None, "Save the file as UTF-8"),
    "nul character": (events(GOOD_EVENT.replace("Fine.", "Fi\x00ne.")), 7, None, None,
                      "control character U+0000 (NUL) in column 13"),
    "escape character": (events(GOOD_EVENT.replace("en: Good", "en: Go\x1bod")), 5, None, None, "U+001B (ESC)"),
    "yaml anchor and alias": (events(GOOD_EVENT.replace("    sources:\n", "    sources: &s\n") + GOOD_EVENT.replace(
        "id: good", "id: other").split("    sources:")[0] + "    sources: *s\n"), 8, None, None,
                              "found a YAML anchor (&name) on this line that an alias (*name) repeats"),
    "merge key": ("base: &b {title: T}\nevents:\n  - <<: *b\n    id: x\n", 1, None, None, "Anchors and aliases"),
    "repeated title": (events(GOOD_EVENT.replace(TITLE, TITLE + "    title:\n      en: Better\n")),
                       6, GOOD, "title", "is given twice, on lines 4 and 6; the first value would be lost"),
    "repeated language": (events(GOOD_EVENT.replace("      en: Good\n", "      en: Good\n      en: Better\n")),
                          6, GOOD, "title.en", "is given twice, on lines 5 and 6"),
    "repeated sources": (events(GOOD_EVENT + "    sources:\n      - title: T\n        url: https://example.org/t\n"),
                         11, GOOD, "sources", "is given twice, on lines 8 and 11"),
    "repeated key in a source": (events(GOOD_EVENT + "        url: https://example.org/again\n"), 11, GOOD,
                                 "sources.1.url", "is given twice, on lines 10 and 11"),
    "repeated events list": (events(GOOD_EVENT) + events(GOOD_EVENT), 11, None, "events",
                             "is given twice, on lines 1 and 11"),
    "deep nesting": (events(GOOD_EVENT.replace("en: Good", "en: " + "[" * 2000 + "]" * 2000)), 5, None, None,
                     "nested more than 1,000 levels deep"),
    "too many events": ("events:\n" + "- 1\n" * (timeline.MAX_EVENTS + 1), 1, None, "events",
                        f"expected at most {timeline.MAX_EVENTS:,} events; found {timeline.MAX_EVENTS + 1:,}"),
}


@pytest.mark.parametrize(("text", "line", "entry", "field", "fragment"), BAD_DATA.values(), ids=BAD_DATA.keys())
def test_bad_data_is_reported_with_file_line_event_and_field(
    tmp_path: Path, text: str | bytes, line: int | None, entry: str | None, field: str | None, fragment: str
) -> None:
    """Each message names the file (and line), the event and the field, and says what was expected."""
    with pytest.raises(TimelineError) as info:
        load(write_data(tmp_path, text))
    message = str(info.value)
    assert LABEL in message
    if line is not None:
        assert f"{LABEL}:{line}:" in message, message
    if entry is not None:
        assert entry in message, message
    if field is not None:
        assert f"field '{field}'" in message, message
    assert fragment in message, message


def test_a_file_over_the_size_bound_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A file larger than loader.MAX_BYTES is named with its size and the bound, without reading it."""
    path = write_data(tmp_path, "")
    with path.open("wb") as file:
        file.truncate(loader.MAX_BYTES + 1)  # sparse: nothing is written, nothing need be read
    with pytest.raises(TimelineError, match=r"the file is 128\.0 MiB; a timeline data file may be at most 128 MiB"):
        load(path)


@pytest.mark.parametrize("form", ["byte-order mark", "Windows line endings", "both"])
def test_windows_editors_files_load_as_the_same_timeline(tmp_path: Path, form: str) -> None:
    """A UTF-8 byte-order mark and CRLF line endings, as Windows editors write them, change nothing, lines included."""
    text = (FIXTURES / "timeline" / "valid.yml").read_text(encoding="utf-8")
    expected = load(write_data(tmp_path / "lf", text))
    raw = text.encode("utf-8")
    if form != "byte-order mark":
        raw = raw.replace(b"\n", b"\r\n")
    if form != "Windows line endings":
        raw = b"\xef\xbb\xbf" + raw
    assert load(write_data(tmp_path / "win", raw)) == expected


def test_the_bounds_admit_the_100000_event_benchmark(tmp_path: Path) -> None:
    """The bench builds 100,000 events: the bound on events, and on bytes at 1,000 events' size per event, admit it.

    (Loading the whole 96 MB file here would cost the suite a quarter of a minute; the bench builds it.)
    """
    from support import write_synthetic

    path = write_data(tmp_path, "")
    size = write_synthetic(path, 1_000)
    assert timeline.MAX_EVENTS >= 100_000
    assert size * 100 * 1.05 < loader.MAX_BYTES  # 5 % for ids and numbers that grow with the count
    assert len(timeline.load_timeline(path, LABEL, {name: name for name in SECTIONS_OF_SYNTHETIC}).events) == 1_000


# The cases that get as far as the schema check: the others fail before it.
SCHEMA_CASES = {name: case[0] for name, case in BAD_DATA.items()
                if isinstance(case[0], str) and not re.search("yaml|tag|nul|escape|alias|merge|nesting|many", name)}


@pytest.mark.parametrize("text", [*SCHEMA_CASES.values(), events(GOOD_EVENT)], ids=[*SCHEMA_CASES, "good"])
def test_the_fast_schema_check_agrees_with_jsonschema(tmp_path: Path, text: str) -> None:
    """jsonschema-rs decides whether the data is valid; jsonschema, which words the messages, must agree."""
    import jsonschema

    path = write_data(tmp_path, text)
    data = loader.read_yaml(path, LABEL)
    if isinstance(data, dict) and isinstance(data.get("events"), list):
        _normalise_dates(data["events"])
    schema = load_schema(path)
    expected = not list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert schema_valid(data, schema) is expected


def test_loading_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path) -> None:
    """The collector is paused only while the data loads, and runs again after a good or a bad file."""
    import gc

    assert gc.isenabled()
    load(write_data(tmp_path, events(GOOD_EVENT)))
    assert gc.isenabled()
    with pytest.raises(TimelineError):
        load(write_data(tmp_path, events(GOOD_EVENT.replace("    title:", "    tittle:"))))
    assert gc.isenabled()
    gc.disable()
    try:
        load(write_data(tmp_path, events(GOOD_EVENT)))
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    """A missing data file is reported by its project-relative name."""
    with pytest.raises(TimelineError, match=r"docs/data/timeline.yml: the timeline data file is missing"):
        timeline.load_timeline(tmp_path / "timeline.yml", LABEL)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """Two bad events give two lines, so an editor fixes everything in one pass."""
    text = "events:\n" + GOOD_EVENT.replace("    title:", "    tittle:") + GOOD_EVENT.replace(
        "id: good", "id: other").replace("1990-09-30", "'1990-13-01'")
    with pytest.raises(TimelineError) as info:
        load(write_data(tmp_path, text))
    lines = str(info.value).splitlines()
    assert lines[0].startswith("The timeline data has 2 problems")
    assert len(lines) == 3


# -----------------------------------------------------------------------------
# Rendering
# -----------------------------------------------------------------------------


@functools.cache
def site_markdown() -> markup.MarkdownConfig:
    """Return the site's Markdown configuration, read from mkdocs.yml as MkDocs reads it."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return markup.MarkdownConfig(config.markdown_extensions, config.mdx_configs)


def rendered(timeline: Timeline, language: str = "en") -> render.Rendered:
    """Render the page through the one render path, with the site's Markdown and words, as the hook does."""
    page = render.PageContext(strings=locales.load(language), language=language, sections=SECTIONS,
                              canonical_url="https://example.org/timeline/",
                              original_url="./" if language == "en" else "../../timeline/")
    return render.render(timeline, site_markdown(), page)


def page_html(timeline: Timeline, language: str = "en") -> str:
    """Return the page's HTML as the hook puts it on the page."""
    return rendered(timeline, language).content


def test_text_from_the_data_is_escaped(valid: Timeline) -> None:
    """HTML in a title or a source's title reaches the page as literal text."""
    page = page_html(valid)
    assert "<script>" not in page and "<b>source" not in page
    assert '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; *not bold* [not a link](x)' in page
    assert "A &lt;b&gt;source&lt;/b&gt; title" in page


def test_descriptions_and_notes_are_markdown(valid: Timeline) -> None:
    """A description's emphasis and link become HTML; a note becomes an admonition."""
    page = page_html(valid)
    assert '<em>Markdown</em> description with a <a href="https://example.org/">link</a>' in page
    assert '<p class="admonition-title">Editorial note</p>\n<p>The article gives another month.</p>' in page


@pytest.mark.parametrize("language", ["en", "ko", "ru"])
def test_the_rendered_page_matches_the_golden_file(valid: Timeline, language: str) -> None:
    """The page's HTML in each language is stable; `make golden` (UPDATE_GOLDEN=1) rewrites the expected files."""
    page = page_html(valid, language)
    golden = GOLDEN if language == "en" else GOLDEN.with_name(f"valid.{language}.golden.html")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(page, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), page.splitlines(True), "golden", "rendered"))
    assert page == expected, f"Rendered timeline differs (make golden to accept):\n{diff}"


def test_one_render_gives_the_page_everything_it_needs(valid: Timeline) -> None:
    """Contents, anchors, structured data, search entries and exports all come from the one render."""
    page = rendered(valid)
    ids = set(re.findall(r' id="([^"]+)"', page.content))
    assert ids == page.anchors
    assert [t["id"] for t in page.toc[0]["children"]] == ["1980s", "1990s", "2000s"]
    assert [g["@id"] for g in page.structured_data["@graph"]] == [
        f"https://example.org/timeline/#{e.id}" for e in valid.events]
    assert page.search_entries == material_search_entries(page.content, "timeline/", title="Timeline")
    assert set(page.exports) == {"data/timeline.json", "data/timeline.csv"}
    front = yaml.safe_load(page.markdown.split("---")[1])
    assert front["title"] == "Timeline" and front["description"].startswith("7 dated and sourced events")


def test_only_the_build_that_publishes_the_data_files_makes_them(valid: Timeline) -> None:
    """The exports hold every language: a translation's build leaves them to the default language's."""
    page = render.PageContext(strings=locales.load("ko"), language="ko", sections=SECTIONS, publishes_data=False,
                              original_url="../../timeline/")
    translated = render.render(valid, site_markdown(), page)
    assert translated.exports == {}
    assert translated.content == rendered(valid, "ko").content


def test_descriptions_use_the_sites_markdown_less_toc_and_footnotes() -> None:
    """The one rule: every extension of mkdocs.yml but those whose ids would collide across events."""
    from mkdocs.config import load_config

    configured = {e for e in load_config(str(ROOT / "mkdocs.yml")).markdown_extensions if isinstance(e, str)}
    assert {"toc", "footnotes", "abbr", "pymdownx.superfences"} <= configured
    md = description_markdown()
    used = {type(e).__module__.removeprefix("markdown.extensions.") for e in md.registeredExtensions}
    assert {"abbr", "pymdownx.superfences", "admonition", "attr_list"} <= used
    assert not {"toc", "footnotes"} & used


def test_the_macros_fail_loudly_on_a_name_the_view_lacks() -> None:
    """StrictUndefined: a template that reads what the view does not hold raises instead of printing nothing."""
    import jinja2

    with pytest.raises(jinja2.UndefinedError):
        render._macros().content(object())


def test_the_overview_has_a_named_mark_per_event_with_shape_by_kind(valid: Timeline) -> None:
    """Every event gets a linked mark named by its date and title; context events are marked as such."""
    from bs4 import BeautifulSoup

    figure = BeautifulSoup(page_html(valid), "html.parser").select_one("figure.timeline-overview")
    marks = figure.select("ol.timeline-overview__marks > li")
    assert [li.a["href"] for li in marks] == [f"#{e.id}" for e in valid.events]
    for li, event in zip(marks, valid.events, strict=True):
        assert li.a.get_text() == f"{dates.date_words(event.when, 'en')}: {event.title.get('en')}" + (
            " (context)" if event.context else "")
        assert ("timeline-overview__item--context" in li["class"]) == event.context
    assert figure.select_one("ol.timeline-overview__marks")["aria-label"].startswith("Overview of the timeline")
    assert figure.select_one("ol.timeline-overview__ticks")["aria-hidden"] == "true"


@given(st.lists(st.tuples(st.integers(1900, 2020), st.integers(1, 12)), min_size=1, max_size=60))
@settings(max_examples=60, deadline=None)
def test_no_two_marks_in_a_lane_come_closer_than_a_mark(months: list[tuple[int, int]]) -> None:
    """Within a lane, each mark starts a mark's width (at the shortest axis) after the last one ends."""
    from timeline.overview import GAP, MAX_LANES, overview

    events = [Event(f"e{i}", dates.parse_date(f"{year}-{month:02d}"), Text({"en": "T"}), Text({"en": "D"}), ())
              for i, (year, month) in enumerate(sorted(months))]
    plan = overview(Timeline(events))
    assert plan.ticks[0][0] == 0 and plan.ticks[-1][0] == 1
    assert all(0 <= m.at <= m.to <= 1 for m in plan.marks)
    for lane in range(plan.lanes if plan.lanes < MAX_LANES else MAX_LANES - 1):
        marks = [m for m in plan.marks if m.lane == lane]
        assert all(later.at >= earlier.to + GAP - 1e-4 for earlier, later in zip(marks, marks[1:], strict=False))


def test_the_contents_list_events_until_the_page_grows_too_long(valid: Timeline) -> None:
    """Decades always; events too, unless there are more than the limit."""
    tokens = rendered(valid).toc
    decades = tokens[0]["children"]
    assert [d["id"] for d in decades] == ["1980s", "1990s", "2000s"]
    assert sum(len(d["children"]) for d in decades) == len(valid.events)
    many = Timeline(valid.events * (render.TOC_EVENT_LIMIT // len(valid.events) + 1))
    long_toc = render.toc_tokens(render.decades(many), "Timeline", "timeline")
    assert all(not d["children"] for d in long_toc[0]["children"])


def test_the_published_data_is_clean(valid: Timeline) -> None:
    """JSON and CSV carry every event in order, with dates resolved, and no YAML."""
    import csv
    import io
    import json

    files = rendered(valid).exports
    records = json.loads(files["data/timeline.json"])["events"]
    assert [r["id"] for r in records] == [e.id for e in valid.events]
    assert records[0]["start"] == "1986-07-28" and records[0]["precision"] == "day"
    rows = list(csv.DictReader(io.StringIO(files["data/timeline.csv"])))
    assert [r["id"] for r in rows] == [e.id for e in valid.events]
    assert "First source <https://example.org/1>" in rows[0]["sources"]



# -----------------------------------------------------------------------------
# Search entries
# -----------------------------------------------------------------------------

SEARCH_PAGE = (
    '<h1 id="timeline">Timeline<a class="headerlink" href="#timeline">&para;</a></h1>\n'
    "<p>Intro &amp; more, with <em>emphasis</em>.</p>\n"
    '<figure data-search-exclude><svg><title>hidden</title><circle r="5"/></svg><p>hidden too</p></figure>\n'
    '<h2 id="the-1980s">The 1980s<a class="headerlink" href="#the-1980s">&para;</a></h2>\n'
    '<h3 id="an-event">&lt;b&gt;Bold&lt;/b&gt; in a title<a class="headerlink" href="#an-event">&para;</a></h3>\n'
    '<div class="timeline-event">\n<p class="when"><time datetime="1988">1988</time></p>\n'
    "<ul>\n<li>one <code>x &lt; y</code></li>\n<li>two</li>\n</ul>\n<p> </p>\n"
    "<pre><code>kept\n  as is\n</code></pre>\n<script>hidden()</script>\n</div>\n"
)


def test_search_entries_are_the_ones_materials_parser_makes() -> None:
    """A section per heading, the first at the page's address; kept tags bare; excluded parts left out."""
    ours = search.section_entries(SEARCH_PAGE, "timeline/")
    assert [e["location"] for e in ours] == ["timeline/", "timeline/#the-1980s", "timeline/#an-event"]
    assert ours[0]["text"] == "<p>Intro &amp; more, with emphasis.</p>"
    assert ours[2]["title"] == "&lt;b&gt;Bold&lt;/b&gt; in a title"
    assert "hidden" not in str(ours) and "<li>one <code>x &lt; y</code></li>" in ours[2]["text"]
    assert ours == material_search_entries(SEARCH_PAGE, "timeline/", title="Timeline")


def test_a_paragraph_opened_inside_excluded_content_does_not_stop_the_build() -> None:
    """Where Material's parser fails (a kept element opened inside excluded content), the hook goes on."""
    page = '<h1 id="t">T</h1><div data-search-exclude><p>hidden<div></div>shown</p></div><p>after</p>'
    with pytest.raises(ValueError, match="not in list"):
        material_search_entries(page, "p/")
    assert search.section_entries(page, "p/") == [
        {"location": "p/", "title": "T", "text": "shown<p>after</p>"}]


# -----------------------------------------------------------------------------
# Markdown in batches
# -----------------------------------------------------------------------------


def convert(text: str) -> str:
    """Convert one text in one Markdown call, as descriptions are converted."""
    return description_markdown().reset().convert(text)


@functools.cache
def description_markdown() -> Any:
    """Return the converter for descriptions, made by the package's one rule from the site's configuration."""
    return markup.description_markdown(site_markdown())


# Prose with Markdown's inline and block punctuation, lines that start lists,
# quotes, headings and rules, and now and then a line that must not be batched.
MARKDOWN_TEXT = st.lists(
    st.one_of(
        st.text(alphabet="ab cd*_`[]()!#-+>.1:\\&\"'~=\n", min_size=1, max_size=25),
        st.sampled_from(["- item", "1. item", "> quote", "# Head", "---", "Title\n===", "[link](https://example.org/x)",
                         "*em*", "**strong**", "`code`", "a  ", "&copy;", "![image](a.png)",
                         # and what must take a call of its own
                         "[ref]: https://example.org/", "*[ab]: Abbr", "    indented", "```", "!!! note",
                         ": term", "| a | b |", "<span>x</span>", ""]),
    ),
    min_size=1, max_size=5,
).map(lambda lines: "\n".join(lines).strip()).filter(bool)


@settings(max_examples=200, deadline=None)
@given(st.lists(MARKDOWN_TEXT, min_size=1, max_size=12))
def test_markdown_in_batches_equals_one_call_per_text(texts: list[str]) -> None:
    """Batching plain prose changes nothing: every text gets the HTML of its own Markdown call."""
    batched = markup.render_markdown(texts, convert, batch=4)  # several batches from a dozen texts
    assert batched == {text: convert(text) for text in texts}


def test_plain_prose_is_converted_in_batches() -> None:
    """The fast path is taken: a hundred plain descriptions cost one Markdown call, not a hundred."""
    calls = []
    # A line that starts with a number could start a list: not simple prose, but plain enough to batch.
    texts = [f"{n} events with *emphasis*, a [link](https://example.org/{n}) and 2 * 3." for n in range(100)]
    rendered = markup.render_markdown(texts, lambda text: calls.append(text) or convert(text))
    assert len(calls) == 1
    assert rendered[texts[7]] == convert(texts[7])


# Prose as editors write it, in the site's three scripts, with emphasis, strong
# emphasis and links: the texts simple_html is for.
WORD = st.text(alphabet="abcXYZ12가나다абв,.;:'\"()?%/~", min_size=1, max_size=8).filter(lambda w: w[0].isalnum())
SPAN = st.one_of(
    WORD,
    WORD.map(lambda w: f"*{w}*"), WORD.map(lambda w: f"**{w}**"),
    st.tuples(WORD, st.sampled_from(["https://example.org/a?b=1", "../timeline/#kal-007", "x.html"]))
    .map(lambda link: f"[{link[0]}]({link[1]})"),
)
# Lines of spans: words, emphases, links; none that starts like an ordered
# list's item ("1.") or holds a strikethrough's "~~" (pymdownx.tilde), which
# are Markdown's syntax, not prose, and simple_html leaves them.
LINE = (st.lists(SPAN, min_size=1, max_size=6).map(" ".join)
        .filter(lambda line: not re.match(r"\d+[.)]", line) and "~~" not in line))
SIMPLE_TEXT = st.lists(st.lists(LINE, min_size=1, max_size=3).map("\n".join), min_size=1, max_size=3).map("\n\n".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(SIMPLE_TEXT, MARKDOWN_TEXT))
def test_simple_prose_is_written_out_as_python_markdown_converts_it(text: str) -> None:
    """On every text simple_html accepts, it gives what Python-Markdown gives; Markdown's other syntax it leaves."""
    written = markup.simple_html(text)
    if written is not None:
        assert written == convert(text)


@settings(max_examples=100, deadline=None)
@given(SIMPLE_TEXT)
def test_prose_with_emphasis_and_links_takes_the_fast_path(text: str) -> None:
    """The prose editors write is taken: simple_html accepts it, and no Markdown call is made for it."""
    calls: list[str] = []
    assert markup.simple_html(text) is not None, text
    assert markup.render_markdown([text], lambda t: calls.append(t) or convert(t)) == {text: convert(text)}
    assert calls == []


def test_the_sites_and_the_benchs_descriptions_take_the_fast_path(valid: Timeline) -> None:
    """Every description and note of the real data file but the two with raw HTML, and the synthetic ones."""
    import support

    real = timeline.load_timeline(ROOT / "docs" / "data" / "timeline.yml", "timeline.yml", {})
    texts = [value for event in real.events for text in (event.description, event.note) if text
             for value in text.by_language.values()]
    simple = [text for text in texts if markup.simple_html(text) is not None]
    assert len(simple) == len(texts) - 2, [text for text in texts if text not in simple]
    synthetic = [text for event in support.synthetic_events(50) for text in event["description"].values()]
    assert all(markup.simple_html(text) == convert(text) for text in synthetic)
