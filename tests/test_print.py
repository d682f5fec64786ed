"""Printing, checked on the PDF that Chromium makes with print media and read back with poppler."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from support import corrected_seed, normalise, seed_sentences, soup

# The most pages each view may take on A4. A change that pushes a view past
# its budget should be a choice, made by raising the number here.
PAGE_BUDGET = {"": 4, "timeline/": 12, "quotes/": 2, "about/": 4, "print/": 24}

# Text that only the site's screen furniture carries.
SCREEN_ONLY = ["Table of contents", "Skip to content", "Switch to dark mode", "Switch to light mode",
               "Print section", "Back to top", "Made with", "Initializing search"]


def pdf_text(pdf: bytes, tmp_path: Path, name: str) -> list[str]:
    """Return the text of each page of a PDF, as pdftotext lays it out."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    return out.stdout.split("\f")[:-1]


def body_text(pages: list[str]) -> str:
    """Join the pages' text without what the page margins repeat (title, page number)."""
    bodies = []
    for text in pages:
        lines = text.strip().splitlines()[1:]  # the first line is the margin's title
        bodies.append("\n".join(line for line in lines if not re.fullmatch(r"\s*Page \d+ of \d+\s*", line)))
    return normalise(" ".join(bodies))


def render_pdf(page: Page) -> bytes:
    """Print the page as Chromium does: print media, A4, the page's own margins."""
    page.emulate_media(media="print")
    return page.pdf(format="A4", prefer_css_page_size=True)


def open_page(browser: Browser, url: str, scheme: str = "dark") -> Page:
    """Open a page in the given colour scheme, waiting until the network is idle."""
    page = browser.new_page(color_scheme=scheme)
    page.goto(url, wait_until="networkidle")
    return page


