"""Outdated translations: each records the English it translates, and says so, and is listed, once it changes.

The fingerprint and its rule (fingerprints.py), the pages' records
(translations.py), the data's (timeline/data.py), the in-place edit that
marks one current (yaml_edit.py, timeline/current.py), and the whole path in
a copy of the site: change the English, build, see the notices in Korean and
Russian and the listing; mark them current, and both are gone.
"""

from __future__ import annotations

import codecs
import difflib
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.config import load_config
from playwright.sync_api import Browser, expect

import fingerprints
import timeline
import translations
from fingerprints import fingerprint
from support import ROOT, SECTIONS, build_project, copy_project, make_in_copy, run_axe, serve, soup, write_synthetic
from timeline import TimelineError
from timeline.current import mark_current
from yaml_edit import EditError, set_string

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

DATA = "docs/data/timeline.yml"
TRANSLATED = {"ko": "ko/", "ru": "ru/"}
# What the tests change in the English: a sentence of the article, and an event's description.
SENTENCE = ("In the 1980s, South Korean President", "In the late 1980s, South Korean President")
EVENT = "vladivostok-speech"
DESCRIPTION = ("Pacific port of Vladivostok", "Pacific port city of Vladivostok")
NOTICE = {"ko": "이 번역은 최신이 아닙니다", "ru": "Перевод устарел"}
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
EVENT_NOTICE = {"ko": "이 사건의 영어 원문은 번역된 뒤에 바뀌었습니다.",
                "ru": "Английский текст этого события изменился после перевода."}


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m translations ARGS` in `project`, as make does."""
    return subprocess.run([sys.executable, "-m", "translations", *args], cwd=project, capture_output=True, text=True)


def change_english(project: Path) -> None:
    """Change a sentence of the English article and the English description of one event."""
    for path, (old, new) in ((project / "docs" / "index.md", SENTENCE), (project / DATA, DESCRIPTION)):
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (path, old)
        path.write_text(text.replace(old, new), encoding="utf-8")


def build_logged(project: Path, site: Path) -> str:
    """Build `project` into `site` in this process; return what the hooks logged at INFO and above."""
    records: list[str] = []
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    plugins = logging.getLogger("mkdocs.plugins")
    level = plugins.level
    plugins.addHandler(handler)
    plugins.setLevel(logging.INFO)
    try:
        build_project(project, site)
    finally:
        plugins.removeHandler(handler)
        plugins.setLevel(level)
    return "\n".join(records)


@pytest.fixture(scope="module", name="outdated")
def fixture_outdated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """Return a copy of the site whose English changed after translation, its built site and the build's log."""
    root = tmp_path_factory.mktemp("outdated")
    project = copy_project(root / "project")
    change_english(project)
    log = build_logged(project, root / "site")
    return project, root / "site", log


# -----------------------------------------------------------------------------
# The fingerprint, and what counts as a change
# -----------------------------------------------------------------------------


def test_the_fingerprint_is_eight_hex_digits_of_sha256_and_stays_the_same() -> None:
    """The algorithm is pinned: a different one would make every recorded translation outdated at once."""
    assert fingerprint("Gorbachev's Vladivostok speech") == "7f97c9d3"
    assert fingerprint("") == "e3b0c442"  # sha256 of nothing
    assert fingerprints.PATTERN.fullmatch(fingerprint("Seoul and Moscow"))


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Z", "C")), min_size=1), min_size=1),
       st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", "\t", " \n   ", "\u00a0"]), min_size=1))
def test_whitespace_never_changes_a_fingerprint(words: list[str], gaps: list[str]) -> None:
    """Re-wrapping, re-indenting, blank lines and trailing spaces: the same words, the same fingerprint."""
    spaced = gaps[0] + "".join(word + gaps[(i + 1) % len(gaps)] for i, word in enumerate(words))
    assert fingerprint(spaced) == fingerprint(" ".join(words))


@pytest.mark.parametrize("edited", [
    "Gorbachev's Vladivostock speech",  # a typo, made or fixed, counts: no program can tell it from a change
    "Gorbachev’s Vladivostok speech",  # punctuation
    "gorbachev's Vladivostok speech",  # case
    "Gorbachev's *Vladivostok* speech",  # markup
    "Gorbachevs Vladivostok speech",
])
def test_every_edit_but_whitespace_changes_the_fingerprint(edited: str) -> None:
    """Any change to the words, punctuation or markup outdates the translations."""
    assert fingerprint(edited) != fingerprint("Gorbachev's Vladivostok speech")


def test_the_parts_of_a_page_are_kept_apart() -> None:
    """A word moved from the title into the description is a change."""
    assert fingerprint("Russia and", "Korea") != fingerprint("Russia", "and Korea")


PAGE = """\
---
title: About
description: >-
  Where the text
  comes from.
search:
  boost: 0.5
---

# About

Some words.
"""


@pytest.mark.parametrize(("edit", "changes"), [
    (lambda t: t.replace("Some words.", "Some more words."), True),
    (lambda t: t.replace("title: About", "title: About us"), True),
    (lambda t: t.replace("comes from.", "comes from, and why."), True),
    (lambda t: t.replace("boost: 0.5", "boost: 2"), False),  # settings, not prose
    (lambda t: t.replace("Some words.", "Some\n   words.\n\n"), False),
    (lambda t: t.replace("# About\n", "# About   \n\n\n"), False),
], ids=["body", "title", "description", "search settings", "re-wrapped", "blank lines"])
def test_the_english_of_a_page_is_its_title_description_and_body(
    tmp_path: Path, edit: Callable[[str], str], changes: bool
) -> None:
    """What a translation of a page translates; the rest of the front matter outdates nothing."""
    page = tmp_path / "about.md"
    page.write_text(PAGE, encoding="utf-8")
    before = translations.english_fingerprint(page)
    page.write_text(edit(PAGE), encoding="utf-8")
    os.utime(page, ns=(1, 1))  # a new version for the cache, even within the clock's resolution
    assert (translations.english_fingerprint(page) != before) == changes


def test_the_schema_and_the_pages_word_a_fingerprint_alike() -> None:
    """One wording of what a fingerprint is, in the data's messages (the schema) and the pages' alike."""
    import json

    schema = json.loads((ROOT / "docs" / "data" / "timeline.schema.json").read_text(encoding="utf-8"))
    translates = schema["$defs"]["translates"]
    assert f"({fingerprints.EXPECTED})" in translates["description"]
    assert translates["pattern"].count(fingerprints.PATTERN.pattern) == 3


# -----------------------------------------------------------------------------
# Records: reading them, and bad ones
# -----------------------------------------------------------------------------


def translated_page(tmp_path: Path, front: str) -> tuple[Path, Path]:
    """Write an English page and a Korean page with `front` as its front matter; return both paths."""
    (tmp_path / "docs" / "ko").mkdir(parents=True, exist_ok=True)
    english = tmp_path / "docs" / "about.md"
    english.write_text(PAGE, encoding="utf-8")
    page = tmp_path / "docs" / "ko" / "about.md"
    page.write_text(f"---\ntitle: 정보\n{front}---\n\n# 정보\n", encoding="utf-8")
    return page, english


def test_a_page_records_its_english_in_its_front_matter(tmp_path: Path) -> None:
    """translation.translates, read with its line; the page is current while it matches the English."""
    page, english = translated_page(tmp_path, "translation:\n  date: 2026-12-01\n  translates: \"5e0c2a91\"\n")
    assert translations.read_record(page, "docs/ko/about.md") == translations.Record("5e0c2a91", 5)
    found = translations.page_outdated(page, english, "ko", tmp_path)
    assert found is not None and (found.recorded, found.line, found.english_file) == (
        "5e0c2a91", 5, "docs/about.md")
    assert "docs/ko/about.md:5: field 'translation.translates': the English page docs/about.md has changed " \
           "since this Korean translation was made (it records 5e0c2a91" in found.message()
    assert found.message().endswith("make translations-current FILE=docs/ko/about.md")
    page.write_text(page.read_text(encoding="utf-8").replace("5e0c2a91", translations.english_fingerprint(english)))
    assert translations.page_outdated(page, english, "ko", tmp_path) is None


@pytest.mark.parametrize(("front", "line"), [
    ("translation:\n  date: 2026-12-01\n", 3),
    ("", 1),
], ids=["no translates", "no translation"])
def test_a_page_that_records_no_english_is_listed_but_not_called_outdated(tmp_path: Path, front: str,
                                                                          line: int) -> None:
    """Nothing tells whether it is current: the check lists it; its readers are told nothing (languages.py)."""
    page, english = translated_page(tmp_path, front)
    found = translations.page_outdated(page, english, "ko", tmp_path)
    assert found is not None and found.unrecorded and found.line == line
    assert "records no fingerprint of the English it translates" in found.message()


@pytest.mark.parametrize(("front", "line", "field", "found"), [
    ("translation:\n  translates: 12345678\n", 4, "translation.translates", "found a number 12345678"),
    ("translation:\n  translates: 5e0c2a9\n", 4, "translation.translates", "found text '5e0c2a9'"),
    ("translation:\n  translates: 5E0C2A91\n", 4, "translation.translates", "found text '5E0C2A91'"),
    ("translation:\n  translates: [5e0c2a91]\n", 4, "translation.translates", "found a list"),
    ("translation:\n  translates: ko 5e0c2a91\n", 4, "translation.translates", "found text 'ko 5e0c2a91'"),
    ("translation:\n  translates:\n", 4, "translation.translates", "found nothing"),
    ("translation: 2026-12-01\n", 3, "translation", "expected a mapping with the translation's date"),
], ids=["a number", "too short", "capitals", "a list", "the data's form", "empty", "not a mapping"])
def test_a_malformed_record_on_a_page_names_file_line_and_field(tmp_path: Path, front: str, line: int, field: str,
                                                                found: str) -> None:
    """What was expected (8 hex digits in quotes) and what was found, and the command that writes it right."""
    page, _ = translated_page(tmp_path, front)
    with pytest.raises(translations.TranslationError) as info:
        translations.read_record(page, "docs/ko/about.md")
    message = str(info.value)
    assert message.startswith(f"docs/ko/about.md:{line}: field '{field}': ")
    assert found in message


EVENT_TEXT = """\
events:
  - id: good
    date: 1990-09-30
    title:
      en: Good
      ko: 좋음
      ru: Хорошо
      translates: {TRANSLATES}
    description:
      en: Fine.
    sources:
      - title: S
        url: https://example.org/
"""


def load_event(tmp_path: Path, translates: str | None) -> timeline.Timeline:
    """Load a one-event data file whose title records `translates` (None: records nothing)."""
    data = tmp_path / "docs" / "data"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / DATA.replace(".yml", ".schema.json"), data)
    text = EVENT_TEXT.replace("{TRANSLATES}", translates) if translates is not None else re.sub(
        r"\n *translates: \{TRANSLATES\}", "", EVENT_TEXT)
    (data / "timeline.yml").write_text(text, encoding="utf-8")
    return timeline.load_timeline(data / "timeline.yml", DATA)


def test_a_text_of_the_data_records_the_english_beside_its_translations(tmp_path: Path) -> None:
    """Current in Korean, outdated in Russian: the Russian is listed with its line and flagged for the page."""
    good = fingerprint("Good")
    loaded = load_event(tmp_path, f"ko {good}, ru 0badf00d")
    title = loaded.events[0].title
    assert not title.is_outdated("ko") and title.is_outdated("ru")
    assert "ko" not in loaded.outdated
    (found,) = loaded.outdated["ru"]
    assert (found.line, found.entry, found.field, found.recorded, found.english) == (
        7, "event 1 ('good')", "title.ru", "0badf00d", good)
    assert found.message() == (
        f"{DATA}:7: event 1 ('good'), field 'title.ru': the English has changed since this Russian translation "
        f"was made (it records 0badf00d; the English is now {good}). Update the Russian, then mark it current: "
        f"make translations-current FILE={DATA} EVENT=good FIELD=title LANGUAGE=ru")


def test_a_text_without_a_record_is_listed_but_shows_no_notice(tmp_path: Path) -> None:
    """Without `translates` nothing tells whether the translation is current: listed, never shown as outdated."""
    loaded = load_event(tmp_path, None)
    assert {language: [o.unrecorded for o in found] for language, found in loaded.outdated.items()} == {
        "ko": [True], "ru": [True]}
    assert not loaded.events[0].is_outdated("ko")


def test_a_record_without_a_translation_is_a_missing_translation(tmp_path: Path) -> None:
    """Deleting a translation leaves its record behind harmlessly: the translation is missing, as before."""
    good = fingerprint("Good")
    data = tmp_path / "docs" / "data"
    loaded = load_event(tmp_path, f"ko {good}, ru {good}")
    assert loaded.outdated == {}
    text = (data / "timeline.yml").read_text(encoding="utf-8").replace("      ko: 좋음\n", "")
    (data / "timeline.yml").write_text(text, encoding="utf-8")
    loaded = timeline.load_timeline(data / "timeline.yml", DATA)
    assert loaded.outdated == {} and len(loaded.missing["ko"]) == 2  # the title's and the description's


@pytest.mark.parametrize(("translates", "fragment"), [
    ("ko 0ac8168, ru 0ac81683", "found text 'ko 0ac8168, ru 0ac81683'"),
    ("ko 0AC81683", "found text 'ko 0AC81683'"),
    ("kr 0ac81683", "found text 'kr 0ac81683'"),
    ("en 0ac81683", "found text 'en 0ac81683'"),
    ("ru 0ac81683, ko 0ac81683", "in the order ko, ru"),
    ("ko 0ac81683, ko 0ac81684", "found text 'ko 0ac81683, ko 0ac81684'"),
    ("ko 0ac81683,ru 0ac81683", "such as 'ko 5e0c2a91, ru 5e0c2a91'"),
    ("12345678", "found a number 12345678"),
    ("{ko: 0ac81683}", "found a mapping"),
], ids=["too short", "capitals", "unknown language", "english", "out of order", "twice", "spacing", "a number",
        "a mapping"])
def test_a_malformed_record_in_the_data_names_file_line_event_and_field(
    tmp_path: Path, translates: str, fragment: str
) -> None:
    """The data check's one line per problem, as for every other field, and expected versus found."""
    with pytest.raises(TimelineError) as info:
        load_event(tmp_path, translates)
    message = str(info.value)
    assert f"{DATA}:8: event 1 ('good'), field 'title.translates': expected the English each translation " \
           f"translates: its language and the fingerprint of the English it was made from ({fingerprints.EXPECTED})" \
        in message, message
    assert fragment in message, message


def test_an_unknown_key_beside_the_languages_names_translates_too(tmp_path: Path) -> None:
    """A misspelt `translates` is caught, and the hint offers the right name."""
    with pytest.raises(TimelineError, match=r"field 'title\.translated': is not a known language\. "
                                            r"Did you mean 'translates'\?"):
        load_event(tmp_path, "ko 0ac81683\n      translated: ru 0ac81683")


# -----------------------------------------------------------------------------
# Marking current: one value changes, nothing else
# -----------------------------------------------------------------------------


def changed_lines(before: str, after: str) -> list[str]:
    """Return the lines that differ, as a unified diff's - and + lines."""
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_marking_an_event_current_changes_its_one_fingerprint_and_nothing_else(tmp_path: Path) -> None:
    """Comments, order, quoting, folded text and blank lines of the real file stay byte for byte."""
    project = copy_project(tmp_path / "project")
    change_english(project)
    path = project / DATA
    before = path.read_text(encoding="utf-8")
    done = mark_current(path, DATA, [EVENT], "ko", ["description"])
    assert len(done) == 1 and "field 'description.ko': marked current" in done[0]
    after = path.read_text(encoding="utf-8")
    new = fingerprint(yaml.safe_load(after)["events"][1]["description"]["en"])
    old = re.search(r"translates: ko ([0-9a-f]{8}), ru \1\n", before[before.index(DESCRIPTION[1]):])
    assert old
    assert changed_lines(before, after) == [f"-      translates: ko {old.group(1)}, ru {old.group(1)}",
                                            f"+      translates: ko {new}, ru {old.group(1)}"]


@pytest.mark.parametrize(("text", "path", "expected"), [
    # A record added where there was none: a line after the mapping's last entry, past a folded text.
    ("d:\n  en: >-\n    One\n    two.\n\n  ko: 하나  # checked\n\nnext: 1\n", ["d", "translates"],
     "d:\n  en: >-\n    One\n    two.\n\n  ko: 하나  # checked\n  translates: \"5e0c2a91\"\n\nnext: 1\n"),
    # A language added to a flow mapping, its spacing kept.
    ('d:\n  translates: {ko: "aaaaaaaa" }  # note\n', ["d", "translates", "ru"],
     'd:\n  translates: {ko: "aaaaaaaa", ru: "5e0c2a91" }  # note\n'),
    # A value replaced in a block mapping, its comment kept; a single-quoted one becomes double-quoted.
    ("d:\n  translates:\n    ko: '12345678'  # old\n    ru: x\n", ["d", "translates", "ko"],
     "d:\n  translates:\n    ko: \"5e0c2a91\"  # old\n    ru: x\n"),
    # A block scalar replaced, the line after it kept.
    ("t:\n  translates: |-\n    abc\n\nu: 1\n", ["t", "translates"], "t:\n  translates: \"5e0c2a91\"\n\nu: 1\n"),
    # Windows line endings.
    ("a: 1\r\nb:\r\n  c: 2\r\n", ["b", "d"], "a: 1\r\nb:\r\n  c: 2\r\n  d: \"5e0c2a91\"\r\n"),
    # No line break at the end of the file.
    ("a:\n  b: 1", ["a", "c"], "a:\n  b: 1\n  c: \"5e0c2a91\"\n"),
    # Two levels missing: one flow mapping.
    ("title: X\n", ["translation", "translates"], "title: X\ntranslation: {translates: \"5e0c2a91\"}\n"),
], ids=["new record", "flow mapping", "block mapping", "block scalar", "crlf", "no final newline", "two levels"])
def test_a_string_is_set_in_place(text: str, path: list[str], expected: str) -> None:
    """Each shape of YAML an editor may leave: only the value, or the one new entry, differs."""
    assert set_string(text, path, "5e0c2a91") == expected


def test_a_value_that_cannot_be_set_in_place_is_refused() -> None:
    """Rather than change something else, the edit stops and says why."""
    with pytest.raises(EditError, match="holds a list or mapping"):
        set_string("a:\n  b: [1]\n", ["a", "b"], "x")
    with pytest.raises(EditError, match="holds no mapping"):
        set_string("a: [1]\n", ["a", "b"], "x")


def test_marking_an_event_keeps_a_byte_order_mark(tmp_path: Path) -> None:
    """A file saved with a BOM, as Windows editors do, keeps it."""
    data = tmp_path / "docs" / "data"
    data.mkdir(parents=True)
    path = data / "timeline.yml"
    path.write_bytes(codecs.BOM_UTF8 + EVENT_TEXT.replace("{TRANSLATES}", "ru 0badf00d").encode("utf-8"))
    mark_current(path, DATA, ["good"], "ko")
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    assert f"translates: ko {fingerprint('Good')}, ru 0badf00d\n" in raw.decode("utf-8-sig")


def test_marking_several_events_edits_each_in_its_own_lines(tmp_path: Path) -> None:
    """Lines added to one event move none of the others'; the last event, and a list in flow style, work too."""
    load_event(tmp_path, None)
    path = tmp_path / "docs" / "data" / "timeline.yml"
    one = path.read_text(encoding="utf-8").split("events:\n", 1)[1]
    path.write_text("events:\n" + "".join(one.replace("id: good", f"id: e{n}").replace("Good", f"Good {n}")
                                          for n in range(3)), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    done = mark_current(path, DATA, ["e2", "e0"], "ko")
    assert [line.split(": ", 2)[1] for line in done] == ["event 3 ('e2'), field 'title.ko'",
                                                         "event 1 ('e0'), field 'title.ko'"]
    assert changed_lines(before, path.read_text(encoding="utf-8")) == [
        f"+      translates: ko {fingerprint('Good 0')}", f"+      translates: ko {fingerprint('Good 2')}"]
    loaded = timeline.load_timeline(path, DATA)
    assert [o.entry for o in loaded.outdated["ko"]] == ["event 2 ('e1')"]  # the one left unrecorded
    flow = tmp_path / "flow.yml"
    flow.write_text("events: [{id: a, title: {en: A, ko: 가, ru: Б, translates: ru 0badf00d}}]\n", encoding="utf-8")
    mark_current(flow, "flow.yml", ["a"], "ko")
    assert flow.read_text(encoding="utf-8") == (  # in a flow mapping the comma needs quotes
        f'events: [{{id: a, title: {{en: A, ko: 가, ru: Б, translates: "ko {fingerprint("A")}, ru 0badf00d"}}}}]\n')


@pytest.mark.parametrize(("events", "language", "fields", "message"), [
    (["nope"], "ko", [], "no event has the id 'nope'"),
    (["good"], "en", [], "expected the language of a translation (ko, ru); found 'en'"),
    (["good"], "ko", ["summary"], "expected fields among title, description, note; found 'summary'"),
    (["good"], "ko", ["description"], ":8: event 1 ('good'), field 'description.ko': has no Korean translation"),
])
def test_marking_what_is_not_there_is_refused_and_writes_nothing(tmp_path: Path, events: list[str], language: str,
                                                                 fields: list[str], message: str) -> None:
    """An unknown event, language or field, or a text with no translation: an error, and the file untouched."""
    load_event(tmp_path, None)
    path = tmp_path / "docs" / "data" / "timeline.yml"
    before = path.read_bytes()
    with pytest.raises(TimelineError, match=re.escape(message)):
        mark_current(path, DATA, events, language, fields)
    assert path.read_bytes() == before


def test_marking_a_page_current_changes_its_one_fingerprint(tmp_path: Path) -> None:
    """The front matter of the real Korean article: one line differs, and the page is current again."""
    project = copy_project(tmp_path / "project")
    change_english(project)
    page = project / "docs" / "ko" / "index.md"
    before = page.read_text(encoding="utf-8")
    result = run(project, "current", "docs/ko/index.md")
    assert result.returncode == 0, result.stderr
    now = translations.english_fingerprint(project / "docs" / "index.md")
    assert result.stdout == f"docs/ko/index.md: marked current; it translates docs/index.md as it is now ({now}).\n"
    old = re.search(r'translates: "([0-9a-f]{8})"', before)
    assert old
    assert changed_lines(before, page.read_text(encoding="utf-8")) == [
        f'-  translates: "{old.group(1)}"', f'+  translates: "{now}"']


def test_a_page_without_a_record_gets_one_beside_its_date(tmp_path: Path) -> None:
    """The first record of a page goes into its translation mapping, after the date."""
    page, english = translated_page(tmp_path, "translation:\n  date: 2026-12-01\n# a comment\nsearch:\n  boost: 1\n")
    translations.mark_page_current(page, english, tmp_path)
    now = translations.english_fingerprint(english)
    assert page.read_text(encoding="utf-8").startswith(
        f'---\ntitle: 정보\ntranslation:\n  date: 2026-12-01\n  translates: "{now}"\n# a comment\nsearch:\n')


@pytest.mark.parametrize(("args", "message"), [
    ([], "Nothing to mark current: name the translation"),
    (["docs/index.md"], "docs/index.md is not a translated page"),
    (["docs/ko/about.md", "--event", "x"], "a page is marked current whole"),
    ([DATA, "--language", "ko"], "name the event too: EVENT=<id>"),
    ([DATA, "--event", EVENT], "name the translation's language too: LANGUAGE=ko or LANGUAGE=ru"),
    (["docs/ko/nothing.md"], "docs/ko/nothing.md: expected a translated page and its English page"),
])
def test_the_command_says_what_it_needs(args: list[str], message: str) -> None:
    """Each way of naming no translation, or the wrong one, gets a sentence and exit 1, and changes nothing."""
    result = run(ROOT, "current", *args)
    assert (result.returncode, result.stdout) == (1, "")
    assert message in result.stderr and "Traceback" not in result.stderr


# -----------------------------------------------------------------------------
# The real site
# -----------------------------------------------------------------------------


def test_every_translation_of_the_site_records_the_english_it_translates() -> None:
    """Every page of docs/ko and docs/ru, and every translated text of the data, records a fingerprint."""
    pages = translations.outdated_pages(ROOT / "docs", ["ko", "ru"], ROOT)
    assert [o.message() for o in pages if o.unrecorded] == []
    assert sum(1 for _ in translations.translated_pages(ROOT / "docs", ["ko", "ru"])) == 6
    loaded = timeline.load_timeline(ROOT / DATA, DATA)
    assert [o.message() for found in loaded.outdated.values() for o in found if o.unrecorded] == []


def test_the_synthetic_timelines_carry_current_records(tmp_path: Path) -> None:
    """The bench's data translates its English, as a kept file does: it checks every record and lists none."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / DATA.replace(".yml", ".schema.json"), data)
    write_synthetic(data / "timeline.yml", 200)
    loaded = timeline.load_timeline(data / "timeline.yml", DATA, {name: name for name in SECTIONS})
    assert loaded.outdated == {} and loaded.missing == {}
    assert all(event.title.has("ko") and event.description.has("ru") for event in loaded.events)


def test_the_make_targets_pass_their_variables_to_the_command() -> None:
    """FILE, EVENT (one or more), FIELD and LANGUAGE reach `python -m translations`; EVENT alone means the data."""
    def dry(*variables: str) -> str:
        result = subprocess.run(["make", "-n", "--no-print-directory", *variables], cwd=ROOT, capture_output=True,
                                text=True, check=True)
        return re.sub(r"\s+", " ", result.stdout.replace("\\\n", " ")).strip()

    assert dry("check-translations").endswith("-m translations check")
    assert dry("translations-current", "EVENT=a b", "FIELD=title", "LANGUAGE=ko").endswith(
        f"-m translations current {DATA} --event a --event b --field title --language ko")
    assert dry("translations-current", "FILE=docs/ko/about.md").endswith(
        "-m translations current docs/ko/about.md")


# -----------------------------------------------------------------------------
# The whole path, in a copy: change the English, build, see, list, mark, see nothing
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_translated_article_says_its_english_has_changed_and_links_it(
    outdated: tuple[Path, Path, str], language: str
) -> None:
    """Under the translation's notice, in the page's language: out of date, with a link to the English page."""
    _, site, _ = outdated
    path = site / TRANSLATED[language] / "index.html"
    html = soup(path)
    notice = html.select_one("article .translation-notice + .translation-outdated")
    assert notice is not None, "the notice follows the translation's own"
    assert notice.select_one(".admonition-title").get_text() == NOTICE[language]
    link = notice.select_one("a[hreflang=en]")
    assert (path.parent / link["href"]).resolve() == site.resolve()
    assert not notice.has_attr("lang"), "it speaks the page's language"
    for page in ("about/index.html", "quotes/index.html", "timeline/index.html"):
        assert soup(site / TRANSLATED[language] / page).select_one(".translation-outdated") is None, page
    assert soup(site / "index.html").select_one(".translation-outdated") is None


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_translated_timeline_says_so_on_the_changed_event_only(
    outdated: tuple[Path, Path, str], language: str
) -> None:
    """The one event whose English changed, in the page's language, links the event on the English timeline."""
    _, site, _ = outdated
    path = site / TRANSLATED[language] / "timeline" / "index.html"
    notices = soup(path).select(".timeline-event__outdated")
    assert [n.find_previous("h3")["id"] for n in notices] == [EVENT]
    (notice,) = notices
    assert notice.get_text(" ", strip=True).startswith(EVENT_NOTICE[language])
    href = notice.select_one("a[hreflang=en]")["href"]
    target, anchor = href.split("#")
    assert (path.parent / target).resolve() == (site / "timeline").resolve() and anchor == EVENT
    assert soup(site / "timeline" / "index.html").find(id=EVENT) is not None
    assert not soup(site / "timeline" / "index.html").select(".timeline-event__outdated")


def test_the_build_lists_each_outdated_translation_and_passes_strictly(outdated: tuple[Path, Path, str]) -> None:
    """File, line, event, field and language, as info: the strict build (mkdocs.yml's strict: true) goes on."""
    project, site, log = outdated
    assert load_config(str(project / "mkdocs.yml")).strict
    assert (site / "ru" / "timeline" / "index.html").is_file()
    for language, name in (("ko", "Korean"), ("ru", "Russian")):
        assert re.search(rf"docs/{language}/index\.md:\d+: field 'translation\.translates': the English page "
                         rf"docs/index\.md has changed since this {name} translation was made", log)
        assert re.search(rf"docs/data/timeline\.yml:\d+: event 2 \('{EVENT}'\), field 'description\.{language}': "
                         rf"the English has changed since this {name} translation was made", log)
    assert log.count("translation was made") == 4


def test_check_translations_lists_them_and_fails_then_passes_once_each_is_marked_current(tmp_path: Path) -> None:
    """The listing, exit 1; the four commands it gives; then exit 0, and a build with no notice and no listing."""
    project = copy_project(tmp_path / "project")
    change_english(project)
    listed = run(project, "check")
    assert listed.returncode == 1, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == 5 and lines[-1].startswith("4 of 140 translations are not current")
    commands = [line.rsplit(": make translations-current ", 1)[1] for line in lines[:-1]]
    assert commands == [
        "FILE=docs/ko/index.md", "FILE=docs/ru/index.md",
        f"FILE={DATA} EVENT={EVENT} FIELD=description LANGUAGE=ko",
        f"FILE={DATA} EVENT={EVENT} FIELD=description LANGUAGE=ru"]
    for command in commands:  # as make passes them (test_the_make_targets_pass_their_variables_to_the_command)
        given = dict(item.split("=") for item in command.split())
        args = [given["FILE"]] + [f"--{name.lower()}={given[name]}" for name in ("EVENT", "FIELD", "LANGUAGE")
                                  if name in given]
        marked = run(project, "current", *args)
        assert marked.returncode == 0 and "marked current" in marked.stdout, marked.stderr
    current = run(project, "check")
    assert (current.returncode, current.stdout) == (
        0, "Every translation is current: 6 pages, and 134 texts of docs/data/timeline.yml.\n")
    log = build_logged(project, tmp_path / "site")
    assert "translation was made" not in log and "need a look" not in log
    for language in TRANSLATED:
        assert not soup(tmp_path / "site" / language / "index.html").select(".translation-outdated")
        assert not soup(tmp_path / "site" / language / "timeline" / "index.html").select(".timeline-event__outdated")


def test_make_check_translations_fails_on_an_outdated_translation(tmp_path: Path) -> None:
    """Through make, as a translator runs it: the listing, and a failed target."""
    project = copy_project(tmp_path / "project")
    make = make_in_copy(project, "-s", "check-translations")
    good = subprocess.run(make, cwd=project, capture_output=True, text=True)
    assert good.returncode == 0 and good.stdout.startswith("Every translation is current"), good.stderr
    change_english(project)
    bad = subprocess.run(make, cwd=project, capture_output=True, text=True)
    assert bad.returncode != 0 and bad.stdout.count("translation was made") == 4


def test_rewrapping_the_english_outdates_nothing(tmp_path: Path) -> None:
    """Whitespace is not a change: a paragraph of the article joined into one line leaves every translation current."""
    project = copy_project(tmp_path / "project")
    article = project / "docs" / "index.md"
    text = article.read_text(encoding="utf-8")
    start = text.index(SENTENCE[0])
    paragraph = text[start:text.index("\n\n", start)]
    article.write_text(text.replace(paragraph, "  ".join(paragraph.splitlines())), encoding="utf-8")
    assert article.read_text(encoding="utf-8") != text
    result = run(project, "check")
    assert result.returncode == 0, result.stdout


def test_a_malformed_record_on_a_page_stops_the_build_in_one_line_before_writing(tmp_path: Path) -> None:
    """`mkdocs build` names the file, line and field, prints no traceback, and writes no site."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "ru" / "quotes.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r'translates: "[0-9a-f]{8}"', "translates: 1234", text), encoding="utf-8")
    line = next(n for n, row in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if "translates:" in row)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert f"docs/ru/quotes.md:{line}: field 'translation.translates': expected a fingerprint" in result.stderr
    assert "found a number 1234" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists(), "the English build wrote its pages before the record was checked"


def test_timeline_check_lists_outdated_texts_without_failing(tmp_path: Path) -> None:
    """`make check-data` checks the data: an outdated translation is listed there, as a missing one is, and passes."""
    project = copy_project(tmp_path / "project")
    change_english(project)
    result = subprocess.run([sys.executable, "-m", "timeline", "check"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "1 Korean translation(s) are outdated" in result.stdout
    assert "field 'description.ru': the English has changed since" in result.stdout


# -----------------------------------------------------------------------------
# In Chromium
# -----------------------------------------------------------------------------


@pytest.fixture(scope="module", name="outdated_url")
def fixture_outdated_url(outdated: tuple[Path, Path, str]) -> Iterator[str]:
    """Serve the site whose English changed after translation."""
    with serve(outdated[1]) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_the_notices_are_shown_and_pass_axe(browser: Browser, outdated_url: str, width: int, scheme: str) -> None:
    """On the article and the timeline, in both languages, at desktop and phone widths, light and dark."""
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    problems = {}
    for language in TRANSLATED:
        for path, selector in (("", ".translation-outdated"), ("timeline/", ".timeline-event__outdated")):
            page.goto(f"{outdated_url}{language}/{path}", wait_until="networkidle")
            notice = page.locator(selector)
            expect(notice).to_be_visible()
            box = notice.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, "it fits the screen"
            if found := run_axe(page):
                problems[f"{language}/{path}"] = found
    page.close()
    assert problems == {}


def test_the_event_notice_leads_to_the_event_in_english(browser: Browser, outdated_url: str) -> None:
    """Following the link lands on the English timeline, at that event, in English."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{outdated_url}ru/timeline/", wait_until="networkidle")
    page.locator(f"#{EVENT} ~ .timeline-event .timeline-event__outdated a").first.click()
    page.wait_for_url(f"{outdated_url}timeline/#{EVENT}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(f"#{EVENT}")).to_be_in_viewport()
    page.close()


def test_the_nu_html_checker_finds_no_error_in_the_pages_with_notices(outdated: tuple[Path, Path, str]) -> None:
    """vnu.jar on the Korean and Russian article and timeline that carry the notices."""
    _, site, _ = outdated
    pages = [str(site / language / path / "index.html") for language in TRANSLATED for path in ("", "timeline")]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", *pages], capture_output=True, text=True)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_the_page_texts_are_documented_for_translators() -> None:
    """The README's translators' section names the commands the listing gives."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Translating", 1)[1].split("\n## ", 1)[0]
    for needed in ("make check-translations", "make translations-current FILE=docs/ko/about.md",
                   "translates:", "EVENT=", "LANGUAGE="):
        assert needed in section, needed
