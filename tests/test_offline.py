"""The offline copy: one zip of every language, linked from each about page, that works opened from disk."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from support import copy_project, make_in_copy, search, soup

if TYPE_CHECKING:
    from collections.abc import Iterator

ZIP = "download/south-korea-and-russia.zip"
LANGUAGES = {"en": "", "ko": "ko/", "ru": "ru/"}
PAGES = ["index.html", "timeline.html", "quotes.html", "about.html", "print.html"]


@pytest.fixture(scope="session", name="offline_dir")
def fixture_offline_dir(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Unpack the published zip, as a reader would, and return the folder it makes."""
    target = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(site_dir / ZIP) as archive:
        archive.extractall(target)
    (folder,) = target.iterdir()
    return folder


@pytest.fixture(name="reader")
def fixture_reader(browser: Browser) -> Iterator[dict[str, Any]]:
    """Open a browser context that records every request, console error and policy violation."""
    context = browser.new_context()
    seen: dict[str, Any] = {"requests": [], "errors": [], "context": context}
    context.on("request", lambda request: seen["requests"].append(request.url))
    context.add_init_script("""window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));""")
    page = context.new_page()
    page.on("console", lambda msg: seen["errors"].append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    seen["page"] = page
    yield seen
    context.close()


def open_file(page: Page, folder: Path, path: str) -> None:
    """Open a page of the unpacked copy from disk, once its scripts have run."""
    page.goto((folder / path).as_uri())
    page.wait_for_function("() => document.body.dataset.menus === 'ready'")


# -----------------------------------------------------------------------------
# The download
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_about_page_links_the_one_zip(site_dir: Path, language: str) -> None:
    """The about page of each language links the same file, which holds every language's pages."""
    about = site_dir / LANGUAGES[language] / "about" / "index.html"
    links = [a["href"] for a in soup(about).select("#offline ~ p a[href$='.zip']")]
    assert len(links) == 1
    assert (about.parent / links[0]).resolve() == (site_dir / ZIP).resolve()
    with zipfile.ZipFile(site_dir / ZIP) as archive:
        names = set(archive.namelist())
    assert {f"south-korea-and-russia/{prefix}{page}" for prefix in LANGUAGES.values() for page in PAGES} <= names
    # The copy does not hold itself, nor the online site's folders.
    assert not [name for name in names if name.endswith(".zip") or name.endswith("/index.html/")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_copy_says_what_it_is_where_the_site_offers_it(offline_dir: Path, language: str) -> None:
    """On the copy's own about page, no link to itself: it says it is the offline copy, and where the site is."""
    about = soup(offline_dir / LANGUAGES[language] / "about.html")
    paragraph = about.select_one("#offline").find_next("p")
    assert not paragraph.select("a[href$='.zip']")
    assert paragraph.select_one("a[href^='http']")


def test_the_zip_is_the_same_for_the_same_sources(tmp_path: Path) -> None:
    """`make offline` builds it; two runs at one commit give the same bytes, as the site's own files are."""
    project = copy_project(tmp_path / "project")
    make = make_in_copy(project, "offline", "SOURCE_DATE_EPOCH=1700000000")
    subprocess.run(make, cwd=project, check=True, capture_output=True)
    first = (project / "site" / ZIP).read_bytes()
    subprocess.run(make, cwd=project, check=True, capture_output=True)
    assert (project / "site" / ZIP).read_bytes() == first
    assert (project / "site" / "timeline" / "index.html").is_file(), "the online site keeps its addresses"


# -----------------------------------------------------------------------------
# Opened from disk
# -----------------------------------------------------------------------------


def test_every_link_of_the_copy_names_a_file_it_holds(offline_dir: Path) -> None:
    """No link opens a folder listing: each names a file in the copy, and each #anchor an id in it."""
    broken = []
    ids: dict[Path, set[str]] = {}
    for html in offline_dir.rglob("*.html"):
        for element in soup(html).select("a[href], link[href], script[src], img[src]"):
            url = element.get("href") or element.get("src")
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("//", "#", "javascript:")) or not parts.path:
                continue
            target = (html.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                broken.append(f"{html.relative_to(offline_dir)}: {url}")
            elif parts.fragment and target.suffix == ".html":
                ids.setdefault(target, {el["id"] for el in soup(target).select("[id]")})
                if unquote(parts.fragment) not in ids[target]:
                    broken.append(f"{html.relative_to(offline_dir)}: {url} (no such anchor)")
    assert broken == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_languages_search_index_is_a_script_with_file_addresses(offline_dir: Path, language: str) -> None:
    """Search reads its index from a script on disk, and every result it can give opens a file."""
    script = (offline_dir / LANGUAGES[language] / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(script.removeprefix("var __index = "))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert locations and all(location.endswith(".html") for location in locations)


# (page, query, the result that must be found) in each language: Korean particles, Russian inflection, a deep
# link to an event.
SEARCHES = {
    "en": ("index.html", "Krasnoyarsk", "timeline.html#krasnoyarsk-speech"),
    "ko": ("ko/index.html", "사할린에", "ko/timeline.html#sakhalin-koreans"),
    "ru": ("ru/index.html", "Сахалине", "ru/timeline.html#sakhalin-koreans"),
}


@pytest.mark.parametrize("language", SEARCHES)
def test_search_works_from_disk_in_each_language_and_opens_the_event(
    reader: dict[str, Any], offline_dir: Path, language: str
) -> None:
    """Typed into the box, as online: the language's own search finds the event, and its result opens it."""
    page, path, query, wanted = reader["page"], *SEARCHES[language]
    open_file(page, offline_dir, path)
    results = [result.split(offline_dir.name + "/", 1)[-1] for result in search(page, query)]
    assert wanted in results, results
    file, anchor = wanted.rsplit("/", 1)[-1].split("#")
    # The result's link carries Material's ?h= highlight, between the file and the anchor.
    page.locator(f".md-search-result__link[href*='{file}'][href$='#{anchor}']").first.click()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith(wanted.split("#")[0]) and url.endswith(f"#{anchor}"))
    expect(page.locator(f"[id='{wanted.split('#')[1]}']")).to_be_in_viewport()
    assert page.evaluate("window.__violations") == []
    assert reader["errors"] == []
    assert {urlsplit(url).scheme for url in reader["requests"]} == {"file"}


def test_the_language_switch_colours_filters_and_printing_work_from_disk(
    reader: dict[str, Any], offline_dir: Path
) -> None:
    """The same page in another language, the other colour scheme, a filtered timeline, a printed section."""
    page = reader["page"]
    open_file(page, offline_dir, "ko/timeline.html")
    page.locator("a.md-select__link[hreflang=ru]").dispatch_event("click")  # the list opens on hover or focus
    page.wait_for_url("**/ru/timeline.html")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.wait_for_function("() => document.body.dataset.menus === 'ready'")  # the scripts have set the page up
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme or "")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.locator("[id='krasnoyarsk-speech'] > button.print-section").click()
    page.wait_for_function("() => window.__printed === 1")
    expect(page.locator(".print-sheet")).to_contain_text("Красноярск")
    page.get_by_label("Только контекст").check()
    expect(page).to_have_url(re.compile(r"\?show=context$"))
    expect(page.get_by_role("status")).to_contain_text("Показано")
    assert page.evaluate("window.__violations") == []
    assert reader["errors"] == []
    assert {urlsplit(url).scheme for url in reader["requests"]} == {"file"}