@pytest.fixture(scope="module", name="printed")
def fixture_printed(browser: Browser, site_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every view printed once, in dark mode: path to the text of each PDF page."""
    tmp = tmp_path_factory.mktemp("pdf")
    texts = {}
    for path in PAGE_BUDGET:
        page = open_page(browser, site_url + path)
        texts[path] = pdf_text(render_pdf(page), tmp, path.strip("/") or "index")
        page.close()
    return texts


@pytest.mark.parametrize("path", PAGE_BUDGET)
def test_every_view_prints_within_its_page_budget_without_screen_furniture(printed: dict, path: str) -> None:
    """The PDF has pages, stays in budget, and holds none of the site's navigation text."""
    pages = printed[path]
    assert 1 <= len(pages) <= PAGE_BUDGET[path], f"{path}: {len(pages)} pages"
    text = "\n".join(pages)
    for chrome in SCREEN_ONLY:
        assert chrome not in text, f"{path}: {chrome!r} printed"


@pytest.mark.parametrize("path", PAGE_BUDGET)
def test_each_printed_page_carries_the_title_and_its_number(printed: dict, path: str) -> None:
    """The @page margin boxes name the page and number each sheet."""
    pages = printed[path]
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "South Korea and Russia" in text.strip().splitlines()[0]


@pytest.mark.parametrize("path", ["", "print/"])
def test_every_article_sentence_is_on_paper(printed: dict, path: str, site_dir: Path) -> None:
    """The article prints whole, on its own and inside the whole-site view."""
    text = body_text(printed[path])
    for sentence in seed_sentences(corrected_seed(soup(site_dir / "about" / "index.html"))):
        assert sentence in text, sentence


def test_outside_links_print_their_address(printed: dict) -> None:
    """An outside link is followed by its URL in angle brackets; internal links are not."""
    joined = re.sub(r"\s+", "", "".join(printed["about/"]))
    assert "<https://creativecommons.org/licenses/by-sa/4.0/>" in joined
    assert "<https://en.wikipedia.org/wiki/Foreign_relations_of_South_Korea>" in joined
    assert "timeline<" not in joined


def test_editorial_notes_print_with_their_sources(printed: dict) -> None:
    """The footnotes print in full, with their sources' addresses."""
    joined = re.sub(r"\s+", " ", " ".join(printed[""]))
    assert "Editorial note. The Krasnoyarsk speech was given in September 1988" in joined
    assert "<https://ngs24.ru/text/gorod/2022/08/31/71616002/>" in re.sub(r"\s+", "", joined)


def test_no_event_or_quote_is_split_across_pages(printed: dict, site_dir: Path) -> None:
    """Each event's title and its sources, and each quote and its author, share a page."""
    events = json.loads((site_dir / "data" / "timeline.json").read_text(encoding="utf-8"))["events"]
    pages = [normalise(p) for p in printed["timeline/"]]
    for event in events:
        holding = [p for p in pages if normalise(event["title"]["en"]) in p]
        assert holding, event["id"]
        assert any(normalise(event["sources"][0]["title"])[:30] in p for p in holding), event["id"]
    quotes = [normalise(p) for p in printed["quotes/"]]
    for start, author in [("How can I explain", "Golda Meir (1898–1978)"),
                          ("A fool may be", "Vladimir Nabokov (1899–1977)"),
                          ("In my opinion", "Anton Pavlovich Chekhov (1860–1904)")]:
        assert any(start in p and author in p for p in quotes), author


def test_dark_mode_prints_dark_text_on_white(browser: Browser, site_url: str, tmp_path: Path) -> None:
    """A reader in dark mode still gets a white sheet: the first page is almost all white."""
    page = open_page(browser, site_url + "timeline/", scheme="dark")
    pdf = tmp_path / "dark.pdf"
    pdf.write_bytes(page.pdf(format="A4", print_background=True))
    page.close()
    subprocess.run(["pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-gray", str(pdf), str(tmp_path / "p")], check=True)
    image = next(tmp_path.glob("p*.pgm")).read_bytes()
    pixels = image.split(b"\n", 3)[3]  # after the PGM header: magic, size, depth
    assert sum(pixels) / len(pixels) > 235, "the printed page is not white"


# -----------------------------------------------------------------------------
# Printing one section
# -----------------------------------------------------------------------------

SECTIONS = {
    "article section": ("", "nordpolitik", "Nordpolitik and New Thinking",
                        "New Thinking", ["Kim Young Sam visited Moscow", "4.2 billion US dollars"]),
    "timeline decade": ("timeline/", "1990s", "1990s",
                        "Kim Young-sam meets Gorbachev", ["Gorbachev's Vladivostok speech", "Putin's state visit"]),
    "timeline event": ("timeline/", "krasnoyarsk-speech", "Gorbachev's Krasnoyarsk speech",
                       "16 September 1988",
                       ["Seoul Olympics open with Soviet athletes", "Gorbachev's Vladivostok speech"]),
    "quote": ("quotes/", "anton-chekhov", "Anton Chekhov",
              "philanthropy", ["Golda Meir", "Nabokov"]),
}


def _stub_print(page: Page) -> None:
    """Replace window.print, which headless Chromium cannot show, by a call counter."""
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")


def _wait_printed(page: Page) -> None:
    """Wait until the page has called print exactly once; the section's sheet is made just before."""
    page.wait_for_function("() => window.__printed === 1")


@pytest.mark.parametrize(("path", "anchor", "title", "inside", "outside"), SECTIONS.values(), ids=SECTIONS.keys())
def test_print_this_section_prints_only_that_section_under_a_header(
    browser: Browser, site_url: str, tmp_path: Path,
    path: str, anchor: str, title: str, inside: str, outside: list[str],
) -> None:
    """The button prints a sheet with the site, page and address, the section and nothing else."""
    page = open_page(browser, site_url + path)
    _stub_print(page)
    # A heading's button follows it; an event's opens the entry under its heading.
    button = page.locator(f"[id='{anchor}'] > button.print-section")
    assert button.get_attribute("aria-label") == f"Print section: {title}"
    button.click()
    _wait_printed(page)
    text = normalise(" ".join(pdf_text(render_pdf(page), tmp_path, anchor)))
    assert "South Korea and Russia" in text
    assert f"{site_url}{path}#{anchor}" in text.replace(" ", "")
    assert inside in text
    for other in outside:
        assert other not in text, f"{other!r} printed with {anchor}"
    assert "Print section" not in text
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator(".print-sheet")).to_have_count(0)
    page.close()


