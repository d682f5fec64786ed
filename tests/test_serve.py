"""The editor's loop under `mkdocs serve`: after every save, no page in any language is stale.

language_builds.Session rebuilds only the languages a save touches. These
tests save each kind of file an editor changes into a running server and read
every page the change reaches, in every language, over HTTP, until it shows
the change; and check that the pages it does not reach are still served.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import locales
import pytest

from support import copy_project, with_word_in_article, with_word_in_event

LANGUAGES = {"en": "", "ko": "ko/", "ru": "ru/"}
PAGES = ["", "timeline/", "quotes/", "about/", "print/"]  # below each language's root
TIMEOUT = 90  # seconds a change may take to show; a slow CI machine rebuilds three languages in a few


def _fetch(url: str) -> str | None:
    """Return a page's text, or None while the server cannot give it (a rebuild moving folders)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (OSError, urllib.error.HTTPError):
        return None


def _until(url: str, holds: Callable[[str], bool], what: str) -> str:
    """Poll `url` until its text satisfies `holds`; fail, naming `what`, after TIMEOUT seconds."""
    deadline = time.monotonic() + TIMEOUT
    body: str | None = None
    while time.monotonic() < deadline:
        body = _fetch(url)
        if body is not None and holds(body):
            return body
        time.sleep(0.25)
    pytest.fail(f"{url} did not show {what} within {TIMEOUT} s")


class Served:
    """A project copy served by `mkdocs serve --livereload --watch-theme`, as `make serve` serves it."""

    def __init__(self, project: Path, url: str, log: Path) -> None:
        self.project, self.url, self.log = project, url, log

    def page(self, language: str, page: str) -> str:
        """Return a page's address: a language's prefix, then the page below it."""
        return f"{self.url}{LANGUAGES[language]}{page}"

    def save(self, name: str, change: Callable[[str], str]) -> None:
        """Save a changed copy of one of the project's files, as an editor's save does."""
        path = self.project / name
        text = path.read_text(encoding="utf-8")
        changed = change(text)
        assert changed != text, f"the edit of {name} changed nothing"
        path.write_text(changed, encoding="utf-8")

    def shows(self, language: str, page: str, text: str) -> str:
        """Wait until the page shows `text`; return the page."""
        return _until(self.page(language, page), lambda body: text in body, repr(text))

    def settled(self) -> None:
        """Wait until the server's last rebuild has ended, every language in place (the log says so)."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            lines = self.log.read_text(errors="replace").splitlines()
            rebuilding = [i for i, line in enumerate(lines) if "Rebuilding" in line]
            finished = [i for i, line in enumerate(lines) if "Reloading browsers" in line
                        or "Documentation built in" in line]
            if not rebuilding or (finished and finished[-1] > rebuilding[-1]):
                time.sleep(1)  # a second save of one edit shows in the log at once
                if self.log.read_text(errors="replace").splitlines() == lines:
                    return
            time.sleep(0.25)
        pytest.fail("the server's rebuild did not end")


@pytest.fixture(scope="module", name="served")
def fixture_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Serve a copy of the project on a free port until the module's tests end."""
    root = tmp_path_factory.mktemp("serve")
    project = copy_project(root / "project")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = root / "serve.log"
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--watch-theme",
             "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"},
            stdout=log_file, stderr=subprocess.STDOUT)
        served = Served(project, f"http://127.0.0.1:{port}/", log)
        try:
            for language in LANGUAGES:  # every language is built before the first save
                _until(served.page(language, ""), lambda body: "<html" in body, "the page")
            served.settled()
            yield served
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert "Traceback" not in log.read_text(errors="replace")


def _unchanged(served: Served, language: str, page: str, word: str) -> None:
    """Check that the page is served, and without `word`."""
    body = _until(served.page(language, page), lambda body: "<html" in body, "the page")
    assert word not in body, f"{served.page(language, page)} shows an edit of another language"


def test_an_english_edit_shows_on_its_pages_and_marks_both_translations_outdated(served: Served) -> None:
    """The English article and print view show the word; the Korean and Russian articles say they are behind it."""
    served.settled()
    word = "Englishsaveword"
    served.save("docs/index.md", lambda text: with_word_in_article(text, word))
    served.shows("en", "", word)
    served.shows("en", "print/", word)
    for language in ("ko", "ru"):
        notice = locales.load(language)["site.outdated_title"]
        served.shows(language, "", notice)


@pytest.mark.parametrize("language", ["ko", "ru"])
def test_a_translations_edit_shows_on_its_pages_and_leaves_the_others_served(served: Served, language: str) -> None:
    """A Korean (Russian) edit shows on that language's article and print view; the other languages still serve."""
    served.settled()
    word = f"Translationsaveword{language}"
    served.save(f"docs/{language}/index.md", lambda text: with_word_in_article(text, word))
    served.shows(language, "", word)
    served.shows(language, "print/", word)
    for other in LANGUAGES:
        if other != language:
            for page in PAGES:
                _unchanged(served, other, page, word)