# Which headings print on their own: every h2 of a page, and each timeline event.
PRINTABLE = "article h2[id], article h3.timeline-event__title[id]"


@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("path", ["", "timeline/", "quotes/", "ko/timeline/"])
def test_one_small_print_control_sits_in_each_printable_heading(
    browser: Browser, site_url: str, site_dir: Path, path: str, width: int
) -> None:
    """One icon per section, event and quote, inside its heading's box, 24 to 32 px square, hidden on paper."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site_url + path, wait_until="networkidle")
    expected = len(soup(site_dir / path / "index.html").select(PRINTABLE))
    assert expected >= 3
    boxes = page.evaluate("""(selector) => [...document.querySelectorAll(selector)].map((heading) => {
        const controls = heading.querySelectorAll("button.print-section");
        const box = controls[0]?.getBoundingClientRect();
        const head = heading.getBoundingClientRect();
        return {count: controls.length,
                visible: !!box && box.width > 0 && getComputedStyle(controls[0]).visibility === "visible",
                width: box?.width, height: box?.height, inside: !!box && box.top >= head.top - 1 &&
                box.bottom <= head.bottom + 1 && box.right <= head.right + 1};
    })""", PRINTABLE)
    assert len(boxes) == expected
    assert page.locator("button.print-section").count() == expected, "a control outside a printable heading"
    for box in boxes:
        assert box["count"] == 1 and box["visible"] and box["inside"], box
        assert 24 <= box["width"] <= 32 and 24 <= box["height"] <= 32, box
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.emulate_media(media="print")
    expect(page.locator("button.print-section:visible")).to_have_count(0)
    page.close()


def test_a_printed_article_section_keeps_its_notes(browser: Browser, site_url: str, tmp_path: Path) -> None:
    """The notes a section cites print with it, under their own numbers."""
    page = open_page(browser, site_url)
    _stub_print(page)
    page.locator("#first-contacts > button.print-section").click()
    _wait_printed(page)
    text = normalise(" ".join(pdf_text(render_pdf(page), tmp_path, "contacts")))
    assert "Ho Dam" in text and "about ten times too high" in text
    assert "Krasnoyarsk speech was given in September" not in text
    page.close()


def test_the_print_button_works_from_the_keyboard(browser: Browser, site_url: str) -> None:
    """Tab reaches a print button, and Enter prints."""
    page = open_page(browser, site_url + "quotes/")
    _stub_print(page)
    page.locator("button.print-section").first.focus()
    page.keyboard.press("Enter")
    _wait_printed(page)
    page.close()


def test_without_javascript_there_is_no_print_button(browser: Browser, site_url: str, tmp_path: Path) -> None:
    """The control exists only where it works; the page itself still prints whole."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "timeline/")
    assert page.locator("button.print-section").count() == 0
    text = body_text(pdf_text(render_pdf(page), tmp_path, "no-js"))
    assert "Gorbachev's Krasnoyarsk speech" in text and "First launch of the Naro-1 rocket" in text
    context.close()


# -----------------------------------------------------------------------------
# The whole site
# -----------------------------------------------------------------------------


def test_the_whole_site_view_has_cover_contents_and_pages_in_nav_order(printed: dict, site_dir: Path) -> None:
    """Cover, contents, then the article, timeline, quotes and about pages, in that order."""
    text = normalise(" ".join(printed["print/"]))
    # Each page's opening words, which appear nowhere else.
    order = ["THE WHOLE SITE, FOR PRINT", "Contents", "This is the \"Russia\" section of English Wikipedia",
             "The events of the article, with their dates checked", "The page this article was taken from",
             "This site rebuilds one section of an encyclopedia article"]
    positions = [text.find(part) for part in order]
    assert -1 not in positions and positions == sorted(positions), positions


def test_every_link_inside_the_whole_site_view_resolves(site_dir: Path) -> None:
    """Each in-page link has its target, and no link leads back to the separate pages."""
    page = soup(site_dir / "print" / "index.html")
    body = page.select_one("article.md-content__inner")
    ids = {el["id"] for el in page.select("[id]")}
    links = [a["href"] for a in body.select("a[href]")]
    internal = [h for h in links if h.startswith("#")]
    assert len(internal) > 100
    assert [h for h in internal if h[1:] not in ids] == []
    # Only files are outside it: the published data and the offline copy's zip.
    assert not [h for h in links if h.startswith("..") and not h.startswith(("../data/", "../download/"))]


# -----------------------------------------------------------------------------
# Korean and Russian on paper
# -----------------------------------------------------------------------------

# path: words that must come off the PDF as text, in their own script
PRINTED_WORDS = {
    "ko/": ["북방정책과 신사고", "노태우", "고르바초프", "편집자 주"],
    "ko/timeline/": ["연표", "크라스노야르스크", "1988년 9월 16일"],
    "ru/": ["«новое мышление»", "Ро Дэ У", "Горбачёв", "Примечание редакции"],
    "ru/quotes/": ["благотворительности", "Чехов", "Кони"],
    "ko/print/": ["인쇄용 사이트 전체", "차례", "노태우"],
    "ru/print/": ["ВЕСЬ САЙТ ДЛЯ ПЕЧАТИ", "Содержание", "Горбачёв"],
}
PAGE_WORDS = {"ko": "{pages}쪽 중 {page}쪽", "ru": "Страница {page} из {pages}"}


@pytest.mark.parametrize("path", PRINTED_WORDS)
def test_hangul_and_cyrillic_print_as_text_with_the_sheet_numbers_in_the_language(
    browser: Browser, site_url: str, tmp_path: Path, path: str
) -> None:
    """Pdftotext reads the words back (not empty boxes), and each sheet's number is in the page's language."""
    page = open_page(browser, site_url + path)
    pages = pdf_text(render_pdf(page), tmp_path, path.strip("/").replace("/", "-"))
    page.close()
    text = normalise(" ".join(pages)).replace("\u202f", " ")
    for words in PRINTED_WORDS[path]:
        assert words in text, words
    numbering = PAGE_WORDS[path[:2]]
    for number, sheet in enumerate(pages, start=1):
        assert numbering.format(page=number, pages=len(pages)) in normalise(sheet), sheet[-200:]


@pytest.mark.parametrize(("path", "anchor", "label"), [
    ("ko/timeline/", "krasnoyarsk-speech", "이 부분 인쇄: 고르바초프(Gorbachev)의 크라스노야르스크 연설"),
    ("ru/quotes/", "anton-chekhov", "Напечатать раздел: Антон Чехов"),
])
def test_print_this_section_speaks_the_pages_language(
    browser: Browser, site_url: str, tmp_path: Path, path: str, anchor: str, label: str
) -> None:
    """The control is named in the page's language and prints that section alone."""
    page = open_page(browser, site_url + path)
    _stub_print(page)
    button = page.locator(f"[id='{anchor}'] > button.print-section")
    assert button.get_attribute("aria-label") == label
    button.click()
    _wait_printed(page)
    text = normalise(" ".join(pdf_text(render_pdf(page), tmp_path, anchor)))
    assert f"{site_url}{path}#{anchor}" in text.replace(" ", "")
    page.close()