def test_a_data_edit_shows_on_the_timeline_and_the_print_view_in_every_language(served: Served) -> None:
    """One event's description, changed in the three languages, shows on the three timelines and print views."""
    served.settled()
    words = {language: f"Datasaveword{language}" for language in LANGUAGES}

    def change(text: str) -> str:
        for language, word in words.items():
            text = with_word_in_event(text, language, word)
        return text

    served.save("docs/data/timeline.yml", change)
    for language, word in words.items():
        served.shows(language, "timeline/", word)
        served.shows(language, "print/", word)


def test_a_bad_data_save_shows_its_message_on_the_page_and_a_fix_clears_it(served: Served) -> None:
    """A key given twice: every language's timeline says the data has problems; the good file brings them back."""
    served.settled()
    data = served.project / "docs" / "data" / "timeline.yml"
    good = data.read_text(encoding="utf-8")
    served.save("docs/data/timeline.yml", lambda text: text.replace("  - id: kal-007\n",
                                                                      "  - id: kal-007\n    id: again\n", 1))
    for language in LANGUAGES:  # the notice is in English, for the editor, as the build's messages are
        body = served.shows(language, "timeline/", "The data file has problems")
        assert "kal-007" in body  # the last good timeline, below the notice
    served.settled()
    data.write_text(good, encoding="utf-8")
    for language in LANGUAGES:
        _until(served.page(language, "timeline/"), lambda body: "The data file has problems" not in body
               and "kal-007" in body, "the timeline without the notice")


def test_a_words_file_edit_shows_on_that_languages_pages(served: Served) -> None:
    """overrides/locales/ru.yml: the Cite box's new title shows on every Russian page, and no other language's."""
    served.settled()
    served.save("overrides/locales/ru.yml", lambda text: text.replace(
        "  title: Как сослаться на эту страницу", "  title: Wordsaveword, как сослаться на эту страницу", 1))
    for page in PAGES:
        served.shows("ru", page, "Wordsaveword")
    for page in PAGES:
        _unchanged(served, "en", page, "Wordsaveword")
        _unchanged(served, "ko", page, "Wordsaveword")


def test_a_template_edit_shows_on_every_page_in_every_language(served: Served) -> None:
    """overrides/main.html, which every page extends: the change shows on every page of every language."""
    served.settled()
    served.save("overrides/main.html", lambda text: text.replace(
        '<meta property="og:type" content="website">',
        '<meta property="og:type" content="website"><meta name="x-edit" content="Templatesaveword">', 1))
    for language in LANGUAGES:
        for page in PAGES:
            served.shows(language, page, "Templatesaveword")


def test_a_stylesheet_edit_is_served_to_every_language(served: Served) -> None:
    """docs/assets/site.css is published once, at the root, and every language's pages link that one file."""
    served.settled()
    served.save("docs/assets/site.css", lambda text: text + "\n.Stylesaveword { color: red; }\n")
    _until(f"{served.url}assets/site.css", lambda body: "Stylesaveword" in body, "the new stylesheet")
    for language in LANGUAGES:
        page = served.shows(language, "", "assets/site.css")
        assert re.search(r'href="(\.\./)*assets/site\.css', page)


def test_while_the_languages_rebuild_every_page_and_asset_stays_served(served: Served) -> None:
    """The open page's language first, then the default one beside the served site: no request meanwhile fails.

    With a Korean page open, a data edit rebuilds Korean, then English, then
    Russian. The English build must not take the root's assets, or the Korean
    folder, away from the reader while it runs (nor stop on their 404s).
    """
    served.settled()
    _until(served.page("ko", "timeline/"), lambda body: "<html" in body, "the page")  # the open page is Korean
    words = {language: f"Stayservedword{language}" for language in LANGUAGES}

    def change(text: str) -> str:
        for language, word in words.items():
            text = with_word_in_event(text, language, word)
        return text

    watched = [served.page("ko", "timeline/"), f"{served.url}assets/site.css", served.page("en", ""),
               served.page("ru", "quotes/")]
    failed: list[str] = []
    served.save("docs/data/timeline.yml", change)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        bodies = {}
        for url in watched:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    bodies[url] = response.read().decode("utf-8")
            except urllib.error.HTTPError as error:
                failed.append(f"{url}: {error.code}")
        shown = [_fetch(served.page(language, "timeline/")) or "" for language in LANGUAGES]
        if all(word in body for word, body in zip(words.values(), shown, strict=True)):
            break
    else:
        pytest.fail("the edit did not show in every language")
    assert failed == []
    served.settled()
    assert "Aborted" not in served.log.read_text(errors="replace")
